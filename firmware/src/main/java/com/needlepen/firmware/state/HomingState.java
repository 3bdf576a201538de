package com.needlepen.firmware.state;

import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.hal.LedPattern;

/** The collar finds its home switch and sets its zero; the practitioner's ceiling bounds it. */
final class HomingState implements State {

    private final StateParts p;
    private final FaultLatch faults;

    HomingState(StateParts p, FaultLatch faults) {
        this.p = p;
        this.faults = faults;
    }

    @Override
    public void enter(long now) {
        p.drive().disable();
        p.gate().homingStarted();
        p.hw().indicators().setLed(LedPattern.BUSY);
        p.positioner().setLimitMm(p.unlock().limitMm());
        p.positioner().clearViolation();
        p.homing().start(now);
    }

    @Override
    public PenState periodic(long now) {
        return switch (p.homing().periodic(now)) {
            case DONE -> {
                p.gate().homed();
                yield PenState.READY;
            }
            case FAILED -> faults.latch(FaultCode.F01_HOMING_FAILED, p.homing().failure());
            default -> PenState.HOMING;
        };
    }
}
