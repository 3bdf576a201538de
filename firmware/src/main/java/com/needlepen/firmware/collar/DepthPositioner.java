package com.needlepen.firmware.collar;

import com.needlepen.config.CollarSpec;
import com.needlepen.hal.CollarStepper;

/**
 * Moves the depth collar. A depth becomes collar steps through the depth map (the calibration).
 *
 * <p>Which side of the play between nut and collar a move ends on matters, because the skin's press
 * (2 to 10 N) bears on the collar and pushes it deeper, onto the nut's deep flank (H42 in
 * docs/safety.md). So while the needles are not running, every move <b>ends moving shallower</b> by
 * at least {@link #FLANK_MM}: a deeper target is passed by that much and approached from below,
 * and the collar rests on the flank the press presses against, where the calibration (made under
 * load) measured it; a press then moves it only by the thread's give. While the needles run, a
 * deeper target is never passed (the tips would go deeper than set): it is approached moving deeper,
 * as before, and on skin the press itself keeps the collar on its loaded flank; a collar that ended
 * a move deeper in air rests on the other flank, the play shallower than under the press (the safe
 * side), which {@link com.needlepen.firmware.safety.CollarPositionCheck} allows for.
 *
 * <p>This is the second of the two depth checks: whatever asks, a target deeper than the current
 * limit is clamped to it and reported ({@link #limitViolated()}), so the supervisor can fault.
 */
public final class DepthPositioner {

    /** Undershoot before approaching a shallower target from the shallow side. */
    private static final double APPROACH_MM = 0.1;
    /**
     * How far past a deeper target a move goes before coming back to it, so that it ends moving
     * shallower by more than the play between nut and collar (0.03 mm on the sim's units; a real
     * screw's play must be measured below this). Kept short: the calibration's deepest point stays
     * 0.1 mm short of the hard stop.
     */
    public static final double FLANK_MM = 0.05;

    private final CollarStepper stepper;
    private final CollarSpec spec;
    private final NominalDepthMap nominal;
    private final double speedStepsPerS;
    private final double accelStepsPerS2;
    private final long approachSteps;
    private final long flankSteps;
    private final boolean endOnLoadedFlank;
    private boolean needlesRunning;
    private boolean shallowerRun;
    private long shallowerRunStartSteps;

    private DepthMap map;
    private long limitSteps;
    private double targetMm;
    private long targetSteps;
    private boolean approaching;
    /** Whether the first leg of the present move goes past a deeper target (to end on the loaded flank). */
    private boolean overshooting;
    private long lastPositionSteps;
    private boolean lastMotionDeeper;
    private long deeperRunStartSteps;
    private boolean limitViolated;

    public DepthPositioner(CollarStepper stepper, CollarSpec spec, DepthMap map, double limitMm) {
        this(stepper, spec, map, limitMm, true);
    }

    /**
     * {@code endOnLoadedFlank} false: every move ends moving deeper, as before H42, leaving a collar
     * at rest on the flank the press pushes it off; only for the test that shows the depth error it
     * causes under skin load.
     */
    public DepthPositioner(CollarStepper stepper, CollarSpec spec, DepthMap map, double limitMm, boolean endOnLoadedFlank) {
        this.endOnLoadedFlank = endOnLoadedFlank;
        this.stepper = stepper;
        this.spec = spec;
        this.nominal = new NominalDepthMap(spec);
        this.map = map;
        this.speedStepsPerS = spec.maxSpeedMmPerS() * spec.stepsPerMm();
        this.accelStepsPerS2 = spec.accelMmPerS2() * spec.stepsPerMm();
        this.approachSteps = Math.round(APPROACH_MM * spec.stepsPerMm());
        this.flankSteps = Math.round(FLANK_MM * spec.stepsPerMm());
        setLimitMm(limitMm);
    }

    /**
     * Sets the deepest depth the command path lets through (the practitioner's ceiling, through
     * the depth map), never beyond the absolute maximum.
     */
    public void setLimitMm(double limitMm) {
        this.limitSteps = map.stepsFor(Math.min(limitMm, spec.absoluteMaxDepthMm()));
    }

    /**
     * For calibration: the limit is the absolute maximum at its nominal steps (the true depth there
     * is what the calibration is about to find out; the hard stop bounds it mechanically).
     */
    public void setNominalAbsoluteLimit() {
        this.limitSteps = nominal.stepsFor(spec.absoluteMaxDepthMm());
    }

    /** Starts moving the collar to {@code depthMm} through the depth map. */
    public void moveTo(double depthMm) {
        targetMm = depthMm;
        moveToSteps(map.stepsFor(depthMm));
    }

