package com.needlepen.hal.sim;

import java.util.SplittableRandom;

/**
 * What a sampling converter on its own oscillator makes of a true value: a new result every
 * {@code conversionNanos} of true time (reads in between return the last result, as a part's result
 * register does), the unit's offset and a normal noise added, rounded to the part's step. The current
 * monitor and the handpiece thermometer are two of these with their parts' figures.
 */
final class SampledConverter {

    private final long conversionNanos;
    private final double lsb;
    private final double offset;
    private final double noiseRms;
    private final SplittableRandom noise;
    private long conversion = Long.MIN_VALUE;
    private double converted;

    SampledConverter(long conversionNanos, double lsb, double offset, double noiseRms, SplittableRandom noise) {
        this.conversionNanos = conversionNanos;
        this.lsb = lsb;
        this.offset = offset;
        this.noiseRms = noiseRms;
        this.noise = noise;
    }

    /** The result at true time {@code nowNanos} with the input at {@code truth}. */
    double read(long nowNanos, double truth) {
        long k = Math.floorDiv(nowNanos, conversionNanos);
        if (k != conversion) {
            conversion = k;
            double v = truth + offset + noise.nextGaussian() * noiseRms;
            converted = Math.rint(v / lsb) * lsb;
        }
        return converted;
    }

    double offset() {
        return offset;
    }
}
