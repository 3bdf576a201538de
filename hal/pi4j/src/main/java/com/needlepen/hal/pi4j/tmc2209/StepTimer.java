package com.needlepen.hal.pi4j.tmc2209;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The step thread's time source and its way of waiting for the next step's due time. Production: System.nanoTime,
 * parking until a margin before the due time and spinning the rest (a parked thread wakes 50 to 100 µs late on Linux,
 * docs/performance.md; a spinning one within a few µs). Tests: a virtual clock that jumps to the due time, so a step
 * schedule is checked to the nanosecond without waiting.
 */
public interface StepTimer {

    /** Now, in nanoseconds on this timer's clock. */
    long nanoTime();

    /**
     * Returns at or after {@code deadlineNanos}, or earlier as soon as {@code wake} answers true (a new command for the
     * step thread). Returns at once when the deadline has passed.
     */
    void awaitUntil(long deadlineNanos, BooleanSupplier wake);

    /** System.nanoTime; parks until {@code spinMarginNanos} before the deadline, then spins. */
    static StepTimer parkThenSpin(long spinMarginNanos) {
        if (spinMarginNanos < 0) {
            throw new IllegalArgumentException("step timer spin margin " + spinMarginNanos + " ns: must be >= 0");
        }
        return new StepTimer() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void awaitUntil(long deadlineNanos, BooleanSupplier wake) {
                long left;
                while ((left = deadlineNanos - System.nanoTime()) > spinMarginNanos) {
                    if (wake.getAsBoolean()) {
                        return;
                    }
                    LockSupport.parkNanos(left - spinMarginNanos);
                }
                while (System.nanoTime() - deadlineNanos < 0) {
                    if (wake.getAsBoolean()) {
                        return;
                    }
                    Thread.onSpinWait();
                }
            }
        };
    }
}
