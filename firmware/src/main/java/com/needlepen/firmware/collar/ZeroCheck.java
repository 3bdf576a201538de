package com.needlepen.firmware.collar;

import com.needlepen.config.CollarSpec;
import com.needlepen.config.TuningSpec;
import com.needlepen.hal.CollarStepper;

/**
 * Proves the collar's step count against the home switch without re-zeroing it: fast to a little
 * short of where the count says the switch is, then slowly on until the switch closes, and notes
 * how far from the expected place that was: where the count has the collar against where the
 * collar's scale has it ({@link CollarStepper#sensedIndexPhaseSteps()}, the frame homing set), so a
 * drifting switch only says when to look (H50). A stepper cannot tell that it lost steps while
 * standing still (skin pressure forcing the collar back, a knock): this finds it before the next
 * run. The procedure only measures; {@link com.needlepen.firmware.safety.CollarCheck} judges the
 * result, so a test can leave the judgement out and show the harm. Where the probe starts, how far
 * it searches and how fast are the profile's ({@code tuning.zeroCheck}). Allocates nothing.
 */
public final class ZeroCheck {

    public enum Phase { IDLE, TO_PROBE_START, PROBE, SETTLE, DONE }

    /** A check that has not finished in this long never will (a stepper that does not stop): it fails. */
    public static final long TIMEOUT_NANOS = 10_000_000_000L;

    private final CollarStepper stepper;
    private final double fastStepsPerS;
    private final double probeStepsPerS;
    private final double accelStepsPerS2;
    private final long probeStartSteps;
    private final long probePastSteps;
    private final boolean fromScale;
    private final long indexFromSwitchSteps;

    private Phase phase = Phase.IDLE;
    private boolean found;
    private long offsetSteps;
    private long checks;
    private long startedNanos;
    private boolean timedOut;
    private long probeBaseLagSteps;

    public ZeroCheck(CollarStepper stepper, CollarSpec spec, TuningSpec.ZeroCheck tuning) {
        this(stepper, spec, tuning, true);
    }

    /**
     * {@code fromScale} as {@link CollarHoming}'s: false judges where the switch closed against the
     * count alone, as a pen homed on its switch must (a test's).
     */
    public ZeroCheck(CollarStepper stepper, CollarSpec spec, TuningSpec.ZeroCheck tuning, boolean fromScale) {
        this.stepper = stepper;
        this.fromScale = fromScale;
        this.indexFromSwitchSteps = CollarHoming.indexFromSwitchSteps(spec);
        this.fastStepsPerS = spec.maxSpeedMmPerS() * spec.stepsPerMm();
        this.probeStepsPerS = fastStepsPerS * tuning.probeSpeedFraction();
        this.accelStepsPerS2 = spec.accelMmPerS2() * spec.stepsPerMm();
        // the fast leg stops this far short of the expected switch, the probe searches this far past it
        this.probeStartSteps = Math.round(tuning.probeStartMm() * spec.stepsPerMm());
        this.probePastSteps = Math.round(tuning.probePastMm() * spec.stepsPerMm());
    }

    /** Starts a check from wherever the collar is. */
    public void start(long nowNanos) {
        phase = Phase.TO_PROBE_START;
        found = false;
        timedOut = false;
        offsetSteps = 0;
        startedNanos = nowNanos;
        stepper.moveTo(probeStartSteps, fastStepsPerS, accelStepsPerS2);
    }

    /** Forgets the last result (after re-homing, which sets a new zero). */
    public void reset() {
        phase = Phase.IDLE;
        found = false;
        timedOut = false;
        offsetSteps = 0;
    }

    /** Call every tick while checking. */
    public Phase periodic(long nowNanos) {
        if (phase != Phase.DONE && phase != Phase.IDLE && nowNanos - startedNanos > TIMEOUT_NANOS) {
            stepper.stop();
            found = false;
            timedOut = true;
            finish();
            return phase;
        }
        boolean pressed = stepper.homeSwitchPressed();
        switch (phase) {
            case TO_PROBE_START -> {
                if (pressed && (stepper.positionSteps() > probeStartSteps || !stepper.isMoving())) {
                    trip(); // closed before the probe began: the collar is shallower than its count
                } else if (!stepper.isMoving()) {
                    phase = Phase.PROBE;
                    probeBaseLagSteps = stepper.sensedPositionSteps() - stepper.positionSteps();
                    stepper.moveTo(-probePastSteps, probeStepsPerS, accelStepsPerS2);
                }
            }
            case PROBE -> {
                if (pressed) {
                    trip();
                } else if (!stepper.isMoving()) {
                    found = false; // never closed: the collar is deeper than its count by more than the search
                    offsetSteps = -probePastSteps;
                    finish();
                }
            }
            case SETTLE -> {
                if (!stepper.isMoving()) {
                    finish();
                }
            }
            default -> {
            }
        }
        return phase;
    }

    private void trip() {
        found = true;
        // where the count has the collar against where the scale has it, read at the same instant: the switch
        // only says when to read, so its drift is not taken for lost steps
        offsetSteps = fromScale
                ? stepper.positionSteps() - (indexFromSwitchSteps + stepper.sensedIndexPhaseSteps())
                : stepper.positionSteps();
        stepper.stop();
        phase = Phase.SETTLE;
    }

    private void finish() {
        phase = Phase.DONE;
        checks++;
    }

    public Phase phase() {
        return phase;
    }

    /** Whether a finished check has a result to judge. */
    public boolean done() {
        return phase == Phase.DONE;
    }

    /** Whether the switch closed within the search. */
    public boolean found() {
        return found;
    }

    /**
     * Where the switch closed, in steps from where the count expects it: positive when the collar
     * is shallower than its count says (the needles shallower than set), negative when deeper. When
     * the switch was not found, minus the search distance (at least that much deeper).
     */
    public long offsetSteps() {
        return offsetSteps;
    }

    /**
     * How far the collar, as its position sensor measures it, has fallen behind its steps since the
     * probe began, in steps: the probe goes shallower, so a collar that stopped (against its shallow
     * stop) while the count went on shows a growing positive lag. The probe is slower than the
     * driver's StallGuard can see ({@code CollarStepper#stallDetected} is blind below its threshold
     * speed), so this, not the stall flag, tells that the collar stopped. 0 outside the probe.
     */
    public long probeLagSteps() {
        if (phase != Phase.PROBE) {
            return 0L;
        }
        return stepper.sensedPositionSteps() - stepper.positionSteps() - probeBaseLagSteps;
    }

    /** Whether the last check gave up unfinished: its result says nothing of the count. */
    public boolean timedOut() {
        return timedOut;
    }

    /** Checks completed since power-on. */
    public long checks() {
        return checks;
    }
}
