package com.needlepen.firmware.state;

import com.needlepen.hal.HoldCurrent;
import com.needlepen.hal.LedPattern;

/** The needles stroke at the set depth and rate; leaving brakes the motor. */
final class RunningState implements State {

    private final StateParts p;
    private long runStartNanos;

    RunningState(StateParts p) {
        this.p = p;
    }

    @Override
    public void enter(long now) {
        p.hw().collar().setHoldCurrent(HoldCurrent.FULL);
        p.positioner().needlesRunning(true);
        p.hw().indicators().setLed(LedPattern.RUNNING);
        p.gate().runEntered();
        p.spinUp().restart();
        runStartNanos = now;
        p.sessions().runStarted(now, p.drive().strokes());
        p.supervisor().runStarted(now);
        p.drive().startRun(now, p.treatment().rateHz());
        p.treatment().runStarted(now);
        p.outputs().runStarted(now);
        p.events().event("run.start", now).with("depthMm", p.treatment().depthMm()).with("rateHz", p.treatment().rateHz())
                .send();
    }

    @Override
    public PenState periodic(long now) {
        p.treatment().paceRate(now);
        p.positioner().periodic();
        long since = p.spinUp().update(now, p.drive().hasMeasurement(), p.drive().referenceHz(),
                p.drive().measuredRateHz(now), p.treatment().rateHz());
        if (since != Long.MIN_VALUE) {
            p.sessions().spinUpDone(since);
            p.supervisor().spunUp();
        }
        return PenState.RUNNING;
    }

    @Override
    public void exit(long now) {
        p.drive().brake();
        p.positioner().needlesRunning(false);
    }

    /** When the current (or last) run started. */
    long runStartNanos() {
        return runStartNanos;
    }
}
