package com.needlepen.firmware.safety;

import com.needlepen.firmware.drive.IndexRateEstimator;
import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * Measured rate above the profile's maximum rate by its {@code tuning.overspeed.maxRateFactor}
 * (1.10 shipped) while running: a drive that runs away (the PWM stuck high, a regulator fault)
 * strokes faster than any rate the practitioner may set. The rate-deviation check is slower by
 * design (a second); this one acts on the first measurement above the line, which the profile
 * loader keeps below the rate of the slowest runaway and of the spring's hold on the carrier.
 * "Above the line" is both measures of the rate above it: the median of the last three periods and
 * the mean over the last {@value IndexRateEstimator#SPAN} ({@link IndexRateEstimator}). Two late
 * index stamps close together carry the median alone 10 % high for one edge (a false F03 at 150 Hz
 * once in minutes of running on the sim); they leave the span's mean where it was. A runaway carries
 * both over the line, the mean a period or two after the median. Not a number is above the line.
 */
public final class OverspeedCheck implements SafetyCheck {

    private final SafetyInputs in;
    private final double lineHz;
    private double rateHz;
    private double spanHz;

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
        spanHz = in.drive().spanRateHz();
        return !(Math.min(rateHz, spanHz) <= lineHz) ? FaultCode.F03_OVERSPEED : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "%.1f Hz (%.1f Hz over the last %d periods)", rateHz, spanHz,
                IndexRateEstimator.SPAN);
    }
}
