package com.needlepen.hal.sim;

import com.needlepen.hal.CollarStepper;
import com.needlepen.hal.HoldCurrent;

/**
 * The depth collar: a stepper turning a captive lead screw whose nut pushes the collar.
 *
 * <p>The driver counts the steps it issues; where the collar truly is differs from the nominal
 * steps-per-mm by a scale error, a periodic lead-screw error, backlash between nut and collar and
 * the home switch's true position. Steps that would push the collar through a hard stop are lost:
 * the counter moves, the collar does not.
 */
final class CollarPlant implements CollarStepper {

    private final SimParameters.Collar p;
    private final double trueStepsPerMm;

    private long counterSteps;
    private double commandedSteps;
    private double velocityStepsPerS;
    private long targetSteps;
    private double maxSpeed;
    private double accel;
    private boolean moving;
    private HoldCurrent holdCurrent = HoldCurrent.REDUCED;

    /** Physical steps the screw has actually turned, from an arbitrary origin. */
    private long screwSteps;
    private final double nutOriginMm;
    private double collarDepthMm;
    private Boolean homeSwitchForced;
    private long lostSteps;
    /**
     * The driver's stall flag: set when steps are lost while it steps (load detection such as
     * StallGuard works from the back-EMF of a turning motor, so a collar forced while standing
     * still goes unseen), cleared by re-zeroing.
     */
    private boolean stalled;

    /** Hysteresis of the home switch: it opens again this far past where it closed. */
    private static final double SWITCH_HYSTERESIS_MM = 0.02;

    private final java.util.SplittableRandom random;
    private double switchTripMm;
    private boolean switchClosed;

    CollarPlant(SimParameters.Collar p, java.util.SplittableRandom random) {
        this.p = p;
        this.random = random;
        this.switchTripMm = drawTrip();
        this.trueStepsPerMm = p.stepsPerMmNominal() / (1.0 + p.scaleError());
        this.collarDepthMm = p.initialDepthMm();
        // the nut starts pressing the collar from the deep side: the collar sits half the play shallower
        this.nutOriginMm = collarDepthMm + p.backlashMm() / 2.0;
        updateSwitch();
    }

    @Override
    public void moveTo(long target, double maxStepsPerSecond, double accelStepsPerSecond2) {
        if (maxStepsPerSecond <= 0 || accelStepsPerSecond2 <= 0) {
            throw new IllegalArgumentException("speed and acceleration must be > 0");
        }
        targetSteps = target;
        maxSpeed = maxStepsPerSecond;
        accel = accelStepsPerSecond2;
        moving = target != counterSteps || velocityStepsPerS != 0.0;
    }

    @Override
    public void stop() {
        // decelerate to a stop at the nearest step reachable within the acceleration limit
        double brakingSteps = velocityStepsPerS * velocityStepsPerS / (2.0 * Math.max(accel, 1.0));
        targetSteps = Math.round(commandedSteps + Math.signum(velocityStepsPerS) * brakingSteps);
    }

    @Override
    public boolean isMoving() {
        return moving;
    }

    @Override
    public long positionSteps() {
        return counterSteps;
    }

    @Override
    public boolean stallDetected() {
        return stalled;
    }

    @Override
    public void setPositionSteps(long steps) {
        stalled = false;
        long shift = steps - counterSteps;
        counterSteps = steps;
        commandedSteps += shift;
        targetSteps += shift;
    }

    @Override
    public void setHoldCurrent(HoldCurrent holdCurrent) {
        this.holdCurrent = holdCurrent;
    }

    @Override
    public HoldCurrent holdCurrent() {
        return holdCurrent;
    }

    @Override
    public boolean homeSwitchPressed() {
        if (homeSwitchForced != null) {
            return homeSwitchForced;
        }
        return switchClosed;
    }

    private double drawTrip() {
        return p.homeSwitchDepthMm() + random.nextGaussian() * p.switchRepeatMm();
    }

