package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;

/** A single run longer than the profile's maximum continuous run time. */
public final class RunTimeCheck implements SafetyCheck {

    private final long maxNanos;
    private long runStartNanos;

    public RunTimeCheck(SafetyInputs in) {
        this.maxNanos = in.profile().safety().maxContinuousRunNanos();
    }

    @Override
    public void runStarted(long nowNanos) {
        runStartNanos = nowNanos;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        return state == PenState.RUNNING && nowNanos - runStartNanos > maxNanos ? FaultCode.F14_RUN_TOO_LONG : null;
    }

    @Override
    public String detail() {
        return "run longer than " + com.needlepen.config.SafetySpec.minutesText(maxNanos) + " min";
    }
}
