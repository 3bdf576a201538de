package com.needlepen.firmware.drive;

import com.needlepen.config.TuningSpec;

/**
 * Parks the cam at its lowest point (index active: needles hidden) after the drive has braked.
 *
 * <p>Braking shorts the windings; the spring then turns the cam back to its lowest point unless it
 * stopped within a few degrees of the top, where brush friction holds it with the tips out. So:
 * wait until the braking current says the shaft is still; if the index is active, the cam is
 * parked; otherwise nudge it forward with a short low-duty pulse over the top and brake again.
 * How long to brake, and the nudge's duty and length, are the profile's ({@code tuning.parking}).
 */
public final class CamParker {

    public enum Result { BUSY, PARKED, FAILED }

    private static final int MAX_NUDGES = 12;
    /**
     * A brake that has not stopped the shaft in this long is not braking (a shorted driver keeps
     * driving): parking fails, and the fault that follows stops feeding the enable timer.
     */
    static final long TIMEOUT_NANOS = 1_000_000_000L;

    private final StrokeDrive drive;
    private final ShaftStillness stillness;
    private final long minBrakeNanos;
    private final long nudgeNanos;
    private final double nudgeDuty;
    private long phaseStartNanos;
    private boolean nudging;
    private int nudges;
    private long parkedAtNanos;
    private long startedNanos;

    public CamParker(StrokeDrive drive, TuningSpec tuning) {
        this.drive = drive;
        this.stillness = new ShaftStillness(drive, tuning.stillShaft());
        this.minBrakeNanos = tuning.parking().minBrakeNanos();
        this.nudgeNanos = tuning.parking().nudgeNanos();
        this.nudgeDuty = tuning.parking().nudgeDutyFraction();
    }

    public void start(long nowNanos) {
        drive.brake();
        startedNanos = nowNanos;
        phaseStartNanos = nowNanos;
        stillness.reset();
        nudging = false;
        nudges = 0;
    }

    public Result periodic(long nowNanos) {
        if (nowNanos - startedNanos > TIMEOUT_NANOS) {
            drive.brake();
            return Result.FAILED;
        }
        if (nudging) {
            if (nowNanos - phaseStartNanos >= nudgeNanos) {
                drive.brake();
                nudging = false;
                phaseStartNanos = nowNanos;
                stillness.reset();
            }
            return Result.BUSY;
        }
        boolean still = stillness.still(nowNanos);
        if (!still || nowNanos - phaseStartNanos < minBrakeNanos) {
            return Result.BUSY;
        }
        if (drive.indexActive()) {
            parkedAtNanos = nowNanos;
            return Result.PARKED;
        }
        if (nudges >= MAX_NUDGES) {
            return Result.FAILED;
        }
        nudges++;
        nudging = true;
        phaseStartNanos = nowNanos;
        drive.nudge(nowNanos, nudgeDuty);
        return Result.BUSY;
    }

    public long parkedAtNanos() {
        return parkedAtNanos;
    }
}
