package com.needlepen.firmware.safety;

import com.needlepen.firmware.PenState;
import java.util.Locale;

/**
 * Measured rate more than 10 % above the profile's maximum rate while running: a drive that runs
 * away (the PWM stuck high, a regulator fault) strokes faster than any rate the practitioner may
 * set. The rate-deviation check is slower by design (a second); this one acts on the first
 * measurement above the line.
 */
public final class OverspeedCheck implements SafetyCheck {

    static final double FACTOR = 1.10;
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
