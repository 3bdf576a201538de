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
 */
public final class TurningWhileOffCheck implements SafetyCheck {

    static final long SETTLE_MILLIS = 200;
    static final long SETTLE_NANOS = SETTLE_MILLIS * 1_000_000L;
    private final SafetyInputs in;
    private long enteredNanos;
    private PenState current;
    /** Index edges since the settling time began: a cam settling makes at most one. */
    private long edgesSinceEntered;
    /** Whether the settling follows a completed park (STOPPING): the shaft was seen still, so a second edge is a fault. */
    private boolean afterPark;

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
        if (!off(state) || in.drive().enabled()) {
            return null;
        }
        long edges = in.drive().edgesThisTick();
        edgesSinceEntered += edges;
        boolean settling = nowNanos - enteredNanos < SETTLE_NANOS;
        // settling, a cam may cross its index once; a second edge is a shaft being driven
        return edges > 0 && (!settling || afterPark && edgesSinceEntered >= 2) ? FaultCode.F13_TURNING_WHILE_OFF : null;
    }

    @Override
    public String detail() {
        return "an index pulse with the drive disabled";
    }
}
