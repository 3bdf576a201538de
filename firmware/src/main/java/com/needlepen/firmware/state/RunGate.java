package com.needlepen.firmware.state;

import com.needlepen.firmware.session.ControllerEvents;
import com.needlepen.firmware.treatment.CartridgeAcceptance;
import com.needlepen.firmware.treatment.StartChecks;
import com.needlepen.firmware.treatment.Treatment;

import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.collar.DepthPositioner;
import com.needlepen.firmware.collar.ZeroCheck;
import com.needlepen.firmware.session.SessionRecorder;
import com.needlepen.hal.LedPattern;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.PenHardware;

/**
 * The way into a run, and out of a session after one: the start checks, the cartridge's
 * acceptance, then CHECKING, where the collar proves its step count at the home switch before the
 * needles move (or before a session's record closes), returns to the set depth, and the session's
 * cartridge goes on record. A start can be withdrawn while the collar checks.
 */
public final class RunGate {

    private final DeviceProfile profile;
    private final PenHardware hw;
    private final ZeroCheck zeroCheck;
    private final DepthPositioner positioner;
    private final StartChecks startChecks;
    private final CartridgeAcceptance acceptance;
    private final Treatment treatment;
    private final SessionRecorder sessions;
    private final ControllerEvents events;
    private final LoopControl loop;

    private boolean runByFootswitch;
    /** The collar's count has been proven at the home switch (or set by homing) since the last run. */
    private boolean zeroProven;
    /** What the zero check in CHECKING is for: a run (false) or closing the session (true). */
    private boolean checkingToEndSession;
    /** Why the session ends once the zero check is done. */
    private String endReason = "completed";

    public RunGate(DeviceProfile profile, PenHardware hw, ZeroCheck zeroCheck, DepthPositioner positioner,
            StartChecks startChecks, CartridgeAcceptance acceptance, Treatment treatment, SessionRecorder sessions,
            ControllerEvents events, LoopControl loop) {
        this.profile = profile;
        this.hw = hw;
        this.zeroCheck = zeroCheck;
        this.positioner = positioner;
        this.startChecks = startChecks;
        this.acceptance = acceptance;
        this.treatment = treatment;
        this.sessions = sessions;
        this.events = events;
        this.loop = loop;
    }

    /**
     * A start asked for in READY: checked, then the zero check in CHECKING. Returns the decision
     * (CHECKING, or the state the pen is in), which only the state machine applies.
     */
    PenState start(long now, boolean footswitch) {
        if (loop.state() != PenState.READY) {
            return loop.state();
        }
        String why = refusal(true);
        if (why != null) {
            loop.refuse(now, why);
            return loop.state();
        }
        runByFootswitch = footswitch;
        checkingToEndSession = false;
        // every run starts with the collar's count proven at the home switch: it may have been pushed in the
        // last run, or knocked while it stood (the stepper driver sees neither)
        return PenState.CHECKING;
    }

    /**
     * Why a run may not start now, or null: the start checks, and for a run that would open a
     * session, the cartridge's acceptance; {@code prompt} shows on the display when CONFIRM would
     * accept the cartridge.
     */
    private String refusal(boolean prompt) {
        String why = startChecks.refusal(treatment.depthMm(), treatment.rateHz());
        if (why != null || sessions.current() != null) {
            return why;
        }
        why = acceptance.refusal();
        if (why != null && prompt && acceptance.needsConfirmation()) {
            treatment.prompt("CONFIRM: new cart?"); // the display has 20 columns
        }
        return why;
    }

    /**
     * Ending the session after a run first proves the collar's zero, so the record says if it moved:
     * returns CHECKING for that, or the state the pen is in.
     */
    PenState endSession(long now) {
        return endSession(now, "completed");
    }

    /** As {@link #endSession(long)}, the session's record saying {@code reason}. */
    PenState endSession(long now, String reason) {
        if (loop.state() != PenState.READY || sessions.current() == null) {
            return loop.state();
        }
        endReason = reason;
        if (zeroProven) {
            treatment.closeSession(now, reason);
            return loop.state();
        }
        checkingToEndSession = true;
        runByFootswitch = false;
        return PenState.CHECKING;
    }

    void checkingEntered(long now) {
        hw.indicators().setLed(LedPattern.BUSY);
        zeroCheck.start(now);
        events.event("collar.check.start", now).send();
    }

    /**
     * The zero check before a run: once it has measured (the supervisor's collar check judges the
     * result in this same tick), the collar goes back to the set depth, and the run starts when it
     * is there, if the start checks still pass and the start is still wanted.
     */
    PenState checking(long now) {
        if (!zeroCheck.done()) {
            if (zeroCheck.periodic(now) == ZeroCheck.Phase.DONE) {
                events.event("collar.check", now).with("found", zeroCheck.found())
                        .with("offsetMm", zeroCheck.offsetSteps() / profile.collar().stepsPerMm()).send();
                zeroProven = true;
                positioner.moveTo(treatment.depthMm());
            }
            return PenState.CHECKING;
        }
        positioner.periodic();
        if (!positioner.settled()) {
            return PenState.CHECKING;
        }
        if (checkingToEndSession) {
            treatment.closeSession(now, endReason);
            return PenState.READY;
        }
        if (runByFootswitch && !hw.panel().isPressed(PanelButton.FOOTSWITCH)) {
            return PenState.READY; // the footswitch was let go while the collar checked
        }
        String why = refusal(false); // again: the cartridge may have been swapped while the collar checked
        if (why != null) {
            loop.refuse(now, why);
            return PenState.READY;
        }
        if (sessions.current() == null) {
            treatment.openSession(now);
        }
        // the session's first run waits until its cartridge is on record as used
        if (!acceptance.durable()) {
            String failed = acceptance.failure();
            if (failed == null) {
                return PenState.CHECKING;
            }
            loop.refuse(now, failed);
            treatment.closeSession(now, "cartridge not recorded");
            return PenState.READY;
        }
        return PenState.RUNNING;
    }

    /**
     * The session's cartridge record has been awaited longer than its bound: the storage behind
     * the ledger has hung. CHECKING turns this into F20 (the needles never moved).
     */
    boolean recordOverdue(long now) {
        return acceptance.overdue(now);
    }

    void homingStarted() {
        zeroProven = false;
        zeroCheck.reset();
    }

    /** Homing has just set the zero. */
    void homed() {
        zeroProven = true;
    }

    /** Skin pressure may push the collar while the needles run. */
    void runEntered() {
        zeroProven = false;
    }

    /** Whether the run now going (or being checked for) was started by the footswitch. */
    boolean runByFootswitch() {
        return runByFootswitch;
    }

    public boolean zeroCheckDue() {
        return !zeroProven;
    }
}
