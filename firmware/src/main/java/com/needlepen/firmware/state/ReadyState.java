package com.needlepen.firmware.state;

import com.needlepen.hal.BuzzerPattern;
import com.needlepen.hal.HoldCurrent;
import com.needlepen.hal.LedPattern;

/** Homed, needles still and hidden, the collar at the set depth: a start is accepted here only. */
final class ReadyState implements State {

    private final StateParts p;

    ReadyState(StateParts p) {
        this.p = p;
    }

    @Override
    public void enter(long now) {
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
        return PenState.READY;
    }
}
