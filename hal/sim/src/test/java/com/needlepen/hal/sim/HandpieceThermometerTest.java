package com.needlepen.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The simulated handpiece temperature sensor reads as a TMP117-class part does, never kinder: whole steps of
 * 0.0078125 °C, a result held for its 125 ms conversion, 0.005 °C rms of noise about the unit's own offset,
 * which lies within ±0.1 °C and is the same for the same unit.
 */
class HandpieceThermometerTest {

    private static final long MS = 1_000_000L;

    @Test
    void givenAUnit_thenItsReadingsAreWholeStepsHeldForAConversionWithItsNoiseAboutItsOffset() {
        HandpieceThermometer t = new HandpieceThermometer(0.05, new SplittableRandom(3));
        double first = t.read(0, 30.0);
        assertThat(t.read(124 * MS, 40.0)).as("the result register holds until the next conversion").isEqualTo(first);
        int n = 20_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 1; i <= n; i++) {
            double r = t.read(i * HandpieceThermometer.CONVERSION_NANOS, 30.0);
            assertThat(r / HandpieceThermometer.LSB_CELSIUS).isCloseTo(Math.rint(r / HandpieceThermometer.LSB_CELSIUS),
                    within(1e-9));
            sum += r;
            sumSq += r * r;
        }
        double mean = sum / n;
        double sigma = Math.sqrt(sumSq / n - mean * mean);
        assertThat(mean).isCloseTo(30.05, within(0.001));
        // the noise and the step's own rounding (LSB / sqrt 12 = 0.00226 °C)
        assertThat(sigma).isCloseTo(Math.hypot(0.005, 0.0078125 / Math.sqrt(12)), within(0.0005));
    }

    @Test
    void givenManyUnits_thenEachOffsetIsItsOwnWithinTheAccuracyAndTheSameEachTime() {
        double lowest = 1;
        double highest = -1;
        for (String serial : new String[] {"np-sim-0001", "np-sim-0007", "np-sim-0155", "np-sim-0200", "np-sim-0300",
                "np-sim-0400", "np-sim-0500", "np-sim-0600", "np-sim-0700", "np-sim-0800"}) {
            double offset = HandpieceThermometer.offsetOf(SimulatedPenFactory.handpieceIdOf(serial));
            assertThat(offset).isBetween(-HandpieceThermometer.MAX_OFFSET_CELSIUS, HandpieceThermometer.MAX_OFFSET_CELSIUS);
            assertThat(HandpieceThermometer.offsetOf(SimulatedPenFactory.handpieceIdOf(serial))).isEqualTo(offset);
            lowest = Math.min(lowest, offset);
            highest = Math.max(highest, offset);
        }
        assertThat(highest - lowest).as("units differ").isGreaterThan(0.05);
    }
}
