package com.needlepen.hal;

/**
 * The index (Hall) sensor that pulses once per cam revolution at the cam's lowest point, where the
 * needles are fully retracted.
 *
 * <p>Edges carry the time the platform stamped them with (on a Pi, the kernel's line-event
 * timestamp), in the {@link Clock#nanoTime()} time base, not the time they were read. Those stamps
 * jitter (tens of microseconds, sometimes milliseconds late), so consumers must be robust to it.
 */
public interface IndexSensor {

    /**
     * Moves pending edge timestamps, oldest first, into {@code timestampsNanos} and returns how many
     * were written. Edges that do not fit stay pending for the next call. Allocates nothing.
     */
    int drainEdges(long[] timestampsNanos);

    /** Whether the sensor is active now: the cam is at (within a few degrees of) its lowest point. */
    boolean isActive();

    /**
     * How many edges the platform lost since the sensor was opened, as far as it can tell: on a Pi, the gaps
     * in the kernel's per-line event sequence numbers (a line-event buffer that overflowed while the reader
     * was late). A lost edge is a missed stroke the rate estimate never saw, so the firmware treats a count
     * that grows as a fault of the index path. A platform that cannot lose edges, or cannot tell, answers 0.
     */
    long droppedEdgeCount();

    /**
     * How far the platform vouches for the edges: every edge stamped at or before the returned instant (the
     * {@link Clock#nanoTime()} time base) was handed over by {@link #drainEdges} up to and including its last call.
     * An edge reaches the firmware some time after its stamp (on a Pi, the kernel's interrupt thread and the
     * backend's reader thread run first), so the time since the last edge the firmware has seen says how long the
     * shaft has gone without one only up to this instant: past it, an edge may be stamped and on its way. Judged
     * against the clock, the instant also says how late the platform's edges are: one that falls far behind is an
     * index path that no longer reports. {@link Long#MAX_VALUE} (the default): edges are handed over as they are
     * stamped, so the platform vouches for every instant up to now.
     */
    default long edgesCompleteThroughNanos() {
        return Long.MAX_VALUE;
    }
}
