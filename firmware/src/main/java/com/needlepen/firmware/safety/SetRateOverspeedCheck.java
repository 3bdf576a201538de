package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * Measured rate above 125 % of the set rate plus 5 Hz for 50 ms while running (H32): a regulator or
 * driver that runs away at a low set rate (a PWM duty latched at 60 % runs the sim pen at about
 * 110 Hz) stays under {@link OverspeedCheck}'s line (the profile's top rate × 1.1), and
 * {@link RateDeviationCheck} waits a second and, being parkable, would then nudge the cam with a
 * drive that does not obey. This one judges from the run's start (a runaway during the soft start is
 * caught too), and its fault is drive-suspect like F03.
 *
 * <p>Thresholds. Normal operation's worst case: the soft start overshoots the set rate by a few
 * per cent, regulation holds within 1 % once spun up and a rate step is 5 Hz; one late index stamp
 * never reaches the median estimate. When the set rate drops (the practitioner, or the warning
 * temperature lowering it to {@code safety.warningMaxRateHz}) the shaft slows within milliseconds
 * but the estimate lags by three periods, so the line is judged against a ceiling that follows a
 * lower set rate at {@value #CEILING_FALL_HZ_PER_S} Hz/s, never faster. 125 % + 5 Hz of the set
 * rate is 67.5 Hz at 50 Hz: below the 110 Hz of the stuck duty by far, and more needles per
 * second than the practitioner chose by a quarter is the least this check calls a runaway.
 */
public final class SetRateOverspeedCheck implements SafetyCheck {

    static final double FACTOR = 1.25;
    static final double MARGIN_HZ = 5.0;
    static final long HOLD_NANOS = 50_000_000L;
    static final double CEILING_FALL_HZ_PER_S = 500.0;
    private final SafetyInputs in;
    private final HeldCondition fast = new HeldCondition(HOLD_NANOS);
    private double ceilingHz;
    private long lastNanos = Long.MIN_VALUE;
    private double rateHz;

    public SetRateOverspeedCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public void runStarted(long nowNanos) {
        fast.reset();
        ceilingHz = 0.0;
        lastNanos = nowNanos;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        if (state != PenState.RUNNING) {
            fast.reset();
            lastNanos = nowNanos;
            return null;
        }
        double set = in.drive().setRateHz();
        double fallen = ceilingHz - CEILING_FALL_HZ_PER_S * Math.max(0L, nowNanos - lastNanos) * 1e-9;
        lastNanos = nowNanos;
        // a set rate that is not a number leaves the ceiling not a number, and the comparison below then faults
        ceilingHz = set >= fallen ? set : Double.isNaN(set) ? Double.NaN : fallen;
        rateHz = in.drive().measuredRateHz(nowNanos);
        return fast.update(!(rateHz <= FACTOR * ceilingHz + MARGIN_HZ), nowNanos) ? FaultCode.F23_OVERSPEED_VS_SET
                : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "%.1f Hz against %.1f Hz set", rateHz, in.drive().setRateHz());
    }
}
