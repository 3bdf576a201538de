package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;

/**
 * Index pulses while the motor is commanded off (READY, HOMING or CHECKING, the drive disabled): a
 * shorted driver transistor, a stuck enable. The cam settling after a park makes no new edge (it
 * rests in the index window), so after a short settling time from the last state the motor could
 * turn in, any edge is a fault, and within it, after a stop that parked the cam (seen still), a second
 * edge (a parked cam settling crosses its index at most once; a driver shorted as the run stopped
 * must not turn the shaft unseen for the whole settling time: the safety property found that too).
 * After a fault the cam may still be coasting onto the brake switch, and the settling time is
 * left whole. The settling time does not start again from one off state to
 * another: a start pressed just after a driver shorted in READY must not buy the shaft another
 * {@value #SETTLE_MILLIS} ms of turning in CHECKING (the safety property found that).
 *
 * <p>In CHECKING the winding probe (H33) drives the bridge at about 1 % duty for 0.6 s: the drive is
 * enabled, but the spring holds the cam a few degrees past its lowest point, inside the index window.
 * So while the probe drives, the index must not leave its window (its level drops) nor pulse: either is
 * a drive that does not obey its duty (a PWM stuck high, a shorted stage), F13 at once, before the
 * needles come out (the safety property found the probe's pulse spinning a stuck-high drive in
 * CHECKING). Unless the winding never drew more than {@value #OBEYED_MULTIPLE}× the probe's current:
 * then the drive obeyed and it is the cam that no longer rests against the spring (a broken spring,
 * H34), F25 before the run instead of after its spin-up.
 */
public final class TurningWhileOffCheck implements SafetyCheck {

    static final long SETTLE_MILLIS = 200;
    /** A drive that spins the cam against the probe's 1 % duty draws amperes; an obeying one, the probe's tens of mA. */
    static final double OBEYED_MULTIPLE = 8.0;
    static final long SETTLE_NANOS = SETTLE_MILLIS * 1_000_000L;
    private final SafetyInputs in;
    private long enteredNanos;
    private PenState current;
    /** Index edges since the settling time began: a cam settling makes at most one. */
    private long edgesSinceEntered;
    /** Whether the settling follows a completed park (STOPPING): the shaft was seen still, so a second edge is a fault. */
    private boolean afterPark;
    /** The index level in the last tick of the winding probe's drive. */
    private boolean wasActiveWhileProbing;
    /** The most current the winding drew in this probe, A (zeroed). */
    private double probeMaxAmps;
    private String detail = "an index pulse with the drive disabled";

    public TurningWhileOffCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public void stateEntered(PenState state, long nowNanos) {
        if (!(off(state) && off(current))) {
            enteredNanos = nowNanos;
            edgesSinceEntered = 0;
            afterPark = current == PenState.STOPPING;
        }
        current = state;
    }

    private static boolean off(PenState state) {
        return state == PenState.READY || state == PenState.HOMING || state == PenState.CHECKING;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        if (off(state) && in.drive().windingProbe().drivesTheBridge()) {
            boolean active = in.drive().indexActive();
            boolean left = wasActiveWhileProbing && !active;
            wasActiveWhileProbing = active;
            double amps = in.drive().zeroedAmps();
            // not a number counts as the most: a drive that cannot be judged obeying is not taken for one
            probeMaxAmps = amps <= probeMaxAmps ? probeMaxAmps : amps == amps ? amps : Double.POSITIVE_INFINITY;
            if (in.drive().edgesThisTick() > 0 || left) {
                if (probeMaxAmps < OBEYED_MULTIPLE * in.drive().windingProbe().probeAmps()) {
                    detail = "the cam turned out of its index window under the winding probe's 1 % duty with the"
                            + " current as small as the probe's: the spring no longer holds it against the drive";
                    return FaultCode.F25_SPRING_FAILED;
                }
                detail = "the shaft turned out of its index window while the winding probe drove the bridge at "
                        + "about 1 % duty, drawing amperes: the drive does not obey its duty";
                return FaultCode.F13_TURNING_WHILE_OFF;
            }
            return null;
        }
        wasActiveWhileProbing = false;
        probeMaxAmps = 0.0;
        if (!off(state) || in.drive().enabled()) {
            return null;
        }
        long edges = in.drive().edgesThisTick();
        edgesSinceEntered += edges;
        detail = "an index pulse with the drive disabled";
        boolean settling = nowNanos - enteredNanos < SETTLE_NANOS;
        // settling, a cam may cross its index once; a second edge is a shaft being driven
        return edges > 0 && (!settling || afterPark && edgesSinceEntered >= 2) ? FaultCode.F13_TURNING_WHILE_OFF : null;
    }

    @Override
    public String detail() {
        return detail;
    }
}
