package com.needlepen.firmware.drive;

import com.needlepen.config.TuningSpec;

/**
 * Turns the cam slowly for calibration: one revolution at a time, {@code ratePerSecond} times a
 * second on average. A DC motor on a spring-loaded cam cannot creep at 1–2 Hz: below about 15 %
 * duty the spring stalls it, above it the rotor's momentum carries it at 15 Hz or more. So each
 * revolution is a short drive pulse that ends at the index edge, a brake, and a pause: the needles
 * make one full stroke per step (the max-hold gauge sees its peak), and the carrier never leaves
 * the cam at these speeds.
 */
public final class CamStepper {

    public enum Result { BUSY, STALLED }

    /** An index edge this soon after the pulse starts is the one the cam was sitting on. */
    private static final long MIN_DRIVE_NANOS = 5_000_000L;
    private static final long MAX_DRIVE_NANOS = 500_000_000L;

    private enum Phase { PAUSE, DRIVE, SETTLE }

    private final StrokeDrive drive;
    private final ShaftStillness stillness;
    /** Duty of a drive pulse: well above the spring's breakaway duty ({@code tuning.camStepping}). */
    private final double driveDuty;
    private long periodNanos;
    private Phase phase = Phase.PAUSE;
    private long nextStepNanos;
    private long phaseStartNanos;
    private long revolutions;

    public CamStepper(StrokeDrive drive, TuningSpec tuning) {
        this.drive = drive;
        this.stillness = new ShaftStillness(drive, tuning.stillShaft());
        this.driveDuty = tuning.camStepping().driveDutyFraction();
    }

    public void start(long nowNanos, double revolutionsPerSecond) {
        periodNanos = Math.round(1e9 / revolutionsPerSecond);
        phase = Phase.PAUSE;
        nextStepNanos = nowNanos;
        drive.brake();
    }

    public Result periodic(long nowNanos) {
        switch (phase) {
            case PAUSE -> {
                if (nowNanos >= nextStepNanos) {
                    nextStepNanos += periodNanos;
                    phase = Phase.DRIVE;
                    phaseStartNanos = nowNanos;
                    drive.nudge(nowNanos, driveDuty);
                }
            }
            case DRIVE -> {
                long driving = nowNanos - phaseStartNanos;
                if (drive.edgesThisTick() > 0 && driving >= MIN_DRIVE_NANOS) {
                    drive.brake();
                    revolutions++;
                    phase = Phase.SETTLE;
                    stillness.reset();
                } else if (driving > MAX_DRIVE_NANOS) {
                    drive.brake();
                    return Result.STALLED;
                }
            }
            case SETTLE -> {
                if (stillness.still(nowNanos)) {
                    phase = Phase.PAUSE;
                }
            }
        }
        return Result.BUSY;
    }

    /** Full revolutions stepped since power-on. */
    public long revolutions() {
        return revolutions;
    }
}
