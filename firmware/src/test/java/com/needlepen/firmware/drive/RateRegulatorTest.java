package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.needlepen.config.ProfileLoader;
import com.needlepen.config.TuningSpec;
import org.junit.jupiter.api.Test;

/** The regulator's logic on its own, in virtual time (the closed loop is tested against the sim in tools). */
class RateRegulatorTest {

    private static final double KE = 0.010;
    private static final long MS = 1_000_000L;
    /** The shipped tuning (a soft start of 600 Hz/s), as a profile without a tuning section gets it. */
    private static final TuningSpec.Regulator SHIPPED = ProfileLoader.bundled("sim").tuning().rateRegulator();

    private final RateRegulator regulator = new RateRegulator(KE, 2.5, 0.0003, 0.9, SHIPPED);

    @Test
    void givenAStartWhenTheRampRunsThenTheDutyIsTheFeedForwardOfTheRampedSetPoint() {
        regulator.start(0, 100);
        double duty = regulator.update(50 * MS, 0, false, 12.0, 0, true);
        assertThat(regulator.referenceHz()).isCloseTo(SHIPPED.softStartHzPerS() * 0.050, within(1e-9)).isCloseTo(30.0, within(1e-9));
        double expected = (KE * 2 * Math.PI * 30.0 + 2.5 * 0.0003 / KE) / 12.0;
        assertThat(duty).isCloseTo(expected, within(1e-12));
    }

