package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;

/** The second depth check: something asked the collar for more than the limit and was clamped. */
public final class DepthLimitCheck implements SafetyCheck {

    private final SafetyInputs in;

    public DepthLimitCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        return in.positioner().limitViolated() ? FaultCode.F09_DEPTH_LIMIT : null;
    }

    @Override
    public String detail() {
        return "collar command clamped to " + in.positioner().limitSteps() + " steps";
    }
}
