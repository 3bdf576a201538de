package com.needlepen.firmware.treatment;

import com.needlepen.firmware.session.ControllerEvents;
import com.needlepen.firmware.state.LoopControl;
import com.needlepen.firmware.state.PenState;

import com.needlepen.firmware.collar.DepthPositioner;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.session.Session;
import com.needlepen.firmware.session.SessionRecorder;
import com.needlepen.hal.BuzzerPattern;
import com.needlepen.hal.PenHardware;

/**
 * The practitioner's treatment: the set depth and rate, every change to them (refused whole with
 * its reason, or applied and recorded), the confirmations on the panel (a depth above the ceiling,
 * a cartridge without an id), the warm handpiece's lower rate, and the session they belong to,
 * opened with its cartridge on record and closed with the unlock ending. Runs on the control
 * thread; the state machine ({@link LoopControl}) decides when.
 */
public final class Treatment {

    /**
     * While the needles run, a new set rate reaches the drive at most once in this long (a later
     * request waits for the rest of it; the latest wins). Each change is a transient of the shaft
     * and its current for up to two of {@code SpringCheck}'s 64 ms blocks; spaced like this, every
     * change leaves blocks the spring check can judge, so a broken spring is found within a bound
     * however often the practitioner changes the rate (the safety property found a check kept blind by
     * changes). A lower rate the warm handpiece needs is applied at once.
     */
    public static final long RATE_SPACING_NANOS = 250_000_000L;

    private final PenHardware hw;
    private final SettingsPolicy policy;
    private final StartChecks startChecks;
    private final DepthUnlock unlock;
    private final ThermalDerating derating;
    private final CartridgeAcceptance acceptance;
    private final SessionRecorder sessions;
    private final ControllerEvents events;
    private final DepthPositioner positioner;
    private final StrokeDrive drive;
    private final SpinUp spinUp;
    private final String calibrationId;
    private final LoopControl loop;

    private double depthMm;
    private double rateHz;
    private long rateAppliedNanos = Long.MIN_VALUE;
    private boolean ratePending;

    public Treatment(PenHardware hw, SettingsPolicy policy, StartChecks startChecks, DepthUnlock unlock,
              ThermalDerating derating, CartridgeAcceptance acceptance, SessionRecorder sessions, ControllerEvents events,
              DepthPositioner positioner, StrokeDrive drive, SpinUp spinUp, String calibrationId, LoopControl loop,
              double depthMm, double rateHz) {
        this.hw = hw;
        this.policy = policy;
        this.startChecks = startChecks;
        this.unlock = unlock;
        this.derating = derating;
        this.acceptance = acceptance;
        this.sessions = sessions;
        this.events = events;
        this.positioner = positioner;
        this.drive = drive;
        this.spinUp = spinUp;
        this.calibrationId = calibrationId;
        this.loop = loop;
        this.depthMm = depthMm;
        this.rateHz = rateHz;
    }

    public double depthMm() {
        return depthMm;
    }

    public double rateHz() {
        return rateHz;
    }

    /** Every tick: the handpiece's temperature against its warning. Allocates nothing unless it crosses. */
    public void followTemperature(long now) {
        int heat = derating.update();
        if (heat != 0) {
            onWarmthChanged(heat > 0, now);
        }
    }

    /**
     * The handpiece reached or left its warning temperature: warm, a set rate above the allowed one
     * comes down to it, announced; cooled, the limit lifts (the rate stays where it is).
     */
    public void onWarmthChanged(boolean warm, long now) {
        double limit = derating.maxRateHz();
        if (!warm) {
            events.event("temperature.normal", now).with("celsius", derating.celsius()).send();
            prompt(null);
            return;
        }
        double from = rateHz;
        events.event("temperature.warning", now).with("celsius", derating.celsius()).with("maxRateHz", limit)
                .with("fromHz", from).with("toHz", Math.min(from, limit)).send();
        prompt(derating.warningPrompt());
        if (from > limit) {
            rateHz = limit;
            sessions.changed(now, false, from, limit);
            if (loop.state() == PenState.RUNNING) {
                applyRate(now);
            }
        }
        hw.indicators().setBuzzer(BuzzerPattern.WARNING);
    }

    /** A run started at the set rate: its soft start counts as the last change ({@link #RATE_SPACING_NANOS}). */
    public void runStarted(long now) {
        rateAppliedNanos = now;
        ratePending = false;
    }

    /** While running, every tick: a set rate waiting for {@link #RATE_SPACING_NANOS} reaches the drive once it is due. */
    public void paceRate(long now) {
        if (ratePending && (rateAppliedNanos == Long.MIN_VALUE || now - rateAppliedNanos >= RATE_SPACING_NANOS)) {
            applyRate(now);
        }
    }

