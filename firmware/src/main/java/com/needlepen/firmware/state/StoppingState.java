package com.needlepen.firmware.state;

import com.needlepen.firmware.safety.FaultCode;

/** Braking, then parking the cam at the index (tips hidden); the run ends on the way out. */
final class StoppingState implements State {

    private final StateParts p;
    private final FaultLatch faults;
    private long stopRequestedNanos;
    private long lastStopToParkedNanos = -1;

    StoppingState(StateParts p, FaultLatch faults) {
        this.p = p;
        this.faults = faults;
    }

    @Override
    public void enter(long now) {
        stopRequestedNanos = now;
        p.parker().startAfterRun(now, true);
    }

    @Override
    public PenState periodic(long now) {
        return switch (p.parker().periodic(now)) {
            case PARKED -> {
                lastStopToParkedNanos = p.parker().parkedAtNanos() - stopRequestedNanos;
                yield PenState.READY;
            }
            case FAILED -> faults.latch(FaultCode.F10_PARK_FAILED, p.parkFailure("after stop"));
            case BUSY -> PenState.STOPPING;
        };
    }

    @Override
    public void exit(long now) {
        p.drive().disable();
        if (p.sessions().runActive()) {
            p.sessions().runEnded(now, p.drive().strokes(), p.treatment().depthMm(), p.treatment().rateHz(), "stopped");
            p.events().event("run.end", now).with("reason", "stopped")
                    .with("stopToParkedMs", lastStopToParkedNanos / 1e6).send();
        }
    }

    /** From the stop to the cam parked, in the last stop (-1: none yet). */
    long lastStopToParkedNanos() {
        return lastStopToParkedNanos;
    }
}
