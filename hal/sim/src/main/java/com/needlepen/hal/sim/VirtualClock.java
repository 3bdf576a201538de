package com.needlepen.hal.sim;

import com.needlepen.hal.Clock;

/**
 * The simulated pen's clock: time is whatever the simulation has advanced to, so a session runs
 * faster than real time and the same seed gives the same result. UTC is a fixed epoch plus the
 * virtual time, and is reported as unsynchronised unless a test says otherwise.
 *
 * <p>What the firmware reads ({@link #nanoTime()}) can lie, as a hardware clock can (H40): it can
 * stop while the physics and the loop's ticks go on ({@link #stop()}), or jump forward or back
 * ({@link #jump(long)}). The physics and the hardware timers outside the JVM (enable timer, system
 * watchdog, each with its own oscillator) keep the true time, {@link #trueNanos()}; index edges
 * arrive in true time but carry stamps on the lying clock, as a platform stamps them with the clock
 * the HAL reads.
 */
public final class VirtualClock implements Clock {

    private final long utcEpochMillisAtZero;
    private long nowNanos;
    private boolean utcSynchronised;
    /** What the clock reads over the true time (a jump), while it runs. */
    private long offsetNanos;
    private boolean stopped;
    private long stoppedAtNanos;

    public VirtualClock(long utcEpochMillisAtZero) {
        this.utcEpochMillisAtZero = utcEpochMillisAtZero;
    }

    @Override
    public long nanoTime() {
        return stopped ? stoppedAtNanos : nowNanos + offsetNanos;
    }

    /** The time the simulation has advanced to, whatever the clock the firmware reads says. */
    public long trueNanos() {
        return nowNanos;
    }

    @Override
    public long utcEpochMillis() {
        return utcEpochMillisAtZero + Math.floorDiv(nanoTime(), 1_000_000L);
    }

    /** What the clock read (or reads) at the true time {@code trueNanos}, lies and all. */
    long reading(long trueNanos) {
        return stopped ? stoppedAtNanos : trueNanos + offsetNanos;
    }

    /** The clock stops: it reads the same from now on while true time goes on. */
    void stop() {
        if (!stopped) {
            stoppedAtNanos = nanoTime();
            stopped = true;
        }
    }

    /** A stopped clock runs again from where it stopped (it stays behind by the time it stood). */
    void restart() {
        if (stopped) {
            offsetNanos = stoppedAtNanos - nowNanos;
            stopped = false;
        }
    }

    /** The clock jumps by {@code nanos} (negative: back), at once. */
    void jump(long nanos) {
        if (stopped) {
            stoppedAtNanos += nanos;
        } else {
            offsetNanos += nanos;
        }
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
