package com.needlepen.firmware.drive;

/**
 * Parks the cam at its lowest point (index active: needles hidden) after the drive has braked.
 *
 * <p>Braking shorts the windings; the spring then turns the cam back to its lowest point unless it
 * stopped within a few degrees of the top, where brush friction holds it with the tips out. So:
 * wait until the braking current says the shaft is still; if the index is active, the cam is
 * parked; otherwise nudge it forward with a short low-duty pulse over the top and brake again.
 */
public final class CamParker {

    public enum Result { BUSY, PARKED, FAILED }

    private static final long MIN_BRAKE_NANOS = 30_000_000L;
    private static final long NUDGE_NANOS = 12_000_000L;
    private static final double NUDGE_DUTY = 0.08;
    private static final int MAX_NUDGES = 12;
    /**
     * A brake that has not stopped the shaft in this long is not braking (a shorted driver keeps
     * driving): parking fails, and the fault that follows stops feeding the enable timer.
     */
    static final long TIMEOUT_NANOS = 1_000_000_000L;

    private final StrokeDrive drive;
    private final ShaftStillness stillness;
    private long phaseStartNanos;
    private boolean nudging;
    private int nudges;
    private long parkedAtNanos;
    private long startedNanos;

    public CamParker(StrokeDrive drive) {
        this.drive = drive;
        this.stillness = new ShaftStillness(drive);
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
            if (nowNanos - phaseStartNanos >= NUDGE_NANOS) {
                drive.brake();
                nudging = false;
                phaseStartNanos = nowNanos;
                stillness.reset();
            }
            return Result.BUSY;
        }
        boolean still = stillness.still(nowNanos);
        if (!still || nowNanos - phaseStartNanos < MIN_BRAKE_NANOS) {
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
        drive.nudge(nowNanos, NUDGE_DUTY);
        return Result.BUSY;
    }

    public long parkedAtNanos() {
        return parkedAtNanos;
    }
}
