package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;

/** The HAL driver disabled itself because its dead-man was not refreshed: something stalled the loop. */
public final class DeadmanCheck implements SafetyCheck {

    private final SafetyInputs in;

    public DeadmanCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        return in.drive().deadmanExpired() ? FaultCode.F08_DEADMAN : null;
    }

    @Override
    public String detail() {
        return "the driver disabled itself after " + in.profile().motor().deadmanMillis() + " ms without a refresh";
    }
}
