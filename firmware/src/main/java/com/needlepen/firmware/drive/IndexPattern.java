package com.needlepen.firmware.drive;

import com.needlepen.config.DeviceProfile;

/**
 * The pattern of a run's index periods, for telling a lying index sensor from a shaft that changes
 * speed. A working sensor gives one period a revolution, each within a few percent of the last
 * (the shaft's inertia and the regulator change the speed over several revolutions; a late kernel
 * stamp, at most a couple of milliseconds, lengthens one period and shortens the next). A sensor
 * that misses a pass gives a period twice (or three times) its neighbours; a noise spike or a
 * fragment of a cracked magnet splits one into two. So it keeps, over the last {@value #WINDOW}
 * periods, how many differed from the period before by more than the factor
 * {@value #IRREGULAR_RATIO}, and how many were shorter than the shaft can turn at all (a period
 * below {@link #shortestPlausiblePeriodNanos}). Allocates nothing.
 */
public final class IndexPattern {

    /** Periods looked back over. */
    public static final int WINDOW = 16;
    /** A period this many times longer or shorter than the one before is irregular. */
    public static final double IRREGULAR_RATIO = 1.33;
    /**
     * The no-load rate at the highest supply times this is a speed the shaft cannot reach: its
     * period is a period no revolution can have.
     */
    public static final double PHYSICAL_MARGIN = 1.25;

    private final long shortestNanos;
    private final boolean[] irregular = new boolean[WINDOW];
    private final boolean[] tooShort = new boolean[WINDOW];
    private int next;
    private int count;
    private long lastStampNanos;
    private long lastPeriodNanos;
    private boolean haveStamp;

    public IndexPattern(long shortestPlausiblePeriodNanos) {
        this.shortestNanos = shortestPlausiblePeriodNanos;
    }

    /**
     * The shortest period a revolution can have on this motor: the no-load speed at the highest
     * supply and full duty (back-EMF equal to the supply) times {@value #PHYSICAL_MARGIN}. On the sim
     * profile 12.6 V / 0.010 V s/rad is 200.5 Hz, so 3.99 ms; on the compact one 167.1 Hz, 4.79 ms.
     */
    public static long shortestPlausiblePeriodNanos(DeviceProfile profile) {
        double noLoadHz = profile.supply().maxVolts() / profile.motor().torqueConstantNmPerA() / (2.0 * Math.PI);
        return (long) (1e9 / (noLoadHz * PHYSICAL_MARGIN));
    }

    /**
     * Forgets the run. The flags need no clearing: only the first {@link #periods()} slots are read,
     * and from a reset each is written before it counts.
     */
    public void reset() {
        next = 0;
        count = 0;
        haveStamp = false;
        lastPeriodNanos = 0;
    }

    void onEdge(long stampNanos) {
        if (haveStamp) {
            long period = stampNanos - lastStampNanos;
            if (lastPeriodNanos > 0) {
                double ratio = (double) period / lastPeriodNanos;
                irregular[next] = !(ratio < IRREGULAR_RATIO && ratio > 1.0 / IRREGULAR_RATIO);
                tooShort[next] = period < shortestNanos;
                next = (next + 1) % WINDOW;
                count = Math.min(count + 1, WINDOW);
            }
            lastPeriodNanos = Math.max(period, 1);
        }
        lastStampNanos = stampNanos;
        haveStamp = true;
    }

    /** Of the last {@link #WINDOW} periods (fewer early in a run), how many were irregular. */
    public int irregularPeriods() {
        return countOf(irregular);
    }

    /** Of the last {@link #WINDOW} periods, how many were shorter than any revolution can take. */
    public int tooShortPeriods() {
        return countOf(tooShort);
    }

    /** How many periods the window holds (up to {@link #WINDOW}). */
    public int periods() {
        return count;
    }

    public long shortestPlausibleNanos() {
        return shortestNanos;
    }

    private int countOf(boolean[] flags) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (flags[i]) {
                n++;
            }
        }
        return n;
    }
}
