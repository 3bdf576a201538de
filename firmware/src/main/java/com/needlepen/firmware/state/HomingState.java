package com.needlepen.firmware.state;

import com.needlepen.firmware.collar.CollarHoming;
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
                double offsetMm = p.homing().switchOffsetSteps() / p.profile().collar().stepsPerMm();
                // written so that a reading that is not a number faults
                if (!(Math.abs(offsetMm) <= CollarHoming.SWITCH_DRIFT_BOUND_MM)) {
                    yield faults.latch(FaultCode.F34_HOME_SWITCH_DRIFTED, String.format(java.util.Locale.ROOT,
                            "the home switch closed %.3f mm %s than its place on the collar's scale (at most %.2f mm"
                                    + " allowed): it has moved; the zero is the scale's, the switch needs service",
                            Math.abs(offsetMm), offsetMm > 0 ? "deeper" : "shallower", CollarHoming.SWITCH_DRIFT_BOUND_MM));
                }
                p.gate().homed();
                yield PenState.READY;
            }
            case FAILED -> faults.latch(FaultCode.F01_HOMING_FAILED, p.homing().failure());
            default -> PenState.HOMING;
        };
    }
}
