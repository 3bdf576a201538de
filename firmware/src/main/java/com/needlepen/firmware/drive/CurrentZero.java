package com.needlepen.firmware.drive;

/**
 * The motor current as the firmware can trust it near zero. A real current monitor reads a shaft
 * at rest as its offset (up to ±20 mA, the unit's own) plus noise (about 10 mA rms a conversion):
 * as large as the braking current of a shaft still turning at a revolution a second, which parking
 * must tell from a still one. So the offset is measured, and readings are averaged, both on the monitor's
 * signed reading: a part that reports the magnitude takes it of the reading with its offset and noise in
 * ({@code |I + offset + noise|}, as a Pi's INA226 driver does), so at rest its magnitude reads the offset's size
 * whatever its sign, and a zero taken there would be off by twice the offset (40 mA) for a negative one:
 *
 *
 * <ul>
 *   <li>the zero is the mean of {@value #ZERO_SAMPLES} readings taken while the drive is not driving
 *       (disabled or braked) and no index edge has come for {@value #QUIET_MILLIS} ms: about thirty of
 *       the braked shaft's electrical time constants (J R / k², 6 ms on the sim motor), so it is at
 *       rest and no current flows. It is measured at power-on before parking judges the shaft (BOOT
 *       waits for it) and once again in every later rest, following the offset's drift with
 *       temperature; once per rest, so a current that appears later in the same rest is seen, not
 *       taken for the zero;</li>
 *   <li>{@link #averageAmps} is the zeroed mean of the last {@value #AVERAGE} ticks' readings: the
 *       noise divided by about three, the lag {@value #AVERAGE} ms.</li>
 * </ul>
 *
 * A reading that is not a number is skipped (the plausibility check faults on it). Allocates nothing.
 */
final class CurrentZero {

    static final int AVERAGE = 8;
    static final int ZERO_SAMPLES = 64;
    static final long QUIET_MILLIS = 200;
    private static final long QUIET_NANOS = QUIET_MILLIS * 1_000_000L;

    private final double[] recent = new double[AVERAGE];
    private int recentCount;
    private int recentNext;
    private double zeroSum;
    private int zeroCount;
    private double offsetAmps;
    private boolean zeroed;
    private long quietSinceNanos = Long.MIN_VALUE;
    /** Whether this resting period has given its zero: one per period, so a current that appears later is seen. */
    private boolean zeroedThisRest;

    /**
     * Takes this tick's signed reading ({@code AnalogSensors.motorCurrentSignedAmps}). {@code resting}: the drive is
     * not driving (disabled or braked);
     * {@code edges}: index edges this tick.
     */
    void sample(long nowNanos, double amps, boolean resting, long edges) {
        if (Double.isNaN(amps)) {
            return;
        }
        recent[recentNext] = amps;
        recentNext = (recentNext + 1) % AVERAGE;
        recentCount = Math.min(recentCount + 1, AVERAGE);
        if (!resting || edges > 0) {
            quietSinceNanos = Long.MIN_VALUE;
            zeroSum = 0;
            zeroCount = 0;
            zeroedThisRest = false;
            return;
        }
        if (zeroedThisRest) {
            return;
        }
        if (quietSinceNanos == Long.MIN_VALUE) {
            quietSinceNanos = nowNanos;
        }
        if (nowNanos - quietSinceNanos < QUIET_NANOS) {
            return;
        }
        zeroSum += amps;
        if (++zeroCount == ZERO_SAMPLES) {
            offsetAmps = zeroSum / ZERO_SAMPLES;
            zeroed = true;
            zeroedThisRest = true;
            zeroSum = 0;
            zeroCount = 0;
        }
    }

    /** Whether the offset has been measured since power-on. */
    boolean zeroed() {
        return zeroed;
    }

    double offsetAmps() {
        return offsetAmps;
    }

    /**
     * The mean of the last signed readings less the offset (negative while the shaft gives energy back, a brake): NaN
     * until a zero and a full average exist.
     */
    double averageAmps() {
        if (!zeroed || recentCount < AVERAGE) {
            return Double.NaN;
        }
        double sum = 0;
        for (double r : recent) {
            sum += r;
        }
        return sum / AVERAGE - offsetAmps;
    }
}
