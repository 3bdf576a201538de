package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.needlepen.config.ProfileLoader;
import com.needlepen.config.TuningSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The regulator's decisions at their edges (the shipped tuning: engage within 5 % or 300 ms after
 * the ramp, a stall after 1.5 set-point periods and at least 50 ms, a 50 ms breakaway decay,
 * anti-windup both ways). The duty it returns is the evidence: feed-forward alone until the PI
 * engages. A regulator that engages early or late, pushes a blind or merely slow shaft, or winds
 * its integrator up against a saturated drive runs the needles off their set rate (H02, H19, H20).
 */
@Tag("H02")
@Tag("H20")
class RateRegulatorEdgesTest {

    private static final double KE = 0.010;
    private static final double R = 2.5;
    private static final double FRICTION = 0.0003;
    private static final double V = 12.0;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final TuningSpec.Regulator SHIPPED = ProfileLoader.bundled("sim").tuning().rateRegulator();
    private static final double HZ_PER_DUTY = V / (2 * Math.PI * KE);

    private final RateRegulator regulator = new RateRegulator(KE, R, FRICTION, 0.9, SHIPPED);

    private static double feedForward(double hz) {
        return (KE * 2 * Math.PI * hz + R * FRICTION / KE) / V;
    }

    /** Started at 1 s towards 100 Hz; at 1.2 s the ramp is over (600 Hz/s), nothing measured yet. */
    private void rampedTo100Hz() {
        regulator.start(S, 100);
        regulator.update(S + 200 * MS, 0, false, V, 0, false);
        assertThat(regulator.referenceHz()).isEqualTo(100.0);
    }

    @Test
    void givenTheShippedTuning_thenItIsWhatTheseTestsAssume() {
        assertThat(SHIPPED.engageFraction()).isEqualTo(0.05);
        assertThat(SHIPPED.engageTimeoutNanos()).isEqualTo(300 * MS);
        assertThat(SHIPPED.stallPeriods()).isEqualTo(1.5);
        assertThat(SHIPPED.stallGraceNanos()).isEqualTo(50 * MS);
        assertThat(SHIPPED.kpNormalised()).isEqualTo(0.6);
        assertThat(SHIPPED.kiNormalisedPerS()).isEqualTo(18.0);
    }

