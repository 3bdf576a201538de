package com.needlepen.firmware.state;

import com.needlepen.hal.BuzzerPattern;
import com.needlepen.hal.LedPattern;

/**
 * A latched fault: drive disabled, alarm, the run and the session closed with the fault as their
 * reason, the depth relocked; the cam parks once the shaft is still when the fault allows it
 * ({@link com.needlepen.firmware.safety.FaultCode#parkable()}), and stays braked otherwise. Left only by an acknowledge, into re-homing.
 */
final class FaultState implements State {

    private final StateParts p;
    private final FaultLatch faults;

    FaultState(StateParts p, FaultLatch faults) {
        this.p = p;
        this.faults = faults;
    }

    @Override
    public void enter(long now) {
        p.drive().disable();
        faults.entered();
        p.hw().indicators().setLed(LedPattern.FAULT);
        p.hw().indicators().setBuzzer(BuzzerPattern.ALARM);
        p.parker().start(now);
        String reason = faults.reason();
        if (p.sessions().runActive()) {
            p.sessions().runEnded(now, p.drive().strokes(), p.treatment().depthMm(), p.treatment().rateHz(), reason);
        }
        p.hw().display().writeLine(3, faults.code().shortCode() + " " + faults.code().description());
        p.events().event("fault", now).with("code", faults.code().shortCode())
                .with("description", faults.code().description())
                .with("detail", faults.detail() == null ? "" : faults.detail()).send();
        p.treatment().closeSession(now, reason);
        p.treatment().relock(now);
    }

    @Override
    public PenState periodic(long now) {
        if (faults.code().parkable()) {
            p.parker().periodic(now); // parks once the shaft is still; stays braked otherwise
        }
        return faults.acknowledged() ? PenState.HOMING : PenState.FAULT;
    }

    @Override
    public void exit(long now) {
        p.drive().disable();
        faults.cleared();
        p.hw().indicators().setBuzzer(BuzzerPattern.SILENT);
    }
}
