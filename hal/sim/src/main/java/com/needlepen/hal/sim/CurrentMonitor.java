package com.needlepen.hal.sim;

import com.needlepen.hal.HandpieceId;
import java.util.SplittableRandom;

/**
 * The motor current as a real monitor reads it: an INA219-class converter across a 0.05 Ω shunt in
 * series with the winding (so it sees the current while driving and while braking, in both
 * directions, with its sign; the magnitude the pen also reads is that reading's, offset and noise in, as the Pi's
 * driver takes it: {@code |I + offset + noise|}). Never kinder than the part: a new 12-bit conversion every
 * {@value #CONVERSION_NANOS} ns (reads in between return the last one), a step of 10 µV over the shunt
 * ({@value #LSB_AMPS} A), an offset of up to ±{@value #MAX_OFFSET_AMPS} A of the unit's own (the
 * part's input offset, the shunt's tolerance and the board's layout, drawn from the unit's identity:
 * the same unit, the same offset), and {@value #NOISE_AMPS} A rms of noise in every conversion. A
 * shaft at rest therefore reads tens of milliamperes (its signed reading sometimes below zero, its magnitude the
 * offset's size whatever its sign); the firmware must zero and
 * average it before it can tell a still shaft from one turning slowly. The part converts on its own
 * oscillator: {@link #read} takes the true time, not the clock the firmware reads, so a clock that
 * stops or jumps (H40) neither freezes nor skips its conversions.
 */
final class CurrentMonitor {

    static final long CONVERSION_NANOS = 532_000L;
    static final double LSB_AMPS = 0.0002;
    static final double MAX_OFFSET_AMPS = 0.020;
    static final double NOISE_AMPS = 0.010;

    private final SampledConverter converter;

    CurrentMonitor(double offsetAmps, SplittableRandom noise) {
        converter = new SampledConverter(CONVERSION_NANOS, LSB_AMPS, offsetAmps, NOISE_AMPS, noise);
    }

    /** The unit's offset: anywhere within the part's ±{@value #MAX_OFFSET_AMPS} A, fixed by its identity. */
    static double offsetOf(HandpieceId unit) {
        SplittableRandom r = new SplittableRandom(unit.eui48() * 0x9E3779B97F4A7C15L);
        return (2.0 * r.nextDouble() - 1.0) * MAX_OFFSET_AMPS;
    }

    /** What the converter reads at {@code nowNanos} with {@code trueAmps} through the shunt. */
    double read(long nowNanos, double trueAmps) {
        return converter.read(nowNanos, trueAmps);
    }

    double offsetAmps() {
        return converter.offset();
    }
}
