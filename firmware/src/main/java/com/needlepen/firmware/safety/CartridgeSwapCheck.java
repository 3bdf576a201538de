package com.needlepen.firmware.safety;

import com.needlepen.firmware.session.Session;
import com.needlepen.firmware.state.PenState;

/**
 * H37: a cartridge swapped inside a session. The ledger records a session's cartridge once, when the
 * session opens (H24); a cartridge put in between two runs (while the collar checks in CHECKING,
 * while the cam parks in STOPPING, or between any two looks) would otherwise run inside a session
 * the ledger recorded only the first for: possibly a used one, from another client. So the inserted
 * cartridge is held against the open session's whenever the cartridge-present switch closes again
 * and at every run start (entering CHECKING and RUNNING): another id, an id where the session's had
 * none or none where it had one, and any cartridge without an id after the switch opened (nothing
 * tells it is the one that came out), is F27, naming both. The fault ends the session; the new
 * cartridge then opens a session of its own through the ledger's acceptance, and one without an id
 * needs CONFIRM again (its confirmation went when the switch opened).
 *
 * <p>The same id put back (a cartridge re-seated while the cam parked or the collar checked) is the
 * same cartridge, already on record for this session: the session goes on. In READY a cartridge
 * taken out ends the session at once (ReadyState), so there the same cartridge put back is refused
 * by the ledger as used. Reads the cartridge's id only at those moments; allocates nothing on the
 * steady path.
 */
public final class CartridgeSwapCheck implements SafetyCheck {

    private final SafetyInputs in;
    private Session watched;
    private boolean wasPresent;
    private boolean openedSince;
    private boolean compareDue;
    private String detail = "";

    public CartridgeSwapCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public void stateEntered(PenState state, long nowNanos) {
        if (state == PenState.CHECKING || state == PenState.RUNNING) {
            compareDue = true;
        }
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        Session session = in.sessions().current();
        boolean present = in.cartridge().isPresent();
        if (session != watched) {
            watched = session;
            openedSince = false;
            wasPresent = present;
        }
        if (session == null) {
            wasPresent = present;
            compareDue = false;
            return null;
        }
        boolean putBack = present && !wasPresent;
        wasPresent = present;
        if (!present) {
            openedSince = true;
            return null; // a run cannot go on without it (F07, the start checks); compared when it is back
        }
        if (!putBack && !compareDue) {
            return null;
        }
        compareDue = false;
        String own = session.cartridgeId();
        String inserted = in.cartridge().read().id();
        boolean same = own == null ? inserted == null && !openedSince : own.equals(inserted);
        if (same) {
            return null;
        }
        detail = own == null && inserted == null
                ? "session " + session.id() + " opened on a cartridge without an id that was taken out: the one in now"
                        + " carries no id either and cannot be known to be the same"
                : "session " + session.id() + " opened on cartridge " + name(own) + ", cartridge " + name(inserted)
                        + " is in now: the ledger recorded only " + name(own);
        return FaultCode.F27_CARTRIDGE_SWAPPED;
    }

    private static String name(String id) {
        return id == null ? "(no id)" : id;
    }

    @Override
    public String detail() {
        return detail;
    }
}
