package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;

/**
 * The supervisor loop must tick at its fixed period: a tick later than the profile's budget (a GC
 * pause, a starved thread) faults, before the driver's dead-man would have to. Counts late ticks and
 * keeps the worst lateness.
 */
public final class LoopOverrunCheck implements SafetyCheck {

    private final long periodNanos;
    private final long budgetNanos;
    private final com.needlepen.firmware.loop.TickTrace trace;
    private String cause = "";
    private long lastTickNanos = Long.MIN_VALUE;
    private long overruns;
    private long worstLatenessNanos;
    private long lastLatenessNanos;

    public LoopOverrunCheck(SafetyInputs in) {
        this.periodNanos = in.profile().loop().periodNanos();
        this.budgetNanos = Math.round(in.profile().safety().loopOverrunBudgetMillis() * 1e6);
        this.trace = in.trace();
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        long last = lastTickNanos;
        lastTickNanos = nowNanos;
        if (last == Long.MIN_VALUE) {
            return null;
        }
        long lateness = nowNanos - last - periodNanos;
        if (lateness > 0) {
            worstLatenessNanos = Math.max(worstLatenessNanos, lateness);
        }
        if (lateness > budgetNanos) {
            overruns++;
            lastLatenessNanos = lateness;
            cause = "; " + trace.explainLateness(periodNanos); // once, as the fault latches: not the steady path
            return FaultCode.F15_LOOP_OVERRUN;
        }
        return null;
    }

    @Override
    public String detail() {
        return "a tick came " + lastLatenessNanos / 1_000_000 + " ms late (budget " + budgetNanos / 1_000_000 + " ms)" + cause;
    }

    public long overruns() {
        return overruns;
    }

    public long worstLatenessNanos() {
        return worstLatenessNanos;
    }
}
