package com.needlepen.firmware.collar;

import com.needlepen.config.CollarSpec;
import com.needlepen.hal.CollarStepper;

/**
 * Finds the collar's zero at its home switch: fast approach, back off, slow re-approach, set zero
 * where the switch closed. Always approaches from the deep side, so backlash is the same every
 * time. Fails with a reason when the switch never closes over the whole travel, never releases, or
 * the procedure takes too long. Driven by {@link #periodic(long)}; allocates only on failure.
 */
public final class CollarHoming {

    public enum Phase { IDLE, RELEASE, FAST_APPROACH, BACK_OFF, SLOW_APPROACH, SETTLE, DONE, FAILED }

    private static final double BACK_OFF_MM = 0.3;
    private static final double SLOW_FRACTION = 0.1;
    private static final long TIMEOUT_NANOS = 15_000_000_000L;

    private final CollarStepper stepper;
    private final CollarSpec spec;
    private final double fastStepsPerS;
    private final double slowStepsPerS;
    private final double accelStepsPerS2;

    private Phase phase = Phase.IDLE;
    private long startedNanos;
    private long tripSteps;
    private long backOffTarget;
    private String failure;

    public CollarHoming(CollarStepper stepper, CollarSpec spec) {
        this.stepper = stepper;
        this.spec = spec;
        this.fastStepsPerS = spec.maxSpeedMmPerS() * spec.stepsPerMm();
        this.slowStepsPerS = fastStepsPerS * SLOW_FRACTION;
        this.accelStepsPerS2 = spec.accelMmPerS2() * spec.stepsPerMm();
    }

    public void start(long nowNanos) {
        startedNanos = nowNanos;
        failure = null;
        backOffTarget = Long.MIN_VALUE;
        if (stepper.homeSwitchPressed()) {
            phase = Phase.RELEASE;
            stepper.moveTo(stepper.positionSteps() + steps(BACK_OFF_MM * 2), fastStepsPerS, accelStepsPerS2);
        } else {
            beginFastApproach();
        }
    }

    private void beginFastApproach() {
        phase = Phase.FAST_APPROACH;
        stepper.moveTo(stepper.positionSteps() - steps(spec.travelMm() * 1.2), fastStepsPerS, accelStepsPerS2);
    }

    public Phase periodic(long nowNanos) {
        if (phase == Phase.DONE || phase == Phase.FAILED || phase == Phase.IDLE) {
            return phase;
        }
        if (nowNanos - startedNanos > TIMEOUT_NANOS) {
            return fail("homing took longer than " + TIMEOUT_NANOS / 1_000_000_000L + " s");
        }
        boolean pressed = stepper.homeSwitchPressed();
        switch (phase) {
            case RELEASE -> {
                if (!stepper.isMoving()) {
                    if (pressed) {
                        return fail("home switch never released after backing off "
                                + String.format(java.util.Locale.ROOT, "%.1f mm", BACK_OFF_MM * 2));
                    }
                    beginFastApproach();
                }
            }
            case FAST_APPROACH -> {
                if (pressed) {
                    stepper.stop();
                    phase = Phase.BACK_OFF;
                } else if (!stepper.isMoving()) {
                    return fail("home switch never pressed over "
                            + String.format(java.util.Locale.ROOT, "%.1f mm", spec.travelMm() * 1.2) + " of travel");
                }
            }
            case BACK_OFF -> {
                if (!stepper.isMoving()) {
                    if (stepper.positionSteps() == backOffTarget) {
                        if (pressed) {
                            return fail("home switch never released after backing off "
                                    + String.format(java.util.Locale.ROOT, "%.1f mm", BACK_OFF_MM));
                        }
                        phase = Phase.SLOW_APPROACH;
                        stepper.moveTo(stepper.positionSteps() - steps(BACK_OFF_MM * 2), slowStepsPerS, accelStepsPerS2);
                    } else {
                        backOffTarget = stepper.positionSteps() + steps(BACK_OFF_MM);
                        stepper.moveTo(backOffTarget, fastStepsPerS, accelStepsPerS2);
                    }
                }
            }
            case SLOW_APPROACH -> {
                if (pressed) {
                    tripSteps = stepper.positionSteps();
                    stepper.stop();
                    phase = Phase.SETTLE;
                } else if (!stepper.isMoving()) {
                    return fail("home switch did not press again on the slow approach");
                }
            }
            case SETTLE -> {
                if (!stepper.isMoving()) {
                    stepper.setPositionSteps(stepper.positionSteps() - tripSteps);
                    phase = Phase.DONE;
                }
            }
            default -> {
            }
        }
        return phase;
    }

    private Phase fail(String reason) {
        stepper.stop();
        failure = reason;
        phase = Phase.FAILED;
        return phase;
    }

    private long steps(double mm) {
        return Math.round(mm * spec.stepsPerMm());
    }

    public Phase phase() {
        return phase;
    }

    /** Why homing failed, or null. */
    /** Where the switch closed on the last slow approach, in the step count before re-zeroing. */
    public long lastTripSteps() {
        return tripSteps;
    }

    public String failure() {
        return failure;
    }
}
