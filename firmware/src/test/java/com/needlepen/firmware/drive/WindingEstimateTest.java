package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link WindingEstimate}'s decisions, one by one, on inputs the test sets (H33): where it starts, how it
 * heats and cools, when it takes the winding's path for heat as lost, and what a reading that is not a
 * number does. WindingRunningEstimateTest shows it on the simulated pen.
 */
@Tag("H33")
class WindingEstimateTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;
    private static final double R20 = SIM.motor().resistanceOhm20C();

    private final WindingEstimate e = new WindingEstimate(SIM);

    private static double ohmsAt(double celsius) {
        return SIM.motor().resistanceOhmAt(celsius);
    }

    @Test
    void givenNoMeasurementYet_thenNotANumberAndNothingIntegrated() {
        e.update(0, 1.0, 0.5, 100, 12, 30);
        e.update(1000 * MS, 1.0, 0.5, 100, 12, 30);
        assertThat(e.celsius()).isNaN();
        e.measured(Double.NaN, R20);
        assertThat(e.celsius()).as("a measurement that could not be made starts nothing").isNaN();
        e.measured(30, Double.NaN);
        assertThat(e.celsius()).isNaN();
        e.measured(30, ohmsAt(30));
        assertThat(e.celsius()).isEqualTo(30.0);
        assertThat(e.lastMeasuredCelsius()).isEqualTo(30.0);
    }

    @Test
    void givenOneAmpereWithNothingElse_thenTheCopperHeatsAtI2ROverC() {
        e.measured(20, ohmsAt(20));
        e.update(0, 1.0, 0.0, 0.0, 12, 20);
        e.update(100 * MS, 1.0, 0.0, 0.0, 12, 20);
        // 1 A through 2.5 ohm into 1.0 J/K for 0.1 s, the winding at the nose's temperature: 0.25 K
        assertThat(e.heatWatts()).isEqualTo(2.5);
        assertThat(e.celsius()).isCloseTo(20.25, within(1e-12));
    }

    @Test
    void givenTheProfilesHeatCapacity_thenItIsWhatTheHeatWarms() {
        WindingEstimate half = new WindingEstimate(FakeDriveHardware.simWith("windingHeatCapacityJPerK: 1.0 ",
                "windingHeatCapacityJPerK: 0.5 ", "windingToNoseKPerW: 12 ", "windingToNoseKPerW: 24 "));
        half.measured(80, ohmsAt(80));
        half.update(0, 0.0, 0.0, 0.0, 12, 20);
        half.update(100 * MS, 0.0, 0.0, 0.0, 12, 20);
        // 60 K over 24 K/W: 2.5 W out of 0.5 J/K for 0.1 s
        assertThat(half.celsius()).isCloseTo(79.5, within(1e-12));
        half.update(200 * MS, 1.0, 0.0, 0.0, 12, 79.5);
        assertThat(half.celsius()).isCloseTo(79.5 + 0.2 * ohmsAt(79.5), within(1e-9));
    }

    @Test
    void givenASupplyOrARateThatIsNotANumber_thenTheMostHeatSeenCounts() {
        e.measured(30, ohmsAt(30));
        e.update(0, 1.0, 0.5, 100, 12, 30);
        double heat = e.heatWatts();
        e.update(MS, 0.0, 0.5, 100, Double.NaN, 30);
        assertThat(e.heatWatts()).isEqualTo(heat);
        e.update(2 * MS, 0.0, 0.0, Double.NaN, 12, 30);
        assertThat(e.heatWatts()).isEqualTo(heat);
    }

    @Test
    void givenTheRipplesAndTheBrushesHeat_thenBothCount() {
        e.measured(20, ohmsAt(20));
        e.update(0, 0.0, 0.5, 100.0, 12.0, 20);
        // ripple 12 V x 0.25 x 0.125 A/V = 0.375 A peak to peak: 0.375^2 / 12 x 2.5 ohm; brushes 0.0003 N m x 2 pi 100
        double ripple = 0.375 * 0.375 / 12.0 * R20;
        double brushes = 0.0003 * 2 * Math.PI * 100;
        assertThat(e.heatWatts()).isCloseTo(ripple + brushes, within(1e-12));
        e.update(MS, 0.0, 0.0, -5.0, 0.0, 20);
        assertThat(e.heatWatts()).as("no duty, no rate: no ripple, no friction").isZero();
        e.update(2 * MS, 0.0, 1.5, 0.0, 12.0, 20);
        assertThat(e.heatWatts()).as("a duty above 1 is taken as 1: no ripple").isZero();
        e.update(3 * MS, 0.0, 0.5, 0.0, -1.0, 20);
        assertThat(e.heatWatts()).as("no supply: no ripple").isZero();
    }

    @Test
    void givenAWindingAboveTheNose_thenItCoolsThroughTheProfilesPath() {
        e.measured(80, ohmsAt(80));
        e.update(0, 0.0, 0.0, 0.0, 12, 20);
        e.update(100 * MS, 0.0, 0.0, 0.0, 12, 20);
        // 60 K over 12 K/W: 5 W out of 1.0 J/K for 0.1 s
        assertThat(e.celsius()).isCloseTo(79.5, within(1e-12));
        assertThat(e.pathLost()).isFalse();
    }

    @Test
    void givenAUnitMoreResistiveThanTheProfile_thenItsOwnResistanceHeatsTheEstimate_andALessResistiveOneTheProfiles() {
        e.measured(20, 1.2 * R20);
        e.update(0, 1.0, 0.0, 0.0, 12, 20);
        assertThat(e.heatWatts()).isCloseTo(1.2 * R20, within(1e-12));
        WindingEstimate low = new WindingEstimate(SIM);
        low.measured(20, 0.9 * R20);
        low.update(0, 1.0, 0.0, 0.0, 12, 20);
        assertThat(low.heatWatts()).isCloseTo(R20, within(1e-12));
        WindingEstimate warm = new WindingEstimate(SIM);
        warm.measured(45.4453, ohmsAt(45.4453));
        warm.update(0, 1.0, 0.0, 0.0, 12, 20);
        assertThat(warm.heatWatts()).as("R rises with the estimate's temperature").isCloseTo(ohmsAt(45.4453), within(1e-9));
    }

    @Test
    void givenAMeasurementBelowTheModel_thenTheModelStays_andAboveItTheMeasurementIsTaken() {
        e.measured(50, ohmsAt(50));
        e.measured(45, ohmsAt(45));
        assertThat(e.celsius()).as("never lower than the model's own figure").isEqualTo(50.0);
        assertThat(e.modelAtMeasurementCelsius()).isEqualTo(50.0);
        e.measured(60, ohmsAt(60));
        assertThat(e.celsius()).isEqualTo(60.0);
        assertThat(e.pathLost()).as("10 K above: within the measurement's noise").isFalse();
    }

    @Test
    void givenAMeasurementMoreThan15KAboveTheModel_thenThePathIsLostAndTheEstimateKeepsAllItsHeat() {
        e.measured(40, ohmsAt(40));
        e.measured(55, ohmsAt(55));
        assertThat(e.pathLost()).as("exactly 15 K: not yet").isFalse();
        e.measured(70.001, ohmsAt(70.001));
        assertThat(e.pathLost()).isTrue();
        assertThat(e.celsius()).isEqualTo(70.001);
        e.update(0, 0.0, 0.0, 0.0, 12, 20);
        e.update(1000 * MS, 0.0, 0.0, 0.0, 12, 20);
        assertThat(e.celsius()).as("no path: no cooling").isEqualTo(70.001);
        e.update(1100 * MS, 1.0, 0.0, 0.0, 12, 20);
        assertThat(e.celsius()).isCloseTo(70.001 + 0.1 * ohmsAt(70.001), within(1e-9));
    }

    @Test
    void givenACurrentThatIsNotANumber_thenTheMostHeatSeenCounts_andANoseThatIsNotANumberCoolsNothing() {
        e.measured(30, ohmsAt(30));
        e.update(0, 1.0, 0.0, 0.0, 12, 30);
        double heat = e.heatWatts();
        e.update(MS, Double.NaN, 0.0, 0.0, 12, 30);
        assertThat(e.heatWatts()).isEqualTo(heat);
        assertThat(e.celsius()).isGreaterThan(30.0).isLessThan(31.0);
        double before = e.celsius();
        e.update(101 * MS, 0.0, 0.0, 0.0, 12, Double.NaN);
        assertThat(e.celsius()).as("no cooling towards a nose that is not a number").isEqualTo(before);
        e.update(201 * MS, 0.0, 0.0, 0.0, 12, 20);
        assertThat(e.celsius()).isLessThan(before);
    }

    @Test
    void givenATickThatGoesBack_thenNothingIsIntegrated() {
        e.measured(30, ohmsAt(30));
        e.update(100 * MS, 1.0, 0.0, 0.0, 12, 30);
        e.update(50 * MS, 1.0, 0.0, 0.0, 12, 30);
        assertThat(e.celsius()).isEqualTo(30.0);
    }
}
