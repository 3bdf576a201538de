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
 *   <li><b>While it moves</b>, the sensor must follow the steps scaled by the unit's own scale: the
 *       two may differ by {@value #MOVE_SLACK_MM} mm (the play, the press's give, the lead screw's
 *       periodic error and the sensor's non-linearity) plus what the scale is not known to over the
 *       travel since the collar last stood still. A stuck or dead sensor, or a collar that does not
 *       follow its steps, is F30 within the first {@value #MOVE_SLACK_MM} mm or so of any move; every
 *       start's zero check moves the collar more than 1 mm, so a sensor that died while the collar
 *       stood still is found before the next run's needles move. A move that only goes shallower
 *       from where the collar stood on its loaded flank (where every move of the positioner ends,
 *       H42) keeps the collar on that flank whatever the press does, so on the deeper side (the
 *       side a walking thread goes) the play is left out: 0.049 mm plus the scale's part.</li>
 * </ul>
 *
 * <p><b>The unit's scale.</b> A lead screw's travel per step differs from nominal by up to the
 * profile's {@code collar.scaleTolerance} (5 %), the sensor's scale (a magnetic strip's pole pitch)
 * does not. Judged against nominal steps, a move would need that tolerance of its travel as slack,
 * and a collar walking deeper during a long move would hide in it (0.18 mm on a 0.9 mm move, H41).
 * So the check measures the unit's scale itself, sensor counts per step, in the moves the collar
 * makes with the needles still: homing's approach to its switch (from wherever the collar is at
 * power-on or after a fault) and, at every start, the zero check's legs to the home switch and the
 * move back to the set depth (CHECKING): a least-squares line through the sensor against the count, sampled every
 * {@value #SAMPLE_SPACING_STEPS} steps along a leg that goes one way, from where the play is taken
 * up (the count {@link DepthPositioner#FLANK_MM} mm past the turn) to where it turns or CHECKING
 * ends. The line's slope is off the true scale by at most {@value #SCALE_FIT_MM} mm over the leg's
 * span (the lead screw's ±0.01 mm periodic error and the sensor's ±0.004 mm non-linearity, worst
 * over all their phases, for a leg of at least {@value #MIN_FIT_SPAN_MM} mm), so a move within the
 * span is allowed at most {@value #SCALE_FIT_MM} mm for the scale: the depth tolerance, whatever its
 * length. The longest leg since power-on is kept (a unit's scale does not change); a slope outside
 * the profile's tolerance is not taken (a sensor stuck or slipping in the leg, which the move's
 * judgement finds). Until a leg is measured, the profile's tolerance of the travel is allowed.
 *
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
    /**
     * How far, over a measured leg's span, the least-squares scale can be off: the lead screw's periodic
     * error (±0.01 mm, 0.5 mm period) and the sensor's non-linearity (±0.004 mm, 2 mm period) at their
     * worst phases give at most 0.0191 mm for any span of at least {@value #MIN_FIT_SPAN_MM} mm.
     */
    static final double SCALE_FIT_MM = 0.02;
    /**
     * Against the anchor, besides the scale's part and the play: the press's give, the lead screw's periodic
     * error (±0.01 mm), the sensor's non-linearity (±0.004 mm, rounded up) and two counts; the move slack
     * without the play.
     */
    static final double ANCHOR_SLACK_MM = MOVE_SLACK_MM - DepthPositioner.FLANK_MM;
    /** The shortest leg the scale is measured over: below it the periodic errors can bias the slope more. */
    static final double MIN_FIT_SPAN_MM = 0.6;
    /** The leg is sampled every this many steps of count (5 µm), so a slow probe weighs no more than a fast leg. */
    static final long SAMPLE_SPACING_STEPS = 16;

    private final CollarStepper collar;
    private final double stepsPerMm;
    private final double scaleTolerance;
    private final double stillBoundDeeperLoadedSteps;
    private final double stillBoundDeeperUnloadedSteps;
    private final double stillBoundShallowerSteps;
    private final double moveSlackSteps;
    private final long flankSteps;
    private final double scaleFitSteps;
    private final double anchorSlackSteps;
    private final double minFitSpanSteps;

    private boolean based;
    private boolean wasZeroing;
    private long refCount;
    private long refSensed;
    private long lastCount;
    private boolean wasMoving;
    private int direction;
    private long shallowerFromSteps;
    private String detail;
    /** Whether the collar stood on its loaded flank where the reference was taken, and has gone deeper since. */
    private boolean refOnLoadedFlank;
    private boolean wentDeeper;
    /**
     * The anchor: where the collar last settled with the needles still in CHECKING (or was homed), on
     * which flank, judged absolutely against from there on through any number of moves.
     */
    private long anchorCount;
    private long anchorSensed;
    private boolean anchorOnLoadedFlank;
    /** False: moves judged as before H41's fix, against nominal steps with the profile's tolerance (a test's). */
    private final boolean tightMoves;

    /** The unit's measured scale (sensor counts per step) and the span it was measured over, steps; 0: none yet. */
    private double scale = 1.0;
    private double scaleSpanSteps;
    /** The leg being measured: its direction, where it turned, its first sample, the last one, and the sums. */
    private int legDirection;
    private long legTurnedAt;
    private boolean legSampling;
    private long legX0;
    private long legY0;
    private long legLastX;
    private int legN;
    private double legSx;
    private double legSy;
    private double legSxx;
    private double legSxy;

    public CollarPositionCheck(SafetyInputs in) {
        this(in, true);
    }

    /**
     * {@code tightMoves} false judges a move as this check did before the unit's scale was measured: the
     * sensor against nominal steps, the profile's scale tolerance of the travel and the whole move slack
     * either way. For a test that shows what a collar walking during a long move then does; the firmware
     * always measures.
     */
    public CollarPositionCheck(SafetyInputs in, boolean tightMoves) {
        this.tightMoves = tightMoves;
        this.collar = in.collar();
        this.stepsPerMm = in.profile().collar().stepsPerMm();
        this.scaleTolerance = in.profile().collar().scaleTolerance();
        this.stillBoundDeeperLoadedSteps = (PRESS_GIVE_MM + SENSOR_COUNTS_MM) * stepsPerMm;
        this.stillBoundDeeperUnloadedSteps = (DepthPositioner.FLANK_MM + PRESS_GIVE_MM + SENSOR_COUNTS_MM) * stepsPerMm;
        this.stillBoundShallowerSteps = (PRESS_GIVE_MM + SENSOR_COUNTS_MM) * stepsPerMm;
        this.moveSlackSteps = MOVE_SLACK_MM * stepsPerMm;
        this.flankSteps = Math.round(DepthPositioner.FLANK_MM * stepsPerMm);
        this.scaleFitSteps = SCALE_FIT_MM * stepsPerMm;
        this.anchorSlackSteps = ANCHOR_SLACK_MM * stepsPerMm;
        this.minFitSpanSteps = MIN_FIT_SPAN_MM * stepsPerMm;
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
            if (tightMoves && state == PenState.HOMING && based) {
                measureScale(true, count, sensed); // homing's legs, before its re-zero (seen only in the next state)
            } else {
                endLeg(!zeroing); // the tick after homing: its last leg ends, in the frame it was measured in
            }
            lastCount = count;
            direction = 0; // which flank the collar rests on is not known until it has moved
            shallowerFromSteps = count;
            rebase(count, sensed);
            anchor();
            based = true;
            return null;
        }
        if (count > lastCount) {
            wentDeeper = true;
        }
        track(count);
        if (tightMoves) {
            measureScale(state == PenState.CHECKING, count, sensed);
        }
        boolean moving = collar.isMoving() || count != lastCount;
        lastCount = count;
        long travel = count - refCount;
        double disagreement = (sensed - refSensed) - scale * travel;
        if (moving || wasMoving) {
            double scaleAllowed = scaleAllowance(travel);
            // from the loaded flank, only shallower: the collar stays on that flank, whatever the press does
            boolean stayedOnTheFlank = tightMoves && refOnLoadedFlank && !wentDeeper;
            double allowedDeeper = scaleAllowed + (stayedOnTheFlank ? moveSlackSteps - flankSteps : moveSlackSteps);
            double allowedShallower = scaleAllowed + moveSlackSteps;
            if (!(disagreement <= allowedDeeper && disagreement >= -allowedShallower)) {
                double allowed = disagreement > 0 ? allowedDeeper : allowedShallower;
                detail = String.format(Locale.ROOT, "over %.3f mm of commanded travel the collar's position sensor"
                        + " moved %.3f mm (%.3f mm allowed): the collar is not following its steps, or the sensor"
                        + " is stuck", travel / stepsPerMm, (sensed - refSensed) / stepsPerMm, allowed / stepsPerMm);
                return FaultCode.F30_COLLAR_MOVED;
            }
            if (!moving) {
                rebase(count, sensed); // settled: from here the collar must stand still
                if (state == PenState.CHECKING) {
                    anchor(); // the needles still: nothing walks the thread, and the move was judged
                }
            }
            wasMoving = moving;
            return againstTheAnchor(count, sensed);
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
        return againstTheAnchor(count, sensed);
    }

    /** The collar against its anchor, once the move's or the standing collar's own bound has passed it. */
    private FaultCode againstTheAnchor(long count, long sensed) {
        if (tightMoves && !withinTheAnchorsBounds(count, sensed)) {
            return FaultCode.F30_COLLAR_MOVED;
        }
        return null;
    }

    /**
     * What the scale may add to a move's disagreement over {@code travel} steps: {@value #SCALE_FIT_MM} mm
     * in proportion to the travel over the measured span, or, until one is measured, the profile's tolerance.
     */
    double scaleAllowance(long travel) {
        if (scaleSpanSteps > 0.0) {
            return scaleFitSteps * Math.abs(travel) / scaleSpanSteps;
        }
        return scaleTolerance * Math.abs(travel);
    }

    /** The unit's scale, sensor counts per step: 1 until a leg in CHECKING has measured it. */
    double scale() {
        return scale;
    }

    /** The span of the leg the scale was measured over, steps; 0 until one has been. */
    double scaleSpanSteps() {
        return scaleSpanSteps;
    }

    /** Samples the leg the collar is on while homing or CHECKING; a turn, or the end of the state, ends it. */
    private void measureScale(boolean checking, long count, long sensed) {
        if (!checking) {
            endLeg(true);
            return;
        }
        if (count == lastCount) {
            return;
        }
        int way = count > lastCount ? 1 : -1;
        if (way != legDirection) {
            endLeg(true);
            legDirection = way;
            legTurnedAt = lastCount;
        }
        if (Math.abs(count - legTurnedAt) < flankSteps) {
            return; // the play is still being taken up: the collar lags the nut
        }
        if (!legSampling) {
            legSampling = true;
            legX0 = count;
            legY0 = sensed;
        } else if (Math.abs(count - legLastX) < SAMPLE_SPACING_STEPS) {
            return;
        }
        legLastX = count;
        double x = count - legX0;
        double y = sensed - legY0;
        legN++;
        legSx += x;
        legSy += y;
        legSxx += x * x;
        legSxy += x * y;
    }

    /** Ends the leg; {@code keep}: takes its slope as the unit's scale if it is longer than the one held and plausible. */
    private void endLeg(boolean keep) {
        if (keep && legSampling) {
            double span = Math.abs(legLastX - legX0);
            double sxx = legSxx - legSx * legSx / legN;
            double slope = (legSxy - legSx * legSy / legN) / sxx;
            if (span >= minFitSpanSteps && span > scaleSpanSteps && Math.abs(slope - 1.0) <= scaleTolerance) {
                scale = slope;
                scaleSpanSteps = span;
            }
        }
        legDirection = 0;
        legSampling = false;
        legN = 0;
        legSx = 0.0;
        legSy = 0.0;
        legSxx = 0.0;
        legSxy = 0.0;
    }

    /**
     * The collar against the anchor, absolutely: the sensor's travel since the anchor against the count's
     * scaled by the unit's scale, within the press's give, the lead screw's periodic error, the sensor's
     * non-linearity and counts ({@link #ANCHOR_SLACK_MM}), the scale's part over that distance, and the
     * play if the anchor was not on the loaded flank (deeper: a press since takes it up) or the collar may
     * have left it since (shallower). Moves and settles since the anchor cannot add up past it.
     */
    private boolean withinTheAnchorsBounds(long count, long sensed) {
        long travel = count - anchorCount;
        double off = (sensed - anchorSensed) - scale * travel;
        double allowed = scaleAllowance(travel) + anchorSlackSteps;
        double allowedDeeper = anchorOnLoadedFlank ? allowed : allowed + flankSteps;
        double allowedShallower = allowed + flankSteps;
        if (off <= allowedDeeper && off >= -allowedShallower) {
            return true;
        }
        detail = String.format(Locale.ROOT, "the collar stands %.3f mm %s than its steps say since it last settled"
                + " with the needles still, %.3f mm of travel ago (%.3f mm allowed): the needles are %s than set",
                Math.abs(off) / stepsPerMm, off > 0 ? "deeper" : "shallower", travel / stepsPerMm,
                (off > 0 ? allowedDeeper : allowedShallower) / stepsPerMm, off > 0 ? "deeper" : "shallower");
        return false;
    }

    private void anchor() {
        anchorCount = refCount;
        anchorSensed = refSensed;
        anchorOnLoadedFlank = refOnLoadedFlank;
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
        refOnLoadedFlank = direction < 0 && shallowerFromSteps - count >= flankSteps;
        wentDeeper = false;
        wasMoving = false;
    }

    @Override
    public String detail() {
        return detail;
    }
}