    @Test
    void givenAFasterSoftStartInTheProfileWhenTheRampRunsThenTheSetPointClimbsAtIt() {
        TuningSpec.Regulator fast = FakeDriveHardware.simWith("softStartHzPerS: 600", "softStartHzPerS: 1000")
                .tuning().rateRegulator();
        RateRegulator tuned = new RateRegulator(KE, 2.5, 0.0003, 0.9, fast);
        tuned.start(0, 100);
        tuned.update(50 * MS, 0, false, 12.0, 0, true);
        assertThat(tuned.referenceHz()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void givenTheSupplySagsWhenRegulatingThenTheFeedForwardDutyRisesToKeepTheVoltage() {
        regulator.start(0, 100);
        regulator.update(500 * MS, 100, true, 12.0, 0, true);
        double atTwelve = regulator.update(501 * MS, 100, true, 12.0, 0, true);
        double atNine = regulator.update(502 * MS, 100, true, 9.0, 0, true);
        assertThat(atNine * 9.0).isCloseTo(atTwelve * 12.0, within(1e-3));
    }

    @Test
    void givenASaturatedDriveWhenTheErrorPersistsThenTheIntegratorDoesNotWindUp() {
        regulator.start(0, 150);
        long t = 0;
        for (int i = 0; i < 5_000; i++) { // 5 s unable to reach the set rate (shaft held at 100 Hz)
            t += MS;
            regulator.update(t, 100, true, 12.0, 0, true);
        }
        assertThat(regulator.lastDuty()).isEqualTo(0.9);
        // once the shaft reaches the set rate, the duty comes off the limit within a few ms, not seconds
        int ticksToLeave = 0;
        while (regulator.update(t += MS, 151, true, 12.0, 0, true) >= 0.9 && ticksToLeave < 10_000) {
            ticksToLeave++;
        }
        assertThat(ticksToLeave).isLessThan(50);
    }

    @Test
    void givenAShaftStalledDuringSoftStartWhenNoEdgeComesThenTheDutyGrowsUntilItBreaksAway() {
        regulator.start(0, 50);
        double before = regulator.update(60 * MS, 0, false, 12.0, 60 * MS, true);
        double later = regulator.update(120 * MS, 0, false, 12.0, 120 * MS, true);
        RateRegulator turning = new RateRegulator(KE, 2.5, 0.0003, 0.9, SHIPPED);
        turning.start(0, 50);
        turning.update(60 * MS, 0, false, 12.0, 5 * MS, true);
        double notStalled = turning.update(120 * MS, 40, true, 12.0, 5 * MS, true);
        assertThat(later - before).isGreaterThan(notStalled - before + 0.05);
    }

    @Test
    void givenNoEdgeButTheCurrentOfATurningShaftWhenSoftStartingThenThereIsNoBreakawayBoost_aBlindSensorIsNotAStall() {
        regulator.start(0, 50);
        double heldBefore = regulator.update(60 * MS, 0, false, 12.0, 60 * MS, true);
        double heldLater = regulator.update(120 * MS, 0, false, 12.0, 120 * MS, true);
        RateRegulator blind = new RateRegulator(KE, 2.5, 0.0003, 0.9, SHIPPED);
        blind.start(0, 50);
        blind.update(60 * MS, 0, false, 12.0, 60 * MS, false);
        double later = blind.update(120 * MS, 0, false, 12.0, 120 * MS, false);
        RateRegulator seen = new RateRegulator(KE, 2.5, 0.0003, 0.9, SHIPPED); // an edge 5 ms ago: not stalled
        seen.start(0, 50);
        seen.update(60 * MS, 0, false, 12.0, 5 * MS, false);
        double feedForwardOnly = seen.update(120 * MS, 0, false, 12.0, 5 * MS, false);
        assertThat(heldLater - heldBefore).as("a held shaft is pushed").isGreaterThan(0.05);
        assertThat(later).as("a turning one without pulses gets the ramp's feed-forward only")
                .isCloseTo(feedForwardOnly, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void givenALowerTargetWhenRunningThenTheSetPointFollowsItDownAtTheRampSlope() {
        regulator.start(0, 150);
        regulator.update(1_000 * MS, 150, true, 12.0, 0, true);
        regulator.setTargetHz(80);
        regulator.update(1_010 * MS, 150, true, 12.0, 0, true);
        // 600 Hz/s for 10 ms: 6 Hz down, not all 70 at once (a shaft let coast to the new rate overshoots it)
        assertThat(regulator.referenceHz()).isCloseTo(144.0, org.assertj.core.data.Offset.offset(1e-9));
        regulator.update(1_200 * MS, 90, true, 12.0, 0, true);
        assertThat(regulator.referenceHz()).isEqualTo(80.0);
    }

    @Test
    void givenARampDown_thenTheIntegratorHoldsThroughItAndFourSetPeriodsAfter_thenIntegratesAgain() {
        regulator.start(0, 150);
        long t = 0;
        for (int i = 0; i < 1_000; i++) { // engaged and settled at 150 Hz
            regulator.update(t += MS, 150, true, 12.0, 0, true);
        }
        regulator.setTargetHz(90); // 100 ms of ramp at 600 Hz/s
        double first = regulator.update(t += MS, 140, true, 12.0, 0, true);
        // the measurement lags a slowing shaft, 10 Hz above the set point: only the proportional term answers it
        double duringRamp = first;
        for (int i = 0; i < 99; i++) {
            duringRamp = regulator.update(t += MS, regulator.referenceHz() + 10, true, 12.0, 0, true);
        }
        assertThat(regulator.referenceHz()).isCloseTo(90.0, within(1e-9));
        // at the set point with the same error the duty is the feed-forward's and the proportional's: no integral moved
        double heldA = regulator.update(t += MS, 100, true, 12.0, 0, true);
        double heldB = regulator.update(t += 40 * MS, 100, true, 12.0, 0, true); // 41 ms: within 4 periods of 90 Hz
        assertThat(heldB).as("held within four set periods of the ramp's end").isCloseTo(heldA, within(1e-12));
        // past the hold, the same error winds the integrator down
        double after = heldB;
        for (int i = 0; i < 50; i++) {
            after = regulator.update(t += MS, 100, true, 12.0, 0, true);
        }
        assertThat(after).as("integrating again").isLessThan(heldB - 1e-4);
        assertThat(duringRamp).isLessThan(first);
    }
}
