package com.needlepen.firmware.loop;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * How the loop thread waits for its next deadline. Parking alone wakes tens to hundreds of
 * microseconds late on Linux; spinning alone burns a core. The default parks until a margin before
 * the deadline and spins the rest, so lateness is that of the spin and the CPU cost that of the
 * margin.
 */
public interface WaitStrategy {

    /** Returns at or after {@code deadlineNanos} on {@code clock} (or at once if it has passed). */
    void awaitUntil(long deadlineNanos, LongSupplier clock);

    /** A short name for reports. */
    String describe();

    /** Park until {@code marginNanos} before the deadline, then spin. */
    static WaitStrategy parkThenSpin(long marginNanos) {
        return new WaitStrategy() {
            @Override
            public void awaitUntil(long deadlineNanos, LongSupplier clock) {
                long left;
                while ((left = deadlineNanos - clock.getAsLong()) > marginNanos) {
                    LockSupport.parkNanos(left - marginNanos);
                }
                while (clock.getAsLong() < deadlineNanos) {
                    Thread.onSpinWait();
                }
            }

            @Override
            public String describe() {
                return String.format(Locale.ROOT, "park, then spin the last %d µs", marginNanos / 1_000);
            }
        };
    }

    /** Park until the deadline: cheapest, latest. */
    static WaitStrategy park() {
        return new WaitStrategy() {
            @Override
            public void awaitUntil(long deadlineNanos, LongSupplier clock) {
                long left;
                while ((left = deadlineNanos - clock.getAsLong()) > 0) {
                    LockSupport.parkNanos(left);
                }
            }

            @Override
            public String describe() {
                return "park";
            }
        };
    }
}
