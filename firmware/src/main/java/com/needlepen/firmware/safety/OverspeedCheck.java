package com.needlepen.firmware.safety;

import com.needlepen.firmware.PenState;
import java.util.Locale;

/** Measured rate above 1.25 × the profile's maximum rate while running. */
public final class OverspeedCheck implements SafetyCheck {

    static final double FACTOR = 1.25;
    private final SafetyInputs in;
    private double rateHz;

    public OverspeedCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        if (state != PenState.RUNNING) {
            return null;
        }
        rateHz = in.drive().measuredRateHz(nowNanos);
        return rateHz > FACTOR * in.profile().rate().maxHz() ? FaultCode.F03_OVERSPEED : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "%.1f Hz", rateHz);
    }
}
