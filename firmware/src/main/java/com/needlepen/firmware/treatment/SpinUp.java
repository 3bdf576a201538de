package com.needlepen.firmware.treatment;

import com.needlepen.config.TuningSpec;

/**
 * Decides when a run's spin-up is over: the measured rate has stayed within the profile's
 * {@code tuning.spinUp.bandFraction} of the set rate for its {@code holdMillis}. Allocates nothing.
 */
public final class SpinUp {

    /** Spin-up is over when the measured rate has stayed within this fraction of the set rate... */
    private final double band;
    /** ...for this long. */
    private final long holdNanos;

    private long withinBandSinceNanos = Long.MIN_VALUE;
    private boolean done;

    public SpinUp(TuningSpec.SpinUp tuning) {
        this.band = tuning.bandFraction();
        this.holdNanos = tuning.holdNanos();
    }

    /** A run started or its rate changed: spin-up starts over. */
    public void restart() {
        done = false;
        withinBandSinceNanos = Long.MIN_VALUE;
    }

    /**
     * Follows the measured rate; returns when the band was first entered for good, once, the tick
     * spin-up is found over, else {@link Long#MIN_VALUE}.
     */
    public long update(long now, boolean hasMeasurement, double referenceHz, double measuredHz, double setHz) {
        if (done) {
            return Long.MIN_VALUE;
        }
        if (hasMeasurement && referenceHz >= setHz && Math.abs(measuredHz - setHz) <= band * setHz) {
            if (withinBandSinceNanos == Long.MIN_VALUE) {
                withinBandSinceNanos = now;
            } else if (now - withinBandSinceNanos >= holdNanos) {
                done = true;
                return withinBandSinceNanos;
            }
        } else {
            withinBandSinceNanos = Long.MIN_VALUE;
        }
        return Long.MIN_VALUE;
    }

    public boolean done() {
        return done;
    }
}
