package com.needlepen.firmware.loop;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Where one control tick spent its time, phase by phase (WPILib's {@code Tracer} idea): the loop
 * marks the end of each phase, and when a tick comes late the overrun check can say whether the
 * tick before ran long (and in which phase) or the thread woke late. Time comes from a monotonic
 * clock of its own ({@link System#nanoTime} on the pen), not the loop's tick time, so a virtual-time
 * simulation still measures real work. Preallocated: marking allocates nothing.
 */
public final class TickTrace {

    /** The parts of a tick, in order; {@code PLANT} is the simulator's physics, run by its runner. */
    public enum Phase { PLANT, INPUTS, STATES, SAFETY, DRIVE, OUTPUTS }

    private static final Phase[] PHASES = Phase.values();

    private final LongSupplier monotonicNanos;
    private final long[] current = new long[PHASES.length];
    private final long[] last = new long[PHASES.length];
    private long markNanos;
    private long tickStartNanos;
    private long lastTickNanos;
    private long lastWakeLatenessNanos;
    private long wakeLatenessNanos;
    private boolean open;

    public TickTrace(LongSupplier monotonicNanos) {
        this.monotonicNanos = monotonicNanos;
    }

    /** A trace on the system's monotonic clock. */
    public static TickTrace system() {
        return new TickTrace(System::nanoTime);
    }

    /** The loop woke {@code wakeLatenessNanos} after its deadline and begins a tick. */
    public void tickStarted(long wakeLatenessNanos) {
        long now = monotonicNanos.getAsLong();
        tickStartNanos = now;
        markNanos = now;
        this.wakeLatenessNanos = Math.max(0, wakeLatenessNanos);
        for (int i = 0; i < current.length; i++) {
            current[i] = 0;
        }
        open = true;
    }

    /** {@code phase} has just finished. Outside a started tick (a caller that does not trace), nothing. */
    public void phaseDone(Phase phase) {
        if (!open) {
            return;
        }
        long now = monotonicNanos.getAsLong();
        current[phase.ordinal()] += now - markNanos;
        markNanos = now;
    }

    /** The tick is over: its figures become the last tick's. */
    public void tickEnded() {
        if (!open) {
            return;
        }
        System.arraycopy(current, 0, last, 0, current.length);
        lastTickNanos = monotonicNanos.getAsLong() - tickStartNanos;
        lastWakeLatenessNanos = wakeLatenessNanos;
        open = false;
    }

    /** How long the last finished tick took, 0 if none was traced. */
    public long lastTickNanos() {
        return lastTickNanos;
    }

    public long lastPhaseNanos(Phase phase) {
        return last[phase.ordinal()];
    }

    /** The phase the last finished tick spent longest in. */
    public Phase lastLongestPhase() {
        Phase longest = PHASES[0];
        for (Phase p : PHASES) {
            if (last[p.ordinal()] > last[longest.ordinal()]) {
                longest = p;
            }
        }
        return longest;
    }

    /**
     * How late the loop's runner, on its own clock, woke for the tick now open; -1 when no tick is
     * open (a caller that ticks without a runner), so there is nothing to compare with.
     */
    public long wakeLatenessNanos() {
        return open ? wakeLatenessNanos : -1;
    }

    /** How late the thread woke for the last finished tick. */
    public long lastWakeLatenessNanos() {
        return lastWakeLatenessNanos;
    }

    /**
     * Why the tick now running came late, for a fault's detail: the tick before ran long (naming its
     * longest phase), or the thread woke late (nothing in the tick: it was not scheduled, or the JVM
     * paused). Called when a fault latches, not on the steady path.
     */
    public String explainLateness(long periodNanos) {
        if (lastTickNanos == 0 && wakeLatenessNanos == 0) {
            return "no tick timing traced";
        }
        if (lastTickNanos > periodNanos && lastTickNanos >= wakeLatenessNanos) {
            Phase p = lastLongestPhase();
            return String.format(Locale.ROOT, "the tick before ran %.1f ms, longest in phase %s (%.1f ms)",
                    lastTickNanos / 1e6, p, last[p.ordinal()] / 1e6);
        }
        return String.format(Locale.ROOT, "the loop thread woke %.1f ms late (the tick before took %.1f ms): it was"
                + " not scheduled, or the JVM paused", wakeLatenessNanos / 1e6, lastTickNanos / 1e6);
    }
}