    @Test
    void givenTheRampOver_whenTheShaftIsAtTheEngageLine_thenFeedForwardOnly_andJustAboveIt_thenThePiEngages() {
        rampedTo100Hz();
        double line = (1.0 - SHIPPED.engageFraction()) * 100.0;
        assertThat(regulator.update(S + 201 * MS, line, true, V, 0, false)).as("at the line").isEqualTo(feedForward(100));
        double above = Math.nextUp(line);
        double error = 100.0 - above;
        double expected = feedForward(100) + 0.6 * error / HZ_PER_DUTY + 18.0 * error / HZ_PER_DUTY * 0.001;
        assertThat(regulator.update(S + 202 * MS, above, true, V, 0, false)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void givenTheRampOverAndTheShaftFarBehind_thenThePiEngagesOnlyAfterTheTimeoutFromTheRampsEnd() {
        rampedTo100Hz(); // the ramp ended at 1 s: the first update already found the set point reached
        assertThat(regulator.update(S + 300 * MS, 50, true, V, 0, false)).as("at the timeout").isEqualTo(feedForward(100));
        double engaged = regulator.update(S + 300 * MS + 1, 50, true, V, 0, false);
        assertThat(engaged).isCloseTo(feedForward(100) + 0.6 * 50 / HZ_PER_DUTY, within(1e-6)); // and 1 ns of integral
    }

    @Test
    void givenNothingMeasuredYet_thenThePiNeverEngages() {
        rampedTo100Hz();
        assertThat(regulator.update(S + 900 * MS, 50, false, V, 0, false)).isEqualTo(feedForward(100));
    }

    @Test
    void givenAHeldShaftSetTo12Hz_thenItIsStalledOnlyAfterOneAndAHalfSetPointPeriods_notAfterTheGrace() {
        regulator.start(0, 12);
        regulator.update(50 * MS, 0, false, V, 0, true);
        assertThat(regulator.referenceHz()).isEqualTo(12.0); // 1.5 periods of 12 Hz: 125 ms, past the 50 ms grace
        double feedForward = feedForward(12);
        assertThat(regulator.update(51 * MS, 0, false, V, 100 * MS, true)).as("only slow").isEqualTo(feedForward);
        assertThat(regulator.update(52 * MS, 0, false, V, 125 * MS, true)).as("at 1.5 periods").isEqualTo(feedForward);
        double boosted = regulator.update(53 * MS, 0, false, V, 125 * MS + 1, true);
        assertThat(boosted).as("stalled: the boost grows by ki x set point per second")
                .isCloseTo(feedForward + 18.0 * 12.0 / HZ_PER_DUTY * 0.001, within(1e-12));
        assertThat(regulator.update(54 * MS, 0, false, V, 200 * MS, false)).as("not held: a blind sensor, no boost")
                .isLessThan(boosted);
    }

    @Test
    void givenABoostWhenTheShaftStartsTurning_thenItFadesWithItsTimeConstant() {
        regulator.start(0, 100);
        long t = 0;
        for (int i = 0; i < 100; i++) { // 100 ms held at standstill: the boost grows
            t += MS;
            regulator.update(t, 0, false, V, t, true);
        }
        double boost = regulator.lastDuty() - feedForward(regulator.referenceHz());
        assertThat(boost).isPositive();
        t += 10 * MS; // an edge: 10 ms of fading at 50 ms
        double faded = regulator.update(t, 0, false, V, 0, true) - feedForward(regulator.referenceHz());
        assertThat(faded).isCloseTo(boost * (1.0 - 10.0 / 50.0), within(1e-12));
    }

    @Test
    void givenABoostWhenThePiEngages_thenTheIntegratorCarriesIt_noBump() {
        regulator.start(0, 100);
        long t = 0;
        for (int i = 0; i < 100; i++) {
            t += MS;
            regulator.update(t, 0, false, V, t, true);
        }
        for (int i = 0; i < 100; i++) { // it broke away and turns: the ramp ends at 167 ms
            t += MS;
            regulator.update(t, 0, false, V, 0, false);
        }
        double before = regulator.lastDuty();
        assertThat(before).isGreaterThan(feedForward(100));
        double after = regulator.update(t + MS, 100, true, V, 0, false); // at the set point: the PI engages, no error
        assertThat(after).as("bumpless").isCloseTo(before, within(0.01));
    }

    @Test
    void givenTheShaftFasterThanSetAndTheDriveAtZero_thenTheIntegratorDoesNotWindDown() {
        rampedTo100Hz();
        regulator.update(S + 201 * MS, 100, true, V, 0, false); // engaged, no error: integral 0
        regulator.setTargetHz(50);
        long t = S + 201 * MS;
        // the set point comes down at the ramp's slope (600 Hz/s: 84 ms), the shaft following it
        while (regulator.referenceHz() > 50) {
            t += MS;
            regulator.update(t, Math.max(50, regulator.referenceHz() - 0.6), true, V, 0, false);
        }
        for (int i = 0; i < 200; i++) { // then the shaft coasts at 200 Hz: the output is pushed below zero
            t += MS;
            assertThat(regulator.update(t, 200, true, V, 0, false)).isZero();
        }
        assertThat(regulator.update(t + MS, 50, true, V, 0, false)).as("back at the set point: nothing wound down")
                .isCloseTo(feedForward(50), within(1e-12));
    }

    @Test
    void givenAnIntegratorThatCarriesLoadWhenTheDriveSaturates_thenItStopsThereAndComesOffTheLimitOnceTheErrorGoes() {
        rampedTo100Hz();
        long t = S + 201 * MS;
        regulator.update(t, 100, true, V, 0, false);
        for (int i = 0; i < 2_000; i++) { // 2 s at 90 Hz: the integrator grows until the output saturates
            t += MS;
            regulator.update(t, 90, true, V, 0, false);
        }
        assertThat(regulator.lastDuty()).isEqualTo(0.9);
        double atSetPoint = regulator.update(t + MS, 100, true, V, 0, false);
        // the integrator stopped where the output reached the limit: about 0.34, not the 0.9 it would wind to
        assertThat(atSetPoint).isLessThan(0.88).isGreaterThan(feedForward(100) + 0.3);
    }
}
