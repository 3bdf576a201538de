package com.needlepen.firmware.collar;

import com.needlepen.config.CollarSpec;
import com.needlepen.hal.CollarStepper;

/**
 * Moves the depth collar to a depth. Depth becomes collar steps through the calibration (for now
 * the profile's nominal steps per mm from the home switch); every target is approached moving
 * deeper, so the nut always bears on the same side of the backlash.
 *
 * <p>This is the second of the two depth checks: whatever asks, a target deeper than the current
 * limit is clamped to it and reported ({@link #limitViolated()}), so the supervisor can fault.
 */
public final class DepthPositioner {

    /** Undershoot before approaching a shallower target from the shallow side. */
    private static final double APPROACH_MM = 0.1;

    private final CollarStepper stepper;
    private final CollarSpec spec;
    private final double speedStepsPerS;
    private final double accelStepsPerS2;

    private double limitMm;
    private double targetMm;
    private long targetSteps;
    private long approachSteps;
    private boolean approaching;
    private boolean limitViolated;

    public DepthPositioner(CollarStepper stepper, CollarSpec spec, double limitMm) {
        this.stepper = stepper;
        this.spec = spec;
        this.limitMm = limitMm;
        this.speedStepsPerS = spec.maxSpeedMmPerS() * spec.stepsPerMm();
        this.accelStepsPerS2 = spec.accelMmPerS2() * spec.stepsPerMm();
    }

    /** Sets the deepest depth the command path lets through (the ceiling, or the absolute maximum). */
    public void setLimitMm(double limitMm) {
        this.limitMm = Math.min(limitMm, spec.absoluteMaxDepthMm());
    }

    /** Starts moving the collar to {@code depthMm}. */
    public void moveTo(double depthMm) {
        double clamped = depthMm;
        if (!(depthMm <= limitMm + 1e-9)) {
            limitViolated = true;
            clamped = limitMm;
        }
        targetMm = clamped;
        targetSteps = stepsFor(clamped);
        long now = stepper.positionSteps();
        if (targetSteps < now) {
            approaching = true;
            approachSteps = Math.max(0, targetSteps - Math.round(APPROACH_MM * spec.stepsPerMm()));
            stepper.moveTo(approachSteps, speedStepsPerS, accelStepsPerS2);
        } else {
            approaching = false;
            stepper.moveTo(targetSteps, speedStepsPerS, accelStepsPerS2);
        }
    }

    /** Continues a two-leg move; call every tick. */
    public void periodic() {
        if (approaching && !stepper.isMoving()) {
            approaching = false;
            stepper.moveTo(targetSteps, speedStepsPerS, accelStepsPerS2);
        }
    }

    public boolean settled() {
        return !approaching && !stepper.isMoving() && stepper.positionSteps() == targetSteps;
    }

    /** Collar steps for a depth (nominal calibration: steps per mm from the home switch). */
    public long stepsFor(double depthMm) {
        return Math.round((depthMm - spec.homeDepthMm()) * spec.stepsPerMm());
    }

    /** The depth the collar's step count stands for now. */
    public double collarDepthMm() {
        return spec.homeDepthMm() + stepper.positionSteps() / spec.stepsPerMm();
    }

    public double targetMm() {
        return targetMm;
    }

    /** Whether a command deeper than the limit was clamped since the last {@link #clearViolation()}. */
    public boolean limitViolated() {
        return limitViolated;
    }

    public void clearViolation() {
        limitViolated = false;
    }
}
