package com.needlepen.firmware;

/**
 * Decides when a run's spin-up is over: the measured rate has stayed within
 * {@link #BAND} of the set rate for {@link #HOLD_NANOS}. Allocates nothing.
 */
final class SpinUp {

    /** Spin-up is over when the measured rate has stayed within this fraction of the set rate... */
    static final double BAND = 0.01;
    /** ...for this long. */
    static final long HOLD_NANOS = 100_000_000L;

    private long withinBandSinceNanos = Long.MIN_VALUE;
    private boolean done;

    /** A run started or its rate changed: spin-up starts over. */
    void restart() {
        done = false;
        withinBandSinceNanos = Long.MIN_VALUE;
    }

    /**
     * Follows the measured rate; returns when the band was first entered for good, once, the tick
     * spin-up is found over, else {@link Long#MIN_VALUE}.
     */
    long update(long now, boolean hasMeasurement, double referenceHz, double measuredHz, double setHz) {
        if (done) {
            return Long.MIN_VALUE;
        }
        if (hasMeasurement && referenceHz >= setHz && Math.abs(measuredHz - setHz) <= BAND * setHz) {
            if (withinBandSinceNanos == Long.MIN_VALUE) {
                withinBandSinceNanos = now;
            } else if (now - withinBandSinceNanos >= HOLD_NANOS) {
                done = true;
                return withinBandSinceNanos;
            }
        } else {
            withinBandSinceNanos = Long.MIN_VALUE;
        }
        return Long.MIN_VALUE;
    }

    boolean done() {
        return done;
    }
}
