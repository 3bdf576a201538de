package com.needlepen.hal.sim;

import com.needlepen.hal.EnableTimer;

/**
 * The hardware enable timer, modelled: a retriggerable one-shot outside the JVM. While it has run
 * out, the driver's enable is held off and the motor supply switch is open, whatever the driver was
 * told: the bridge is open and cannot brake, so it is the normally-closed brake switch across the
 * winding ({@link BrakeSwitch}), which closes when the enable line drops, that brakes the motor
 * (with that switch stuck open, the motor coasts). A timeout of 0 models a pen built without it.
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