    /** Starts moving the collar to {@code steps} from the home switch (calibration and bench moves). */
    public void moveToSteps(long steps) {
        long target = steps;
        if (target > limitSteps) {
            limitViolated = true;
            target = limitSteps;
        }
        targetSteps = target;
        targetMm = map.depthFor(target);
        long now = stepper.positionSteps();
        if (endOnLoadedFlank && !needlesRunning) {
            // End moving shallower by more than the play, on the flank the press bears on. A target
            // shallower than the collar is gone to straight (shallower is safe in any state, a fault's too);
            // a deeper one is passed by the flank distance (within the limit) and approached from below.
            boolean shallowEnough = target <= now - flankSteps
                    || (shallowerRun && target <= now && shallowerRunStartSteps - target >= flankSteps);
            long past = Math.min(target + flankSteps, limitSteps);
            if (target < now || shallowEnough || past <= target) {
                approaching = false;
                overshooting = false;
                stepper.moveTo(target, speedStepsPerS, accelStepsPerS2);
            } else {
                approaching = true;
                overshooting = true;
                stepper.moveTo(past, speedStepsPerS, accelStepsPerS2);
            }
            return;
        }
        // The final leg must move deeper by the whole approach distance, or the nut may not take up the
        // backlash. Only a collar that is moving deeper and will have moved deeper by the approach
        // distance since it last turned round may go straight to the target; any other gets an
        // approach leg (the safety property found collars that reached their target moving 21 and 24
        // steps deeper after turning round, less than the play).
        boolean deepEnough = lastMotionDeeper && target - deeperRunStartSteps >= approachSteps;
        overshooting = false;
        if (target < now || !deepEnough || (target == now && stepper.isMoving())) {
            approaching = true;
            stepper.moveTo(Math.max(0, target - approachSteps), speedStepsPerS, accelStepsPerS2);
        } else {
            approaching = false;
            stepper.moveTo(target, speedStepsPerS, accelStepsPerS2);
        }
    }

    /**
     * Follows which way the collar last moved; call every tick, in every state, so the backlash side
     * is always known (homing ends moving shallower).
     */
    public void track() {
        long position = stepper.positionSteps();
        if (position > lastPositionSteps) {
            if (!lastMotionDeeper) {
                deeperRunStartSteps = lastPositionSteps; // turned round here
            }
            lastMotionDeeper = true;
            shallowerRun = false;
        } else if (position < lastPositionSteps) {
            if (!shallowerRun) {
                shallowerRunStartSteps = lastPositionSteps; // turned round here
            }
            shallowerRun = true;
            lastMotionDeeper = false;
        }
        lastPositionSteps = position;
    }

    /**
     * A fault's (FAULT does not continue two-leg moves): a collar on its way past a deeper target, to come
     * back onto the loaded flank, is sent straight to the target instead, so it stops no deeper than set; a
     * collar deeper than its target goes back to it (shallower, safe in any state). Any other move is left
     * to end where it was going (an undershoot leg ends shallower than the target). The safety property
     * found a fault in CHECKING leaving the collar on its overshoot, 0.0207 mm past a set 0.95 mm, with a
     * drive-suspect fault's braked cam at its top holding the tips there.
     */
    public void noDeeperThanTarget() {
        boolean past = stepper.positionSteps() > targetSteps;
        if (overshooting || past) {
            overshooting = false;
            approaching = false;
            stepper.moveTo(targetSteps, speedStepsPerS, accelStepsPerS2);
        }
    }

    /** Continues a two-leg move; call every tick. */
    public void periodic() {
        if (approaching && !stepper.isMoving()) {
            approaching = false;
            overshooting = false;
            stepper.moveTo(targetSteps, speedStepsPerS, accelStepsPerS2);
        }
    }

    /**
     * Whether the needles are running: then a deeper target is never passed (see the class comment).
     * Set by RUNNING's enter and exit.
     */
    public void needlesRunning(boolean running) {
        needlesRunning = running;
    }

    public boolean settled() {
        return !approaching && !stepper.isMoving() && stepper.positionSteps() == targetSteps;
    }

    /** The depth the collar's step count stands for now, through the depth map. */
    public double collarDepthMm() {
        return map.depthFor(stepper.positionSteps());
    }

    public long collarSteps() {
        return stepper.positionSteps();
    }

    /** Steps for a nominal (uncalibrated) depth. */
    public long nominalSteps(double depthMm) {
        return nominal.stepsFor(depthMm);
    }

    public double targetMm() {
        return targetMm;
    }

    public long limitSteps() {
        return limitSteps;
    }

    /** Whether a command deeper than the limit was clamped since the last {@link #clearViolation()}. */
    public boolean limitViolated() {
        return limitViolated;
    }

    public void clearViolation() {
        limitViolated = false;
    }
}
