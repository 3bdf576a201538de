package com.needlepen.firmware.safety;

import com.needlepen.firmware.collar.DepthPositioner;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.CollarStepper;
import java.util.Locale;

/**
 * The collar's position, measured by its own sensor ({@link CollarStepper#sensedPositionSteps()}:
 * a linear encoder on the collar), against its step count, every tick (H41 in docs/safety.md).
 *
 * <p>A stepper holding still cannot tell that its collar moved: vibration walking the thread, a
 * knock, a screw slipping under skin pressure all leave the count where it was, and the zero check
 * finds them only before the next run. The sensor sees them the tick they pass the bound:
 *
 * <ul>
 *   <li><b>Standing still</b>, the collar may move only as far as the press can move it: the
 *       thread's give under the hardest press ({@value #PRESS_GIVE_MM} mm: 10 N at 1.5 µm/N), and,
 *       when its last move did not end moving shallower by more than the play (it ended on the
 *       flank a press pushes it off), the play as well ({@link DepthPositioner#FLANK_MM}); plus two
 *       counts of the sensor. Further, either way, is F30.</li>
 *   <li><b>While it moves</b>, the sensor must follow the steps: the two may differ by the profile's
 *       scale tolerance of the travel since the collar last stood still plus
 *       {@value #MOVE_SLACK_MM} mm (the play, the press's give, the lead screw's periodic error and
 *       the sensor's non-linearity). A stuck or dead sensor, or a collar that does not follow its
 *       steps, is F30 within the first {@value #MOVE_SLACK_MM} mm or so of any move; every start's
 *       zero check moves the collar more than 1 mm, so a sensor that died while the collar stood
 *       still is found before the next run's needles move.</li>
 * </ul>
 *
 * Not judged while booting or homing, nor in the tick after (homing sets the count, and the
 * sensor's reading with it, in the tick it ends). Comparisons are written so that a reading that is not a number fails. Allocates nothing
 * unless it finds a fault.
 */
public final class CollarPositionCheck implements SafetyCheck {

    /** How far the hardest press (10 N) compresses the collar's thread, nut and bearing, mm (1.5 µm/N). */
    static final double PRESS_GIVE_MM = 0.015;
    /** The sensor's own spread allowed in a comparison: two of its counts (2 mm / 1,024 each). */
    static final double SENSOR_COUNTS_MM = 2 * 2.0 / 1024.0;
    /** Play, press, the lead screw's periodic error (±0.01 mm) and the sensor's non-linearity (±0.005 mm). */
    static final double MOVE_SLACK_MM = DepthPositioner.FLANK_MM + PRESS_GIVE_MM + 0.02 + 0.01 + SENSOR_COUNTS_MM;

    private final CollarStepper collar;
    private final double stepsPerMm;
    private final double scaleTolerance;
    private final double stillBoundDeeperLoadedSteps;
    private final double stillBoundDeeperUnloadedSteps;
    private final double stillBoundShallowerSteps;
    private final double moveSlackSteps;
    private final long flankSteps;

    private boolean based;
    private boolean wasZeroing;
    private long refCount;
    private long refSensed;
    private long lastCount;
    private boolean wasMoving;
    private int direction;
    private long shallowerFromSteps;
    private String detail;

    public CollarPositionCheck(SafetyInputs in) {
        this.collar = in.collar();
        this.stepsPerMm = in.profile().collar().stepsPerMm();
        this.scaleTolerance = in.profile().collar().scaleTolerance();
        this.stillBoundDeeperLoadedSteps = (PRESS_GIVE_MM + SENSOR_COUNTS_MM) * stepsPerMm;
        this.stillBoundDeeperUnloadedSteps = (DepthPositioner.FLANK_MM + PRESS_GIVE_MM + SENSOR_COUNTS_MM) * stepsPerMm;
        this.stillBoundShallowerSteps = (PRESS_GIVE_MM + SENSOR_COUNTS_MM) * stepsPerMm;
        this.moveSlackSteps = MOVE_SLACK_MM * stepsPerMm;
        this.flankSteps = Math.round(DepthPositioner.FLANK_MM * stepsPerMm);
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        long count = collar.positionSteps();
        long sensed = collar.sensedPositionSteps();
        boolean zeroing = state == PenState.BOOT || state == PenState.HOMING;
        // homing re-zeroes the count and the sensor in the tick it ends, which this check sees in the next state
        boolean justZeroed = wasZeroing;
        wasZeroing = zeroing;
        if (zeroing || justZeroed || !based) {
            rebase(count, sensed);
            lastCount = count;
            direction = 0; // which flank the collar rests on is not known until it has moved
            shallowerFromSteps = count;
            based = true;
            return null;
        }
        track(count);
        boolean moving = collar.isMoving() || count != lastCount;
        lastCount = count;
        long travel = count - refCount;
        double disagreement = (double) (sensed - refSensed) - travel;
        if (moving || wasMoving) {
            double allowed = scaleTolerance * Math.abs(travel) + moveSlackSteps;
            if (!(Math.abs(disagreement) <= allowed)) {
                detail = String.format(Locale.ROOT, "over %.3f mm of commanded travel the collar's position sensor"
                        + " moved %.3f mm (%.3f mm allowed): the collar is not following its steps, or the sensor"
                        + " is stuck", travel / stepsPerMm, (sensed - refSensed) / stepsPerMm, allowed / stepsPerMm);
                return FaultCode.F30_COLLAR_MOVED;
            }
            if (!moving) {
                rebase(count, sensed); // settled: from here the collar must stand still
            }
            wasMoving = moving;
            return null;
        }
        double moved = sensed - refSensed;
        boolean loadedFlank = direction < 0 && shallowerFromSteps - count >= flankSteps;
        double deeperBound = loadedFlank ? stillBoundDeeperLoadedSteps : stillBoundDeeperUnloadedSteps;
        if (!(moved <= deeperBound && moved >= -stillBoundShallowerSteps)) {
            detail = String.format(Locale.ROOT, "the collar moved %.3f mm %s while its stepper stood still at %d"
                    + " steps (%.3f mm allowed for the press): the needles are %s than set", Math.abs(moved) / stepsPerMm,
                    moved > 0 ? "deeper" : "shallower", count, (moved > 0 ? deeperBound : stillBoundShallowerSteps)
                            / stepsPerMm, moved > 0 ? "deeper" : "shallower");
            return FaultCode.F30_COLLAR_MOVED;
        }
        return null;
    }

    /** Which way the count last went, and from where it has been going shallower. */
    private void track(long count) {
        if (count > lastCount) {
            direction = 1;
        } else if (count < lastCount) {
            if (direction >= 0) {
                shallowerFromSteps = lastCount;
            }
            direction = -1;
        }
    }

    private void rebase(long count, long sensed) {
        refCount = count;
        refSensed = sensed;
        wasMoving = false;
    }

    @Override
    public String detail() {
        return detail;
    }
}
