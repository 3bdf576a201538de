package com.needlepen.firmware.state;

import com.needlepen.firmware.drive.WindingProbe;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.treatment.CartridgeAcceptance;

/**
 * The collar proves its count at the home switch before a run (or a session's close): {@link RunGate}'s.
 * The wait for the session's cartridge record is bounded: past it, F20. Meanwhile, with the cam parked,
 * the winding's resistance is measured ({@code WindingProbe}, H33); a run starts only once that is done,
 * a tick after the supervisor has judged it.
 */
final class CheckingState implements State {

    private final RunGate gate;
    private final FaultLatch faults;
    private final WindingProbe probe;

    CheckingState(StateParts p, FaultLatch faults) {
        this.gate = p.gate();
        this.faults = faults;
        this.probe = p.drive().windingProbe();
    }

    @Override
    public void enter(long now) {
        gate.checkingEntered(now);
        probe.start(now);
    }

    @Override
    public void exit(long now) {
        probe.abort();
    }

    @Override
    public PenState periodic(long now) {
        if (gate.recordOverdue(now)) {
            return faults.latch(FaultCode.F20_WAIT_TIMED_OUT, String.format(java.util.Locale.ROOT,
                    "the cartridge was not on record %.0f s after the session opened: the pen's storage does not"
                            + " answer", CartridgeAcceptance.RECORD_BOUND_NANOS / 1e9));
        }
        boolean measured = probe.done(); // judged by the supervisor in an earlier tick
        probe.periodic(now);
        PenState next = gate.checking(now);
        return next == PenState.RUNNING && !measured ? PenState.CHECKING : next;
    }
}
