package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * The motor supply below 95 % of the profile's minimum for 50 ms: every rate limit was computed at
 * the minimum, so below it the pen no longer knows what it can do.
 */
public final class SupplyCheck implements SafetyCheck {

    static final double FRACTION = 0.95;
    static final long HOLD_NANOS = 50_000_000L;
    private final SafetyInputs in;
    private final HeldCondition low = new HeldCondition(HOLD_NANOS);
    private double volts;

    public SupplyCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        volts = in.sensors().supplyVolts();
        // written so that a reading that is not a number counts as low
        return low.update(!(volts >= FRACTION * in.profile().supply().minVolts()), nowNanos) ? FaultCode.F12_SUPPLY_LOW
                : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "%.2f V, minimum %.2f V", volts, in.profile().supply().minVolts());
    }
}
