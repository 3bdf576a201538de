package com.needlepen.hal.sim;

import com.needlepen.hal.HandpieceId;
import java.util.SplittableRandom;

/**
 * The handpiece temperature as a real digital sensor reads it: a TMP117-class converter (the part issue 11
 * fits) bonded where the thermistor sat, never kinder than the part. A new conversion every
 * {@value #CONVERSION_NANOS} ns (continuous conversion with 8 averages, the shortest cycle at that averaging;
 * reads in between return the last result, as the part's result register does), a step of
 * {@value #LSB_CELSIUS} °C, an offset of the unit's own within the part's ±{@value #MAX_OFFSET_CELSIUS} °C
 * accuracy (drawn from the unit's identity: the same unit, the same offset), and {@value #NOISE_CELSIUS} °C rms
 * of noise in every conversion (below the datasheet's typical figure with 8 averages: unkind, it makes a live
 * reading repeat itself more often). It converts on its own oscillator: {@link #read} takes the true time.
 */
final class HandpieceThermometer {

    static final long CONVERSION_NANOS = 125_000_000L;
    static final double LSB_CELSIUS = 0.0078125;
    static final double MAX_OFFSET_CELSIUS = 0.1;
    static final double NOISE_CELSIUS = 0.005;

    private final SampledConverter converter;

    HandpieceThermometer(double offsetCelsius, SplittableRandom noise) {
        converter = new SampledConverter(CONVERSION_NANOS, LSB_CELSIUS, offsetCelsius, NOISE_CELSIUS, noise);
    }

    /** The unit's offset: anywhere within the part's ±{@value #MAX_OFFSET_CELSIUS} °C, fixed by its identity. */
    static double offsetOf(HandpieceId unit) {
        SplittableRandom r = new SplittableRandom(unit.eui48() * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L);
        return (2.0 * r.nextDouble() - 1.0) * MAX_OFFSET_CELSIUS;
    }

    /** What the sensor reads at {@code nowNanos} with its element at {@code trueCelsius}. */
    double read(long nowNanos, double trueCelsius) {
        return converter.read(nowNanos, trueCelsius);
    }

    double offsetCelsius() {
        return converter.offset();
    }
}
