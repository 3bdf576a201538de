package com.needlepen.hal.sim;

import com.needlepen.hal.Clock;

/**
 * The simulated pen's clock: time is whatever the simulation has advanced to, so a session runs
 * faster than real time and the same seed gives the same result. UTC is a fixed epoch plus the
 * virtual time, and is reported as unsynchronised unless a test says otherwise.
 */
public final class VirtualClock implements Clock {

    private final long utcEpochMillisAtZero;
    private long nowNanos;
    private boolean utcSynchronised;

    public VirtualClock(long utcEpochMillisAtZero) {
        this.utcEpochMillisAtZero = utcEpochMillisAtZero;
    }

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    @Override
    public long utcEpochMillis() {
        return utcEpochMillisAtZero + nowNanos / 1_000_000L;
    }

    @Override
    public boolean utcSynchronised() {
        return utcSynchronised;
    }

    public void setUtcSynchronised(boolean synchronised) {
        this.utcSynchronised = synchronised;
    }

    void set(long nanos) {
        if (nanos < nowNanos) {
            throw new IllegalArgumentException("virtual time cannot go back: " + nanos + " < " + nowNanos);
        }
        nowNanos = nanos;
    }
}
