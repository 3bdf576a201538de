package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * The motor supply above 105 % of the profile's {@code supply.maxVolts} for 50 ms, in every state
 * (H31). Every figure the profile loader proves (the top rate's headroom, the slowest runaway above
 * the overspeed line, the stall current below what the winding and driver carry) and every duty the
 * firmware sets open-loop (parking's nudge, calibration's cam steps) was worked out at most at
 * {@code maxVolts}; above it a runaway accelerates faster than F03's bound was shown for and the
 * winding and driver carry more than they were chosen for. 5 % and 50 ms are above a supply within
 * its tolerance and the short rise of a braking motor's current fed back into the rail (a few
 * milliseconds), and below the 150 % of a failed regulator or a wrong adapter ({@code SUPPLY_SURGE}).
 * Not drive-suspect: the bridge still brakes and the cam is parked.
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
