package com.needlepen.firmware.drive;

/**
 * Shaft speed from index-edge timestamps, robust to their jitter.
 *
 * <p>Each edge gives one revolution period. A single late timestamp makes one period long and the
 * next one short by the same amount, so the estimate is the median of the last three periods: one
 * outlier never reaches it. Between edges, when the shaft slows or stops, the time since the last
 * edge bounds the speed from above, so a stalled shaft reads as slowing at once rather than at its
 * old speed.
 *
 * <p>The median of three is not proof against two late stamps close together (an interrupt delayed
 * twice within a few revolutions: on the sim's index about once in 10 to 25 minutes at 150 Hz): two
 * periods lengthened, then two shortened, carry the median 10 % high for one edge. A line that acts
 * on one measurement (overspeed) also asks {@link #spanRateHz}: the mean over the last {@value #SPAN}
 * periods (the ring the median's three are the newest of). Stamps come in order, so a late stamp
 * inside the span lengthens one period and shortens the next by the same amount and cancels; only
 * the ends' lateness counts, spread over {@value #SPAN} periods. Allocates nothing.
 */
public final class IndexRateEstimator {

    private static final int WINDOW = 3;
    /** Periods {@link #spanRateHz} averages over. */
    public static final int SPAN = 4;

    /** The last {@value #SPAN} periods, newest at {@code next - 1}: the median takes the newest {@value #WINDOW}. */
    private final long[] periods = new long[SPAN];
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
                next = (next + 1) % SPAN;
                if (periodCount < SPAN) {
                    periodCount++;
                }
                medianPeriodNanos = median();
            }
        }
        lastEdgeNanos = timestampNanos;
        haveEdge = true;
    }

    /** The period {@code back} places before the newest (0: the newest). */
    private long period(int back) {
        return periods[(next - 1 - back + 2 * SPAN) % SPAN];
    }

    private long median() {
        if (periodCount == 1) {
            return period(0);
        }
        if (periodCount == 2) {
            return (period(0) + period(1)) / 2;
        }
        long a = period(0);
        long b = period(1);
        long c = period(2);
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** Whether at least one full period has been seen. */
    public boolean hasMeasurement() {
        return periodCount > 0;
    }

    /**
     * The speed in revolutions per second, bounded by the time from the last edge to {@code nowNanos} (the instant up
     * to which every edge has been seen: the caller's now less what the platform may still be delivering); 0 before
     * the first period.
     */
    public double rateHz(long nowNanos) {
        if (periodCount == 0) {
            return 0.0;
        }
        long sinceEdge = nowNanos - lastEdgeNanos;
        long period = Math.max(medianPeriodNanos, sinceEdge);
        return 1e9 / period;
    }

    /**
     * The mean speed over the last {@value #SPAN} periods (fewer at the start of a run), revolutions
     * per second; 0 before the first period. Not bounded by the time since the last edge: a check that
     * wants a shaft slowing to read slow takes the lower of this and {@link #rateHz}.
     */
    public double spanRateHz() {
        long span = 0;
        for (int back = 0; back < periodCount; back++) {
            span += period(back);
        }
        return periodCount == 0 ? 0.0 : periodCount * 1e9 / span;
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
