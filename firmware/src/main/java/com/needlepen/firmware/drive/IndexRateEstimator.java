package com.needlepen.firmware.drive;

/**
 * Shaft speed from index-edge timestamps, robust to their jitter.
 *
 * <p>Each edge gives one revolution period. A single late timestamp makes one period long and the
 * next one short by the same amount, so the estimate is the median of the last three periods: one
 * outlier never reaches it. Between edges, when the shaft slows or stops, the time since the last
 * edge bounds the speed from above, so a stalled shaft reads as slowing at once rather than at its
 * old speed. Allocates nothing.
 */
public final class IndexRateEstimator {

    private static final int WINDOW = 3;

    private final long[] periods = new long[WINDOW];
    private int periodCount;
    private int next;
    private long lastEdgeNanos;
    private boolean haveEdge;
    private long edges;
    private long medianPeriodNanos;

    /** Forgets everything (a new run). */
    public void reset() {
        periodCount = 0;
        next = 0;
        haveEdge = false;
        edges = 0;
        medianPeriodNanos = 0;
    }

    /** Records an edge stamped at {@code timestampNanos}. */
    public void onEdge(long timestampNanos) {
        edges++;
        if (haveEdge) {
            long period = timestampNanos - lastEdgeNanos;
            if (period > 0) {
                periods[next] = period;
                next = (next + 1) % WINDOW;
                if (periodCount < WINDOW) {
                    periodCount++;
                }
                medianPeriodNanos = median();
            }
        }
        lastEdgeNanos = timestampNanos;
        haveEdge = true;
    }

    private long median() {
        if (periodCount == 1) {
            return periods[0];
        }
        if (periodCount == 2) {
            return (periods[0] + periods[1]) / 2;
        }
        long a = periods[0];
        long b = periods[1];
        long c = periods[2];
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** Whether at least one full period has been seen. */
    public boolean hasMeasurement() {
        return periodCount > 0;
    }

    /** The speed in revolutions per second at {@code nowNanos}; 0 before the first period. */
    public double rateHz(long nowNanos) {
        if (periodCount == 0) {
            return 0.0;
        }
        long sinceEdge = nowNanos - lastEdgeNanos;
        long period = Math.max(medianPeriodNanos, sinceEdge);
        return 1e9 / period;
    }

    /** Edges seen since the last reset: strokes, counted from index pulses. */
    public long edges() {
        return edges;
    }

    public long lastEdgeNanos() {
        return lastEdgeNanos;
    }

    public boolean hasEdge() {
        return haveEdge;
    }
}
