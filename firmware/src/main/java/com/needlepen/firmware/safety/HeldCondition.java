package com.needlepen.firmware.safety;

/**
 * A condition that counts only once it has held for a while (a current peak at start-up, a supply
 * dip, a rate wobble must not fault the pen). Allocates nothing.
 */
final class HeldCondition {

    private final long holdNanos;
    private long sinceNanos = Long.MIN_VALUE;

    HeldCondition(long holdNanos) {
        this.holdNanos = holdNanos;
    }

    /** Whether {@code condition} has been true continuously for longer than the hold time. */
    boolean update(boolean condition, long nowNanos) {
        if (!condition) {
            sinceNanos = Long.MIN_VALUE;
            return false;
        }
        if (sinceNanos == Long.MIN_VALUE) {
            sinceNanos = nowNanos;
        }
        return nowNanos - sinceNanos > holdNanos;
    }

    void reset() {
        sinceNanos = Long.MIN_VALUE;
    }
}
