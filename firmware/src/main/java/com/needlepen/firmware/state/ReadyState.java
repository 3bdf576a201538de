package com.needlepen.firmware.state;

import com.needlepen.hal.BuzzerPattern;
import com.needlepen.hal.HoldCurrent;
import com.needlepen.hal.LedPattern;

/** Homed, needles still and hidden, the collar at the set depth: a start is accepted here only. */
final class ReadyState implements State {

    private final StateParts p;
    private final long idleCloseNanos;
    /** Since when the pen has stood in READY: the end of the last run, or of the last start's check. */
    private long idleSinceNanos;

    ReadyState(StateParts p) {
        this.p = p;
        this.idleCloseNanos = p.profile().safety().sessionIdleCloseNanos();
    }

    @Override
    public void enter(long now) {
        idleSinceNanos = now;
        p.positioner().setLimitMm(p.unlock().limitMm());
        p.positioner().moveTo(p.treatment().depthMm());
        p.hw().collar().setHoldCurrent(HoldCurrent.REDUCED);
        p.hw().indicators().setLed(LedPattern.READY);
        p.hw().indicators().setBuzzer(BuzzerPattern.SILENT);
    }

    @Override
    public PenState periodic(long now) {
        p.positioner().periodic();
        if (p.sessions().current() != null && !p.hw().cartridge().isPresent()) {
            // one session, one cartridge: taking it out ends the treatment
            p.treatment().closeSession(now, "cartridge removed");
        }
        if (p.sessions().current() != null && now - idleSinceNanos > idleCloseNanos) {
            // one session, one client (H38): a session left open between clients closes itself, after the collar's
            // zero check as any session's end after a run
            idleSinceNanos = now; // asked once: the close goes through CHECKING
            return p.gate().endSession(now, "idle " + com.needlepen.config.SafetySpec.minutesText(idleCloseNanos)
                    + " min without a run");
        }
        return PenState.READY;
    }
}
