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
}
