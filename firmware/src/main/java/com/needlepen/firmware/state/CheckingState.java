package com.needlepen.firmware.state;

import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.treatment.CartridgeAcceptance;

/**
 * The collar proves its count at the home switch before a run (or a session's close): {@link RunGate}'s.
 * The wait for the session's cartridge record is bounded: past it, F20.
 */
final class CheckingState implements State {

    private final RunGate gate;
    private final FaultLatch faults;

    CheckingState(RunGate gate, FaultLatch faults) {
        this.gate = gate;
        this.faults = faults;
    }

    @Override
    public void enter(long now) {
        gate.checkingEntered(now);
    }

    @Override
    public PenState periodic(long now) {
        if (gate.recordOverdue(now)) {
            return faults.latch(FaultCode.F20_WAIT_TIMED_OUT, String.format(java.util.Locale.ROOT,
                    "the cartridge was not on record %.0f s after the session opened: the pen's storage does not"
                            + " answer", CartridgeAcceptance.RECORD_BOUND_NANOS / 1e9));
        }
        return gate.checking(now);
    }
}
