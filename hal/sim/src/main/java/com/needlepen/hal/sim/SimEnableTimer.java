package com.needlepen.hal.sim;

import com.needlepen.hal.EnableTimer;

/**
 * The hardware enable timer, modelled: a retriggerable one-shot outside the JVM. While it has run
 * out, the driver's enable is held off and the motor supply switch is open, whatever the driver was
 * told: the windings are shorted and the motor brakes. A timeout of 0 models a pen built without it.
 */
final class SimEnableTimer implements EnableTimer {

    private final long timeoutNanos;
    private final java.util.function.LongSupplier trueNanos;
    private long lastFeedNanos;
    private boolean fedOnce;

    /** @param trueNanos the one-shot's own time (it is retriggered by the feed's edge, not by a time stamp) */
    SimEnableTimer(long timeoutNanos, java.util.function.LongSupplier trueNanos) {
        this.timeoutNanos = timeoutNanos;
        this.trueNanos = trueNanos;
    }

    @Override
    public void feed(long nowNanos) {
        lastFeedNanos = trueNanos.getAsLong(); // an edge on the feed line: the firmware's time stamp means nothing to it
        fedOnce = true;
    }

    @Override
    public long timeoutNanos() {
        return timeoutNanos;
    }

    /** Whether the one-shot lets the motor be powered now. */
    boolean allowsPower(long nowNanos) {
        if (timeoutNanos == 0) {
            return true; // no timer fitted
        }
        return fedOnce && nowNanos - lastFeedNanos <= timeoutNanos;
    }
}
