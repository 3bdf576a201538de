package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/** Motor current above the profile's limit for longer than 100 ms (start-up peaks are shorter). */
public final class OvercurrentCheck implements SafetyCheck {

    static final long HOLD_NANOS = 100_000_000L;
    private final SafetyInputs in;
    private final HeldCondition high = new HeldCondition(HOLD_NANOS);
    private double amps;

    public OvercurrentCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        amps = in.sensors().motorCurrentAmps();
        // written so that a reading that is not a number counts as high
        return high.update(!(amps <= in.profile().motor().maxCurrentAmps()), nowNanos) ? FaultCode.F05_OVERCURRENT : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "%.2f A against %.2f A allowed", amps, in.profile().motor().maxCurrentAmps());
    }
}
