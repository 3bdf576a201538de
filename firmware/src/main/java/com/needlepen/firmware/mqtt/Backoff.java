package com.needlepen.firmware.mqtt;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between reconnect attempts: doubling from a minimum up to a cap, with jitter. Owned by one
 * thread; not thread-safe.
 */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private long ceilingMillis;

    /**
     * @param min    the first ceiling
     * @param max    the cap
     * @param random uniform in [0, 1); injected so tests are deterministic
     */
    Backoff(Duration min, Duration max, DoubleSupplier random) {
        if (min.toMillis() < 2 || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 2 ms <= min <= max, got " + min + ", " + max);
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
        reset();
    }

    /** The delay before the next attempt, in [ceiling/2, ceiling); then the ceiling doubles up to the cap. */
    long nextDelayMillis() {
        long ceiling = ceilingMillis;
        ceilingMillis = Math.min(maxMillis, ceiling * 2);
        // Half fixed, half random: pens that lost the same broker do not all come back in lockstep.
        long half = ceiling / 2;
        return half + (long) (random.getAsDouble() * (ceiling - half));
    }

    /** Back to the minimum, after a successful connect. */
    void reset() {
        ceilingMillis = minMillis;
    }
}
