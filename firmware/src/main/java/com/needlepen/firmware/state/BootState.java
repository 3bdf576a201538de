package com.needlepen.firmware.state;

import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.hal.HoldCurrent;
import com.needlepen.hal.LedPattern;

/** Power-on: drive off, collar held softly, cam parked before anything else moves. */
final class BootState implements State {

    private final StateParts p;
    private final FaultLatch faults;

    BootState(StateParts p, FaultLatch faults) {
        this.p = p;
        this.faults = faults;
    }

    @Override
    public void enter(long now) {
        p.drive().disable();
        p.hw().collar().setHoldCurrent(HoldCurrent.REDUCED);
        p.hw().indicators().setLed(LedPattern.BUSY);
        p.parker().start(now);
    }

    @Override
    public PenState periodic(long now) {
        return switch (p.parker().periodic(now)) {
            case PARKED -> PenState.HOMING;
            case FAILED -> faults.latch(FaultCode.F10_PARK_FAILED, p.parkFailure("at power-on"));
            case BUSY -> PenState.BOOT;
        };
    }
}
