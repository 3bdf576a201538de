package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * Measured rate above the profile's maximum rate by its {@code tuning.overspeed.maxRateFactor}
 * (1.10 shipped) while running: a drive that runs away (the PWM stuck high, a regulator fault)
 * strokes faster than any rate the practitioner may set. The rate-deviation check is slower by
 * design (a second); this one acts on the first measurement above the line, which the profile
 * loader keeps below the rate of the slowest runaway and of the spring's hold on the carrier.
 */
public final class OverspeedCheck implements SafetyCheck {

    private final SafetyInputs in;
    private final double lineHz;
    private double rateHz;

    public OverspeedCheck(SafetyInputs in) {
        this.in = in;
        this.lineHz = in.profile().tuning().overspeed().maxRateFactor() * in.profile().rate().maxHz();
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        if (state != PenState.RUNNING) {
            return null;
        }
        rateHz = in.drive().measuredRateHz(nowNanos);
        return rateHz > lineHz ? FaultCode.F03_OVERSPEED : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "%.1f Hz", rateHz);
    }
}
