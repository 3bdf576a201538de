package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/** After spin-up, the measured rate more than 10 % from the set rate for longer than 1 s. */
public final class RateDeviationCheck implements SafetyCheck {

    static final double FRACTION = 0.10;
    static final long HOLD_NANOS = 1_000_000_000L;
    private final SafetyInputs in;
    private boolean spunUp;
    private final HeldCondition off = new HeldCondition(HOLD_NANOS);
    private double rateHz;

    public RateDeviationCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public void runStarted(long nowNanos) {
        spunUp = false;
        off.reset();
    }

    @Override
    public void spunUp() {
        spunUp = true;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        if (state != PenState.RUNNING || !spunUp) {
            return null;
        }
        rateHz = in.drive().measuredRateHz(nowNanos);
        double set = in.drive().setRateHz();
        return off.update(Math.abs(rateHz - set) > FRACTION * set, nowNanos) ? FaultCode.F04_RATE_DEVIATION : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "%.1f Hz against %.1f Hz set", rateHz, in.drive().setRateHz());
    }
}
