package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;

/**
 * Index pulses while the motor is commanded off (READY or HOMING, the drive disabled): a shorted
 * driver transistor, a stuck enable. The cam settling after a park makes no new edge (it rests in
 * the index window), so after a short settling time any edge is a fault.
 */
public final class TurningWhileOffCheck implements SafetyCheck {

    static final long SETTLE_NANOS = 200_000_000L;
    private final SafetyInputs in;
    private long enteredNanos;

    public TurningWhileOffCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public void stateEntered(PenState state, long nowNanos) {
        enteredNanos = nowNanos;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        if ((state != PenState.READY && state != PenState.HOMING) || nowNanos - enteredNanos < SETTLE_NANOS) {
            return null;
        }
        return in.drive().edgesThisTick() > 0 && !in.drive().enabled() ? FaultCode.F13_TURNING_WHILE_OFF : null;
    }

    @Override
    public String detail() {
        return "an index pulse with the drive disabled";
    }
}