    /** A mechanical switch: closes at a slightly different point each time, opens with hysteresis. */
    private void updateSwitch() {
        double depth = trueDepthMm();
        if (!switchClosed && depth <= switchTripMm) {
            switchClosed = true;
        } else if (switchClosed && depth > switchTripMm + SWITCH_HYSTERESIS_MM) {
            switchClosed = false;
            switchTripMm = drawTrip();
        }
    }

    /** True depth setting: how far the tips pass the collar face at the top of a stroke, mm. */
    double trueDepthMm() {
        return collarDepthMm;
    }

    void advance(double dtSeconds) {
        if (!moving) {
            return;
        }
        double remaining = targetSteps - commandedSteps;
        double direction = Math.signum(remaining);
        double brakingSteps = velocityStepsPerS * velocityStepsPerS / (2.0 * accel);
        boolean sameWay = Math.signum(velocityStepsPerS) == direction || velocityStepsPerS == 0.0;
        if (sameWay && Math.abs(remaining) > brakingSteps) {
            velocityStepsPerS += direction * accel * dtSeconds;
            velocityStepsPerS = Math.max(-maxSpeed, Math.min(maxSpeed, velocityStepsPerS));
        } else {
            double slower = Math.abs(velocityStepsPerS) - accel * dtSeconds;
            velocityStepsPerS = Math.signum(velocityStepsPerS) * Math.max(slower, 0.0);
        }
        double next = commandedSteps + velocityStepsPerS * dtSeconds;
        boolean crossed = (targetSteps - commandedSteps) * (targetSteps - next) <= 0;
        if (crossed || (Math.abs(remaining) < 0.5 && Math.abs(velocityStepsPerS) < accel * dtSeconds * 2)) {
            next = targetSteps;
            velocityStepsPerS = 0.0;
            moving = false;
        }
        commandedSteps = next;
        long wanted = Math.round(commandedSteps);
        while (counterSteps != wanted) {
            step(wanted > counterSteps ? 1 : -1);
        }
    }

    private void step(int direction) {
        counterSteps += direction;
        long nextScrew = screwSteps + direction;
        double nut = nutMm(nextScrew);
        double collar = followNut(nut);
        if (collar > p.deepStopMm() || collar < p.shallowStopMm()) {
            lostSteps++;
            stalled = true;
            return;
        }
        screwSteps = nextScrew;
        collarDepthMm = collar;
        updateSwitch();
    }

    private double nutMm(long screw) {
        double turnsMm = screw / trueStepsPerMm;
        return nutOriginMm + turnsMm
                + p.leadErrorAmplitudeMm() * Math.sin(2.0 * Math.PI * turnsMm / p.leadMm() + p.leadErrorPhaseRad());
    }

    /** The collar moves only once the nut has taken up the play on the side it pushes. */
    private double followNut(double nutMm) {
        double half = p.backlashMm() / 2.0;
        if (nutMm - half > collarDepthMm) {
            return nutMm - half;
        }
        if (nutMm + half < collarDepthMm) {
            return nutMm + half;
        }
        return collarDepthMm;
    }

    /** The screw slips back by {@code steps}: the driver flags a stall only if it was stepping. */
    void loseSteps(int steps) {
        screwSteps -= steps;
        collarDepthMm = followNut(nutMm(screwSteps));
        lostSteps += Math.abs(steps);
        stalled |= moving;
        updateSwitch();
    }

    /**
     * Skin pressure forces the collar back (the needles go deeper): the held rotor slips, which the
     * driver sees as a stall only if it was stepping at the time.
     */
    void pushBack(double mm) {
        screwSteps += Math.round(mm * trueStepsPerMm); // the forced collar turns the screw back through the nut
        collarDepthMm = followNut(nutMm(screwSteps));
        stalled |= moving;
        updateSwitch();
    }

    void forceHomeSwitch(Boolean pressed) {
        homeSwitchForced = pressed;
    }

    long lostSteps() {
        return lostSteps;
    }
}
