package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IndexRateEstimatorTest {

    private static final long PERIOD_100HZ = 10_000_000L;

    @Test
    void givenSteadyEdgesWhenEstimatingThenTheRateIsTheirFrequency() {
        IndexRateEstimator e = new IndexRateEstimator();
        for (int i = 0; i < 10; i++) {
            e.onEdge(i * PERIOD_100HZ);
        }
        assertThat(e.rateHz(9 * PERIOD_100HZ)).isCloseTo(100.0, within(1e-9));
        assertThat(e.edges()).isEqualTo(10);
    }

    @Test
    void givenOneTimestampTwoMillisecondsLateWhenEstimatingThenTheEstimateNeverSeesIt() {
        IndexRateEstimator e = new IndexRateEstimator();
        double worst = 0;
        for (int i = 0; i < 20; i++) {
            long stamp = i * PERIOD_100HZ + (i == 10 ? 2_000_000L : 0L);
            e.onEdge(stamp);
            if (i >= 3) {
                worst = Math.max(worst, Math.abs(e.rateHz(stamp) - 100.0));
            }
        }
        assertThat(worst).isLessThan(1e-9);
    }

    @Test
    void givenJitteredStampsWhenAveragedThenTheMeanEstimateIsUnbiased() {
        IndexRateEstimator e = new IndexRateEstimator();
        SplittableRandom random = new SplittableRandom(3);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < 10_000; i++) {
            long stamp = i * PERIOD_100HZ + 40_000L + (long) Math.abs(random.nextGaussian() * 20_000);
            e.onEdge(stamp);
            if (i >= 3) {
                sum += e.rateHz(stamp);
                n++;
            }
        }
        assertThat(sum / n).isCloseTo(100.0, within(0.05));
    }

    @Test
    void givenTheEdgesStopWhenTimePassesThenTheRateFallsWithTheTimeSinceTheLastEdge() {
        IndexRateEstimator e = new IndexRateEstimator();
        for (int i = 0; i < 5; i++) {
            e.onEdge(i * PERIOD_100HZ);
        }
        long last = 4 * PERIOD_100HZ;
        assertThat(e.rateHz(last + 5_000_000L)).isCloseTo(100.0, within(1e-9));
        assertThat(e.rateHz(last + 50_000_000L)).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void givenAResetWhenEstimatingThenNothingIsMeasuredUntilTwoEdges() {
        IndexRateEstimator e = new IndexRateEstimator();
        e.onEdge(0);
        e.onEdge(PERIOD_100HZ);
        e.reset();
        assertThat(e.hasMeasurement()).isFalse();
        assertThat(e.rateHz(2 * PERIOD_100HZ)).isZero();
        e.onEdge(3 * PERIOD_100HZ);
        assertThat(e.hasMeasurement()).isFalse();
        e.onEdge(4 * PERIOD_100HZ);
        assertThat(e.hasMeasurement()).isTrue();
    }
}
