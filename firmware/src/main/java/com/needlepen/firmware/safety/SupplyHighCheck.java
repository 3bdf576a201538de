package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * The motor supply above 105 % of the profile's {@code supply.maxVolts} for 50 ms, in every state
 * (H31). {@code maxVolts} is the highest supply the pen is specified for: its motor and driver are
 * chosen, and its runaway (H19) and jam (H01) figures measured, at or below it. The regulator follows
 * the measured supply, so at a higher one the rate holds and no other check notices; but every
 * duty the firmware sets open-loop (parking's nudge, calibration's cam steps) drives harder, and a
 * second fault does more harm: on the sim pen at 150 % of nominal a runaway (the PWM stuck high)
 * peaks at about 255 Hz before F03 instead of 189 Hz, and a jammed cam draws 6.3 A instead of 4.2 A.
 * 5 % and 50 ms are above a supply within its tolerance and the short rise of a braking motor's
 * current fed back into the rail (a few milliseconds), and below the 150 % of a failed regulator or
 * a wrong adapter ({@code SUPPLY_SURGE}). Not drive-suspect: the bridge still brakes and the cam is
 * parked.
 */
public final class SupplyHighCheck implements SafetyCheck {

    static final double FRACTION = 1.05;
    static final long HOLD_NANOS = 50_000_000L;
    private final SafetyInputs in;
    private final HeldCondition high = new HeldCondition(HOLD_NANOS);
    private double volts;

    public SupplyHighCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        volts = in.sensors().supplyVolts();
        // written so that a reading that is not a number counts as high
        return high.update(!(volts <= FRACTION * in.profile().supply().maxVolts()), nowNanos)
                ? FaultCode.F22_SUPPLY_HIGH : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "%.2f V, maximum %.2f V", volts, in.profile().supply().maxVolts());
    }
}
