package com.needlepen.firmware.safety;

import com.needlepen.firmware.PenState;
import java.util.Locale;

/**
 * The collar's count can no longer be trusted: the stepper driver reported a stall (lost steps, or
 * skin pressure forcing the collar back against the holding rotor), or the home switch is closed
 * where the count says the collar is well away from home. Not checked while homing, which is
 * where the switch belongs and where the count is being set.
 */
public final class CollarCheck implements SafetyCheck {

    /** The switch may be closed this close to the zero (its hysteresis and repeatability). */
    static final double SWITCH_ZONE_MM = 0.1;
    private final SafetyInputs in;
    private final long zoneSteps;
    private String detail;

    public CollarCheck(SafetyInputs in) {
        this.in = in;
        this.zoneSteps = Math.round(SWITCH_ZONE_MM * in.profile().collar().stepsPerMm());
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        if (state == PenState.HOMING || state == PenState.BOOT) {
            return null;
        }
        if (in.collar().stallDetected()) {
            detail = "the stepper driver reported a stall at " + in.collar().positionSteps() + " steps";
            return FaultCode.F16_COLLAR_STEPS_LOST;
        }
        long steps = in.collar().positionSteps();
        if (in.collar().homeSwitchPressed() && steps > zoneSteps) {
            detail = String.format(Locale.ROOT, "home switch closed at %.3f mm from home",
                    steps / in.profile().collar().stepsPerMm());
            return FaultCode.F17_HOME_SWITCH_UNEXPECTED;
        }
        return null;
    }

    @Override
    public String detail() {
        return detail;
    }
}
