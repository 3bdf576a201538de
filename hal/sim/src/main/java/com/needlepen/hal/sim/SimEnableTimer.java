package com.needlepen.hal.sim;

import com.needlepen.hal.EnableTimer;

/**
 * The hardware enable timer, modelled: a retriggerable one-shot outside the JVM. While it has run
 * out, the driver's enable is held off and the motor supply switch is open, whatever the driver was
 * told: the windings are shorted and the motor brakes. A timeout of 0 models a pen built without it.
 */
final class SimEnableTimer implements EnableTimer {

    private final long timeoutNanos;
    private long lastFeedNanos;
    private boolean fedOnce;

    SimEnableTimer(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void feed(long nowNanos) {
        lastFeedNanos = nowNanos;
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
