package com.needlepen.firmware.safety;

import com.needlepen.firmware.collar.ZeroCheck;
import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * The collar stopped during the zero check's probe, told by the collar's own position sensor, not by
 * the stepper driver's stall flag (H49). The probe creeps towards the home switch at a quarter of
 * the collar's top speed (0.5 mm/s on the sim profile), below the speed at which the driver's
 * StallGuard works (the TMC5160 evaluates it only above {@code TCOOLTHRS}, and a small stepper at
 * low speed has too little back-EMF for it): there a stall raises no flag. A collar that stops while
 * the probe's count goes on falls behind its steps ({@link ZeroCheck#probeLagSteps()}); past
 * {@link #PROBE_LAG_MM} it has stopped. Shallower than the switch can be with its tolerance, the only
 * thing it can have stopped against is the shallow stop, past the switch: the switch did not close
 * (F18, as {@link CollarCheck} says when the flag does rise). Anywhere else, the count cannot be
 * trusted (F16).
 *
 * <p>Runs before {@link CollarPositionCheck}, whose bound for a collar not following its steps is
 * wider (0.079 mm plus 5 % of the travel), so it names the switch rather than the collar or its sensor.
 */
public final class ProbeStallCheck implements SafetyCheck {

    /**
     * How far the collar may fall behind its steps in the probe before it has stopped, mm: over the
     * probe's at most 0.9 mm (the profile allows 0.3 mm before and 0.6 mm past the switch) a collar
     * 5 % off scale falls 0.045 mm behind on the bounds' worst profile, 0.02 mm on the shipped 0.4 mm;
     * the lead screw's periodic error and the sensor's non-linearity and counts add under 0.015 mm.
     */
    static final double PROBE_LAG_MM = 0.06;

    private final SafetyInputs in;
    private final long lagBoundSteps;
    private final long toleranceSteps;
    private final double stepsPerMm;
    private String detail;

    public ProbeStallCheck(SafetyInputs in) {
        this.in = in;
        this.stepsPerMm = in.profile().collar().stepsPerMm();
        this.lagBoundSteps = Math.round(PROBE_LAG_MM * stepsPerMm);
        this.toleranceSteps = Math.round(in.profile().calibration().toleranceMm() * stepsPerMm);
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        if (state != PenState.CHECKING || in.zeroCheck().phase() != ZeroCheck.Phase.PROBE) {
            return null;
        }
        long lag = in.zeroCheck().probeLagSteps();
        if (lag <= lagBoundSteps) {
            return null;
        }
        long steps = in.collar().positionSteps();
        if (steps < -toleranceSteps) {
            detail = String.format(Locale.ROOT, "the collar stopped %.3f mm shallower than where the count expects the"
                    + " home switch (its position sensor %.3f mm behind the probe's steps), and the switch never"
                    + " closed: the collar passed it and reached its shallow stop; the switch or its wiring is open",
                    -steps / stepsPerMm, lag / stepsPerMm);
            return FaultCode.F18_HOME_SWITCH_OPEN;
        }
        detail = String.format(Locale.ROOT, "the collar stopped in the zero check's probe at %.3f mm (its position"
                + " sensor %.3f mm behind the steps): its count cannot be trusted", steps / stepsPerMm, lag / stepsPerMm);
        return FaultCode.F16_COLLAR_STEPS_LOST;
    }

    @Override
    public String detail() {
        return detail;
    }
}
