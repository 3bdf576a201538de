package com.needlepen.hal.pi4j.tmc2209;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Virtual time for the step loop: waiting jumps the clock to the deadline (plus an injected lateness), and actions
 * scheduled at a virtual time (a stop() from the control tick) run when a wait passes their time.
 */
final class VirtualStepTimer implements StepTimer {

    private long now;
    private long lateNext;
    private final List<long[]> actionTimes = new ArrayList<>();
    private final List<Runnable> actions = new ArrayList<>();

    VirtualStepTimer(long start) {
        this.now = start;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    void advanceTo(long t) {
        now = Math.max(now, t);
    }

    /** The next wait returns {@code nanos} after its deadline (a descheduled thread). */
    void lateNext(long nanos) {
        lateNext = nanos;
    }

    /** Runs {@code action} at virtual time {@code t} (during the wait that passes it). */
    void at(long t, Runnable action) {
        actionTimes.add(new long[] {t});
        actions.add(action);
    }

    @Override
    public void awaitUntil(long deadlineNanos, BooleanSupplier wake) {
        for (int i = 0; i < actions.size(); i++) {
            long t = actionTimes.get(i)[0];
            if (t <= deadlineNanos) {
                Runnable a = actions.remove(i);
                actionTimes.remove(i);
                now = Math.max(now, t);
                a.run();
                if (wake.getAsBoolean()) {
                    return;
                }
                i--;
            }
        }
        now = Math.max(now, deadlineNanos + lateNext);
        lateNext = 0;
    }
}
