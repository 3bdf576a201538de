package com.needlepen.hal.sim;

import com.needlepen.hal.HardwareWatchdog;

/** The system watchdog, modelled: it records that it would have rebooted the system. */
final class SimWatchdog implements HardwareWatchdog {

    private final java.util.function.LongSupplier trueNanos;
    private long timeoutNanos;
    private long lastFeedNanos;
    private boolean started;
    private boolean fired;

    /** @param trueNanos the watchdog's own time: a feed is a kick, whatever time the firmware thinks it is */
    SimWatchdog(java.util.function.LongSupplier trueNanos) {
        this.trueNanos = trueNanos;
    }

    @Override
    public void start(long timeout) {
        timeoutNanos = timeout;
        started = true;
    }

    @Override
    public void feed(long nowNanos) {
        lastFeedNanos = trueNanos.getAsLong();
    }

    @Override
    public boolean started() {
        return started;
    }

    void check(long nowNanos) {
        if (started && !fired && nowNanos - lastFeedNanos > timeoutNanos) {
            fired = true;
        }
    }

    boolean fired() {
        return fired;
    }
}
