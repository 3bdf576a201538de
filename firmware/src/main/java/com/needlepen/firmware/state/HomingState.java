package com.needlepen.firmware.state;

import com.needlepen.firmware.collar.CollarHoming;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.hal.LedPattern;

/**
 * The collar finds its home switch and sets its zero; the practitioner's ceiling bounds it. Meanwhile
 * the cam is parked (tips hidden) as at power-on: READY needs both. Homing follows BOOT, which parked
 * it, or an acknowledged fault, which may have left it where its brake stopped it: a fault that
 * distrusts the drive or the index (F03, F11, F31, ...) brakes and holds without parking, and a cam
 * stopped within a few degrees of its top holds the tips out. The safety property found READY on
 * skin after a PWM stuck high, an acknowledge and re-homing with the tips at the set depth (0.0204
 * mm past it, the depth of a cam left at its top; H42): READY must mean the tips are hidden. The
 * acknowledge is the practitioner's word that the drive may be used again, so parking may nudge.
 *
 * <p>A home switch that reads pressed as homing begins sends the collar deeper first (homing releases
 * it), and with the cam still at its top that drives the tips past the set depth: the safety property
 * found a home switch stuck pressed (F17) acknowledged while the worn follower's parking still crept,
 * and the release carried tips 0.98 mm out to 1.02 mm at 1.0 set. Then homing waits until the cam is
 * parked, and meanwhile the collar is drawn in to where even a cam at its top hides the tips by the
 * profile's minimum recess (by its count, shallower, which is safe whatever the count's error: waiting
 * with the collar where it was left the tips out past a depth lowered in the meantime, which the property
 * found too). Otherwise homing begins at once: its first move is shallower, towards the switch.
 */
final class HomingState implements State {

    private final StateParts p;
    private final FaultLatch faults;
    private boolean camParked;
    private boolean homingStarted;

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
        camParked = false;
        homingStarted = false;
        p.parker().start(now);
        if (!p.hw().collar().homeSwitchPressed()) {
            startHoming(now);
        } else {
            double hidden = -p.profile().collar().minRecessMm();
            if (p.positioner().collarDepthMm() > hidden) {
                p.positioner().moveTo(hidden);
            }
        }
    }

    @Override
    public PenState periodic(long now) {
        if (!camParked) {
            switch (p.parker().periodic(now)) {
                case PARKED -> {
                    camParked = true;
                    p.drive().disable(); // off again: a shaft that turns from here on is the turning-while-off check's
                }
                case FAILED -> {
                    return faults.latch(FaultCode.F10_PARK_FAILED, p.parkFailure("while re-homing"));
                }
                case BUSY -> {
                }
            }
        }
        if (!homingStarted) {
            if (!camParked) {
                return PenState.HOMING;
            }
            startHoming(now);
        }
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
                if (!camParked) {
                    yield PenState.HOMING;
                }
                p.gate().homed();
                yield PenState.READY;
            }
            case FAILED -> faults.latch(FaultCode.F01_HOMING_FAILED, p.homing().failure());
            default -> PenState.HOMING;
        };
    }

    private void startHoming(long now) {
        homingStarted = true;
        p.homing().start(now);
    }
}
