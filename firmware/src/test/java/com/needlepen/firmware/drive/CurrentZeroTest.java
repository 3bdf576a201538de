package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The current monitor's zero and average, judged reading by reading in virtual time: which
 * readings make the zero (only after {@value CurrentZero#QUIET_MILLIS} ms of a quiet, resting drive,
 * {@value CurrentZero#ZERO_SAMPLES} of them, once per rest), and what the average subtracts. A zero
 * taken a tick early would average the braking current of a shaft still turning into the offset;
 * one taken twice in a rest would take a current that appears later for the zero (H04's parking
 * judges a still shaft from this).
 */
class CurrentZeroTest {

    private static final long MS = 1_000_000L;
    private final CurrentZero zero = new CurrentZero();

    /** A resting, quiet drive reading {@code amps} once a millisecond over [from, to]. */
    private void rest(long fromMs, long toMs, double amps) {
        for (long t = fromMs; t <= toMs; t++) {
            zero.sample(t * MS, amps, true, 0);
        }
    }

    @Test
    void givenARestingDrive_thenOnlyReadingsFrom200msOfQuietOnMakeTheZero_andThe64thCompletesIt() {
        rest(0, 199, 0.5); // the braked shaft's current decaying: never part of the zero
        assertThat(zero.zeroed()).isFalse();
        rest(200, 262, 0.02);
        assertThat(zero.zeroed()).as("63 readings of the 64").isFalse();
        assertThat(zero.averageAmps()).as("no zero yet").isNaN();
        rest(263, 263, 0.02);
        assertThat(zero.zeroed()).isTrue();
        assertThat(zero.offsetAmps()).isCloseTo(0.02, within(1e-12));
        assertThat(zero.averageAmps()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void givenTheZero_thenTheAverageIsTheMeanOfTheLastEightReadingsLessTheOffset() {
        rest(0, 263, 0.02);
        for (int i = 1; i <= 9; i++) {
            zero.sample((263 + i) * MS, 0.1 * i, false, 0); // driving: the zero is kept, the average follows
        }
        // the last eight: 0.2 .. 0.9, mean 0.55
        assertThat(zero.averageAmps()).isCloseTo(0.55 - 0.02, within(1e-12));
        assertThat(zero.offsetAmps()).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void givenAnIndexEdgeOrADrivenTickWhileWaitingForQuiet_thenTheQuietTimeStartsAgain() {
        rest(0, 150, 0.02);
        zero.sample(151 * MS, 0.02, true, 1); // an edge: the shaft still turns
        rest(152, 152 + 200 + 62, 0.02);
        assertThat(zero.zeroed()).as("200 ms after the edge, 63 readings").isFalse();
        rest(152 + 200 + 63, 152 + 200 + 63, 0.02);
        assertThat(zero.zeroed()).isTrue();

        CurrentZero other = new CurrentZero();
        for (long t = 0; t <= 150; t++) {
            other.sample(t * MS, 0.02, true, 0);
        }
        other.sample(151 * MS, 0.02, false, 0); // driven for a tick
        for (long t = 152; t <= 152 + 200 + 62; t++) {
            other.sample(t * MS, 0.02, true, 0);
        }
        assertThat(other.zeroed()).isFalse();
        other.sample((152 + 200 + 63) * MS, 0.02, true, 0);
        assertThat(other.zeroed()).isTrue();
    }

    @Test
    void givenAZeroTakenInThisRest_thenACurrentAppearingLaterIsSeen_andTheNextRestTakesItsOwnZero() {
        rest(0, 263, 0.02);
        rest(264, 800, 0.3); // a current in the same rest: a shorted stage, not a new offset
        assertThat(zero.offsetAmps()).isCloseTo(0.02, within(1e-12));
        assertThat(zero.averageAmps()).isCloseTo(0.28, within(1e-12));

        zero.sample(801 * MS, 1.0, false, 0); // a run
        rest(802, 802 + 263, -0.015); // the offset has drifted with temperature
        assertThat(zero.offsetAmps()).isCloseTo(-0.015, within(1e-12));
        assertThat(zero.averageAmps()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void givenAReadingThatIsNotANumber_thenItIsSkipped_neitherAveragedNorEndingTheQuiet() {
        rest(0, 100, 0.02);
        zero.sample(101 * MS, Double.NaN, true, 0);
        rest(102, 263, 0.02);
        assertThat(zero.zeroed()).as("the NaN neither restarted the quiet time nor counted").isTrue();
        assertThat(zero.offsetAmps()).isCloseTo(0.02, within(1e-12));
        zero.sample(264 * MS, Double.NaN, false, 0);
        assertThat(zero.averageAmps()).isCloseTo(0.0, within(1e-12));
    }
}
