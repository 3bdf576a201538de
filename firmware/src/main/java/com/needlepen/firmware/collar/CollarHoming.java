package com.needlepen.firmware.collar;

import com.needlepen.config.CollarSpec;
import com.needlepen.hal.CollarStepper;

/**
 * Finds the collar's zero: fast approach to the home switch, back off, slow re-approach, and where
 * the switch closes, the zero is taken from the collar's position sensor's scale, not from the
 * switch (H50): the scale's index mark sits {@link #INDEX_FROM_SWITCH_MM} deeper than the switch's
 * nominal trip point (a hardware requirement), and the sensor's absolute reading within its pole
 * pair ({@link CollarStepper#sensedIndexPhaseSteps()}) says where the collar is against it. A switch
 * whose trip point drifts (wear, temperature: 0.02 to 0.05 mm over a life) then only selects the
 * index mark; the zero, and every depth, stays where the calibration found it. How far the switch
 * closed from its nominal place against the scale is kept ({@link #switchOffsetSteps()}): beyond
 * {@link #SWITCH_DRIFT_BOUND_MM} the switch has moved more than its specification allows, and the
 * pen is sent for service (F34). Always approaches from the deep side, so backlash is the same
 * every time. Fails with a reason when the switch never closes over the whole travel, never
 * releases, or the procedure takes too long. Driven by {@link #periodic(long)}; allocates only on
 * failure.
 */
public final class CollarHoming {

    public enum Phase { IDLE, RELEASE, FAST_APPROACH, BACK_OFF, SLOW_APPROACH, SETTLE, DONE, FAILED }

    /**
     * How far deeper than the home switch's nominal trip point the collar scale's index mark sits (a
     * hardware requirement: placed against the switch within 0.02 mm at assembly). Half the scale's
     * 2 mm pole pair away from the ambiguous point, so a switch may drift up to 0.5 mm before the
     * nearest index could be another one.
     */
    public static final double INDEX_FROM_SWITCH_MM = 0.5;
    /**
     * How far the switch may close from its nominal place against the scale: its specified drift over
     * a life (0.05 mm) and the index's placement (0.02 mm), with margin. Beyond it F34: the switch moved
     * more than a switch that is still sound does, and the zero check's window around it (0.1 mm before,
     * 0.3 mm past) is being used up.
     */
    public static final double SWITCH_DRIFT_BOUND_MM = 0.1;

    /** {@link #INDEX_FROM_SWITCH_MM} in the profile's microsteps. */
    public static long indexFromSwitchSteps(CollarSpec spec) {
        return Math.round(INDEX_FROM_SWITCH_MM * spec.stepsPerMm());
    }

    private static final double BACK_OFF_MM = 0.3;
    private static final double SLOW_FRACTION = 0.1;
    private static final long TIMEOUT_NANOS = 15_000_000_000L;

    private final CollarStepper stepper;
    private final CollarSpec spec;
    private final double fastStepsPerS;
    private final double slowStepsPerS;
    private final double accelStepsPerS2;

    private final long indexFromSwitchSteps;
    private final boolean fromScale;

    private Phase phase = Phase.IDLE;
    private long startedNanos;
    private long tripSteps;
    private long tripPhaseSteps;
    private long backOffTarget;
    private String failure;

    public CollarHoming(CollarStepper stepper, CollarSpec spec) {
        this(stepper, spec, true);
    }

    /**
     * {@code fromScale} false takes the zero where the switch closes, as homing did before H50: for a
     * test that shows what a drifting switch then does to the depth. The firmware always homes from
     * the scale.
     */
    public CollarHoming(CollarStepper stepper, CollarSpec spec, boolean fromScale) {
        this.stepper = stepper;
        this.fromScale = fromScale;
        this.indexFromSwitchSteps = indexFromSwitchSteps(spec);
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
                    tripPhaseSteps = stepper.sensedIndexPhaseSteps(); // the same instant as the count
                    stepper.stop();
                    phase = Phase.SETTLE;
                } else if (!stepper.isMoving()) {
                    return fail("home switch did not press again on the slow approach");
                }
            }
            case SETTLE -> {
                if (!stepper.isMoving()) {
                    // the count where the switch closed, in a frame whose index mark is at indexFromSwitchSteps
                    long atTrip = fromScale ? switchOffsetSteps() : 0L;
                    stepper.setPositionSteps(stepper.positionSteps() - tripSteps + atTrip);
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

    /**
     * Where the switch closed on the last slow approach against its nominal place by the collar's
     * scale, in steps (deeper positive): the index's placement plus the switch's drift.
     */
    public long switchOffsetSteps() {
        return tripPhaseSteps + indexFromSwitchSteps;
    }

    public String failure() {
        return failure;
    }
}
