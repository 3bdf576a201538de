package com.needlepen.firmware.loop;

import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Runs a control loop at a fixed period on the thread that calls {@link #run}: waits for each
 * deadline with its {@link WaitStrategy}, ticks the body with the deadline's time, and keeps
 * HdrHistograms of wake-up lateness and tick duration, the count of overruns (ticks longer than the
 * period) and of deadlines missed outright. A late loop does not try to catch up with a burst of
 * ticks (that would feed the safety checks a compressed history): a tick that wakes a period or
 * more late counts the deadlines it missed, and the schedule goes on from it. Nothing here
 * allocates per tick.
 */
public final class LoopRunner {

    /** One tick of work at {@code nowNanos} (the deadline it was scheduled for, or later). */
    public interface Body {
        void tick(long nowNanos);
    }

    private static final long HIGHEST_NANOS = 60_000_000_000L;

    private final long periodNanos;
    private final LongSupplier clock;
    private final WaitStrategy wait;
    private final TickTrace trace;
    private final Body body;
    private final Histogram latenessNanos = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram tickNanos = new Histogram(HIGHEST_NANOS, 3);
    private volatile boolean stopRequested;
    /** The next deadline, kept across calls of {@link #run(long)} so a caller may run it tick by tick. */
    private long deadline = Long.MIN_VALUE;
    private volatile long ticks; // read by other threads (reports, tests)
    private long overruns;
    private long missedDeadlines;

    /**
     * @param clock the monotonic clock deadlines are kept on (the hardware clock on the pen)
     * @param trace where the body marks its phases; the runner opens and closes each tick in it
     */
    public LoopRunner(long periodNanos, LongSupplier clock, WaitStrategy wait, TickTrace trace, Body body) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period " + periodNanos + " ns must be positive");
        }
        this.periodNanos = periodNanos;
        this.clock = clock;
        this.wait = wait;
        this.trace = trace;
        this.body = body;
    }

    /** Ticks until {@link #requestStop()} (from any thread) or {@code maxTicks} ticks. */
    public void run(long maxTicks) {
        if (deadline == Long.MIN_VALUE) {
            deadline = clock.getAsLong() + periodNanos;
        }
        long done = 0;
        while (!stopRequested && done < maxTicks) {
            wait.awaitUntil(deadline, clock);
            long woke = clock.getAsLong();
            long late = Math.max(0, woke - deadline);
            latenessNanos.recordValue(Math.min(late, HIGHEST_NANOS));
            if (late >= periodNanos) {
                // deadlines passed while the loop was away: count them, and go on from now rather than
                // catch up with a burst of ticks
                missedDeadlines += late / periodNanos;
                deadline = woke;
            }
            trace.tickStarted(late);
            body.tick(woke);
            trace.tickEnded();
            long took = Math.max(0, clock.getAsLong() - woke);
            tickNanos.recordValue(Math.min(took, HIGHEST_NANOS));
            ticks++;
            done++;
            if (took > periodNanos) {
                overruns++;
            }
            deadline += periodNanos;
        }
    }

    /** Ticks until {@link #requestStop()}. */
    public void run() {
        run(Long.MAX_VALUE);
    }

    /** Asks the loop to return after the tick in progress; safe from any thread (a signal handler). */
    public void requestStop() {
        stopRequested = true;
    }

    public long periodNanos() {
        return periodNanos;
    }

    public long ticks() {
        return ticks;
    }

    /** Ticks that took longer than the period. */
    public long overruns() {
        return overruns;
    }

    /** Deadlines that passed before the tick for them could start. */
    public long missedDeadlines() {
        return missedDeadlines;
    }

    /** Wake-up lateness against each deadline, ns (a live histogram: copy it to keep a snapshot). */
    public Histogram latenessNanos() {
        return latenessNanos;
    }

    /** Tick durations, ns. */
    public Histogram tickNanos() {
        return tickNanos;
    }

    /** The profile's wait: park, or park then spin the last margin. */
    public static WaitStrategy waitFor(com.needlepen.config.LoopSpec loop) {
        return switch (loop.waitStrategy()) {
            case PARK -> WaitStrategy.park();
            case PARK_THEN_SPIN -> WaitStrategy.parkThenSpin(loop.spinMarginMicros() * 1_000L);
        };
    }

    public WaitStrategy waitStrategy() {
        return wait;
    }
}