    private void applyRate(long now) {
        drive.setRateHz(rateHz);
        spinUp.restart();
        rateAppliedNanos = now;
        ratePending = false;
    }

    public void openSession(long now) {
        var info = hw.cartridge().read();
        var type = startChecks.cartridgeType();
        long utc = hw.clock().utcEpochMillis();
        sessions.open(type.name(), info.id(), type.needles(), utc, now, depthMm, rateHz, calibrationId);
        acceptance.record(sessions.current().id(), utc, now);
    }

    /**
     * Every session ends here: its record closes, and a depth unlock ends with it (a depth above
     * the ceiling comes back down to it, announced).
     */
    public void closeSession(long now, String reason) {
        sessions.close(hw.clock().utcEpochMillis(), reason);
        acceptance.sessionClosed();
        relock(now);
    }

    public void relock(long now) {
        if (!unlock.unlocked()) {
            unlock.forgetPending();
            return;
        }
        unlock.relock();
        positioner.setLimitMm(unlock.limitMm());
        double limit = unlock.limitMm();
        events.event("depth.relocked", now).with("limitMm", limit).with("fromMm", depthMm)
                .with("toMm", Math.min(depthMm, limit)).send();
        if (depthMm > limit) {
            depthMm = limit;
            if (loop.state() != PenState.HOMING && loop.state() != PenState.CALIBRATING) {
                // shallower is the safe way in any state, a fault's too: the needles retract at once
                positioner.moveTo(depthMm);
            }
        }
    }

    public void confirm(long now) {
        if (loop.state() != PenState.READY) {
            loop.refuse(now, "nothing to confirm in " + loop.state());
        } else if (unlock.pending()) {
            double deeper = unlock.confirm();
            positioner.setLimitMm(unlock.limitMm());
            events.event("depth.unlocked", now).with("limitMm", unlock.limitMm()).send();
            prompt(null);
            changeSettings(now, deeper, rateHz);
        } else if (sessions.current() == null && acceptance.needsConfirmation()) {
            acceptance.confirmNew();
            events.event("cartridge.confirmed", now).with("needles", hw.cartridge().read().needleCount()).send();
            prompt(null);
            hw.indicators().setBuzzer(BuzzerPattern.ACK);
        } else {
            loop.refuse(now, "nothing to confirm");
        }
    }

    /**
     * While the needles run the depth goes deeper one step at a time (the panel's depth buttons): a
     * larger jump (a preset chosen mid-run, a remote request) would take the needles to a depth the
     * practitioner never passed through under their eyes. Refused whole; stopping first allows it.
     * Shallower is the safe direction and is never held back.
     */
    private String jumpWhileRunning(double newDepthMm) {
        if (loop.state() != PenState.RUNNING) {
            return null;
        }
        double step = policy.depthStepMm();
        if (newDepthMm - depthMm <= step + 1e-9) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "while the needles run the depth goes deeper one step (%.2f mm) at"
                + " a time: stop to go from %.2f to %.2f mm", step, depthMm, newDepthMm);
    }

    /** Shows what CONFIRM would confirm on the display's last line, or clears it. */
    public void prompt(String text) {
        hw.display().writeLine(3, text == null ? "" : text);
    }

    public void changeSettings(long now, double newDepthMm, double newRateHz) {
        if (loop.state() == PenState.FAULT || loop.state() == PenState.STOPPING || loop.state() == PenState.CHECKING) {
            loop.refuse(now, "settings cannot change in " + loop.state());
            return;
        }
        String why = policy.refusal(newDepthMm, newRateHz, startChecks.cartridgeType());
        if (why == null && newDepthMm != depthMm) {
            Session open = sessions.current();
            why = unlock.refusal(newDepthMm, open != null && open.runCount() > 0 || sessions.runActive());
            if (why != null && unlock.pending()) {
                prompt(String.format(java.util.Locale.ROOT, "CONFIRM: %.2f mm?", newDepthMm));
            }
        } else {
            unlock.forgetPending();
        }
        if (why == null && newDepthMm != depthMm) {
            why = jumpWhileRunning(newDepthMm);
        }
        if (why == null && newRateHz != rateHz) {
            why = derating.refusal(newRateHz);
        }
        if (why != null) {
            loop.refuse(now, why);
            return;
        }
        if (newDepthMm != depthMm) {
            sessions.changed(now, true, depthMm, newDepthMm);
            depthMm = newDepthMm;
            if (loop.state() == PenState.READY || loop.state() == PenState.RUNNING) {
                positioner.moveTo(depthMm);
            }
        }
        if (newRateHz != rateHz) {
            sessions.changed(now, false, rateHz, newRateHz);
            rateHz = newRateHz;
            if (loop.state() == PenState.RUNNING) {
                ratePending = true;
                paceRate(now);
            }
        }
        hw.indicators().setBuzzer(BuzzerPattern.ACK);
    }
}
