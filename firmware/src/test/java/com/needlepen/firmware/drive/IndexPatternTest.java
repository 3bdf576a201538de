package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Test;

/**
 * The index period pattern that tells a lying sensor from a shaft changing speed (H44 to H46),
 * judged edge by edge: which period counts as irregular (exactly at the ratio it does), which as
 * shorter than any revolution (exactly at the shortest it does not), how the window slides, and that
 * a run's reset forgets everything.
 */
class IndexPatternTest {

    private static final long MS = 1_000_000L;

    /** Edges at the given stamps (ms). */
    private static IndexPattern edges(long shortestNanos, double... stampsMs) {
        IndexPattern p = new IndexPattern(shortestNanos);
        for (double s : stampsMs) {
            p.onEdge(Math.round(s * MS));
        }
        return p;
    }

    @Test
    void givenTheSimProfile_thenTheShortestPlausiblePeriodIsTheNoLoadRateAtTheHighestSupplyTimes125Percent() {
        // 12.6 V / 0.010 V s/rad / 2 pi = 200.5 Hz; x 1.25 = 250.7 Hz: 3.99 ms
        long nanos = IndexPattern.shortestPlausiblePeriodNanos(ProfileLoader.bundled("sim"));
        assertThat(nanos).isEqualTo((long) (1e9 / (12.6 / 0.010 / (2 * Math.PI) * 1.25)));
        assertThat(nanos).isBetween(3_980_000L, 4_000_000L);
    }

    @Test
    void givenTheFirstTwoEdges_thenNoPeriodIsJudged_andTheThirdJudgesTheSecondPeriodAgainstTheFirst() {
        assertThat(edges(MS, 0).periods()).isZero();
        assertThat(edges(MS, 0, 10).periods()).isZero();
        IndexPattern p = edges(MS, 0, 10, 30); // 20 ms after 10 ms: a missed pass
        assertThat(p.periods()).isEqualTo(1);
        assertThat(p.irregularPeriods()).isEqualTo(1);
    }

    @Test
    void givenAPeriodExactlyTheRatioLongerOrShorter_thenItIsIrregular_andJustInsideItIsNot() {
        // 100 ms periods, then 133 ms (exactly 1.33): irregular; 132.9 ms: regular
        assertThat(edges(MS, 0, 100, 233).irregularPeriods()).isEqualTo(1);
        assertThat(edges(MS, 0, 100, 232.9).irregularPeriods()).isZero();
        // 133 ms, then 100 ms (exactly 1 / 1.33): irregular; 100.1 ms: regular
        assertThat(edges(MS, 0, 133, 233).irregularPeriods()).isEqualTo(1);
        assertThat(edges(MS, 0, 133, 233.1).irregularPeriods()).isZero();
    }

    @Test
    void givenAPeriodShorterThanAnyRevolution_thenItIsTooShort_andOneExactlyTheShortestIsNot() {
        long shortest = 4 * MS;
        assertThat(edges(shortest, 0, 4, 8).tooShortPeriods()).as("exactly 4 ms").isZero();
        IndexPattern p = edges(shortest, 0, 4, 7.999);
        assertThat(p.tooShortPeriods()).isEqualTo(1);
        assertThat(p.shortestPlausibleNanos()).isEqualTo(shortest);
        assertThat(p.irregularPeriods()).as("3.999 ms after 4 ms is regular").isZero();
    }

    @Test
    void givenMoreThanTheWindowOfPeriods_thenOnlyTheLast16AreCounted() {
        IndexPattern p = new IndexPattern(MS);
        long t = 0;
        p.onEdge(t);
        t += 10 * MS;
        p.onEdge(t);
        t += 20 * MS; // the one irregular period (a missed pass)
        p.onEdge(t);
        t += 20 * MS;
        p.onEdge(t);
        for (int i = 0; i < IndexPattern.WINDOW - 2; i++) {
            t += 20 * MS;
            p.onEdge(t);
        }
        assertThat(p.periods()).isEqualTo(IndexPattern.WINDOW);
        assertThat(p.irregularPeriods()).as("still in the window").isEqualTo(1);
        t += 20 * MS;
        p.onEdge(t);
        assertThat(p.periods()).isEqualTo(IndexPattern.WINDOW);
        assertThat(p.irregularPeriods()).as("slid out").isZero();
    }

    @Test
    void givenTwoEdgesWithTheSameStamp_thenThePeriodAfterIsIrregularAndNothingDividesByZero() {
        IndexPattern p = edges(MS, 0, 10, 10, 20);
        assertThat(p.periods()).isEqualTo(2);
        assertThat(p.irregularPeriods()).isEqualTo(2);
        assertThat(p.tooShortPeriods()).isEqualTo(1);
    }

    @Test
    void givenAReset_thenTheWindowAndTheLastStampAreForgotten() {
        IndexPattern p = edges(MS, 0, 10, 30, 31);
        assertThat(p.irregularPeriods()).isEqualTo(2);
        p.reset();
        assertThat(p.periods()).isZero();
        assertThat(p.irregularPeriods()).isZero();
        assertThat(p.tooShortPeriods()).isZero();
        p.onEdge(1_000 * MS);
        p.onEdge(1_010 * MS);
        assertThat(p.periods()).as("no period from the stamp before the reset").isZero();
        p.onEdge(1_020 * MS);
        assertThat(p.periods()).isEqualTo(1);
        assertThat(p.irregularPeriods()).isZero();
    }
}
