package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.collar.CollarHoming;
import com.needlepen.firmware.collar.ZeroCheck;
import java.util.Locale;

/**
 * The collar's count can no longer be trusted: the stepper driver reported a stall (steps lost
 * while it moved), the zero check before a run found the home switch further from where the count
 * expects it than the profile's depth tolerance (steps lost, or the collar pushed back while it
 * stood still, which no stall detection sees), or the home switch is closed where the count says
 * the collar is well away from home. The zero check's reading is judged about where the
 * calibration's load (5 N) puts the collar, not about the unloaded homing: a practitioner pressing
 * anywhere from 0 to 10 N through the check moves it by at most half the hardest press's give
 * (7.5 µm) from there, so a 10 N press no longer reads as lost steps (H42), and the tolerance about
 * the depths the calibration set is the profile's either way. Not checked while homing, which is where the switch belongs
 * and where the count is being set.
 */
public final class CollarCheck implements SafetyCheck {

    /**
     * The switch may be closed this close to the zero: the zero comes from the collar's scale, and the
     * switch may close up to {@link CollarHoming#SWITCH_DRIFT_BOUND_MM} from it (H50), then stays closed
     * for its hysteresis (0.02 mm) and repeatability, with margin.
     */
    static final double SWITCH_ZONE_MM = CollarHoming.SWITCH_DRIFT_BOUND_MM + 0.05;
    private final SafetyInputs in;
    private final long zoneSteps;
    private final long toleranceSteps;
    private final long calibrationGiveSteps;
    private String detail;

    /**
     * The load the calibration is made under (the fixture presses the collar face onto the gauge's
     * anvil, docs/calibration.md): the depths the pen sets are the collar's under it.
     */
    static final double CALIBRATION_LOAD_N = 5.0;
    /** The collar thread's, nut's and bearing's give, mm per newton (docs/mechanics.md). */
    static final double COMPLIANCE_MM_PER_N = 0.0015;

    public CollarCheck(SafetyInputs in) {
        this.in = in;
        this.zoneSteps = Math.round(SWITCH_ZONE_MM * in.profile().collar().stepsPerMm());
        this.toleranceSteps = Math.round(in.profile().calibration().toleranceMm() * in.profile().collar().stepsPerMm());
        // homing is unloaded; the calibration's load puts the collar this much deeper than its count (H42): the check
        // centres on it, so anything from no press to the hardest (10 N) is within half the give of it
        this.calibrationGiveSteps = Math.round(CALIBRATION_LOAD_N * COMPLIANCE_MM_PER_N
                * in.profile().collar().stepsPerMm());
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        if (state == PenState.HOMING || state == PenState.BOOT) {
            return null;
        }
        var zero = in.zeroCheck();
        if (in.collar().stallDetected()) {
            long steps = in.collar().positionSteps();
            if (state == PenState.CHECKING && zero.phase() == ZeroCheck.Phase.PROBE && steps < -toleranceSteps) {
                // Searching shallower than the switch with the switch still open, the collar stopped against
                // something: the only thing there is the shallow stop, past the switch. Steps lost either way
                // cannot bring the collar there without passing the switch, so the switch did not close.
                detail = String.format(Locale.ROOT, "the collar stalled %.3f mm shallower than where the count expects"
                        + " the home switch, and the switch never closed: the collar passed it and reached its shallow"
                        + " stop; the switch or its wiring is open", -steps / in.profile().collar().stepsPerMm());
                return FaultCode.F18_HOME_SWITCH_OPEN;
            }
            detail = "the stepper driver reported a stall at " + steps + " steps";
            return FaultCode.F16_COLLAR_STEPS_LOST;
        }
        if (zero.done() && zero.timedOut()) {
            detail = "zero check did not finish within " + ZeroCheck.TIMEOUT_NANOS / 1_000_000_000L
                    + " s: the collar did not stop where it was sent";
            return FaultCode.F16_COLLAR_STEPS_LOST;
        }
        // a found switch is judged about where the calibration's load puts the collar, not about the unloaded homing
        long judged = zero.found() ? zero.offsetSteps() + calibrationGiveSteps : zero.offsetSteps();
        if (zero.done() && Math.abs(judged) > toleranceSteps) {
            double mm = judged / in.profile().collar().stepsPerMm();
            detail = zero.found()
                    ? String.format(Locale.ROOT, "zero check: home switch closed %.3f mm %s than the count expects"
                            + " under the calibration's %.0f N (tolerance %.3f mm)", Math.abs(mm),
                            mm > 0 ? "shallower" : "deeper", CALIBRATION_LOAD_N, in.profile().calibration().toleranceMm())
                    : String.format(Locale.ROOT, "zero check: home switch not found within %.3f mm past where the"
                            + " count expects it: the collar is deeper than it counts, or the switch is stuck open"
                            + " (the pen cannot tell these apart)", -mm);
            return FaultCode.F16_COLLAR_STEPS_LOST;
        }
        long steps = in.collar().positionSteps();
        // while the zero check runs, it looks for the switch itself and its result is judged above
        if (state != PenState.CHECKING && in.collar().homeSwitchPressed() && steps > zoneSteps) {
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
