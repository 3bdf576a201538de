package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.safety.SensorPlausibilityCheck;
import com.needlepen.firmware.safety.StuckSensorCheck;
import com.needlepen.firmware.safety.TemperatureCheck;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.PenHardware;
import com.needlepen.hal.sim.SimFault;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H26, sensors that lie: a reading the quantity cannot have is a fault (F19), and every check
 * compares so that a reading that is not a number fails safe. Each test shows what the firmware did,
 * and the harm when its mitigation is left out.
 */
class SensorPlausibilityTest {

    private static Function<SafetyInputs, List<SafetyCheck>> without(Predicate<SafetyCheck> leftOut) {
        return in -> {
            List<SafetyCheck> checks = new ArrayList<>(SafetyChecks.standard(in));
            checks.removeIf(leftOut);
            return checks;
        };
    }

    private static PenBench runningAt100Hz(Function<SafetyInputs, List<SafetyCheck>> checks,
                                           java.util.function.UnaryOperator<PenHardware> wiring) {
        PenBench bench = PenBench.wired(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, 31, wiring, checks)
                .insertCartridge().ready();
        bench.sim.setSkinContact(true);
        return bench.click(PanelButton.START_STOP).running().spunUp();
    }

    /** Runs up to {@code seconds} while RUNNING; returns the hottest true handpiece temperature seen meanwhile. */
    private static double hottestWhileRunning(PenBench bench, int seconds) {
        double hottest = Double.NEGATIVE_INFINITY;
        for (int ms = 0; ms < seconds * 1000 && bench.controller.status().state() == PenState.RUNNING; ms++) {
            bench.run(MS);
            if (bench.controller.status().state() == PenState.RUNNING) {
                hottest = Math.max(hottest, bench.sim.handpieceCelsius());
            }
        }
        return hottest;
    }

    @Tag("H26")
    @Test
    void givenTheThermistorOpensWhileRunning_thenF19StopsTheNeedlesWithinItsBound() {
        PenBench bench = runningAt100Hz(SafetyChecks::standard, hw -> hw);
        bench.sim.inject(SimFault.THERMISTOR_OPEN);
        bench.sim.inject(SimFault.OVERHEATING);
        long opened = bench.now();
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F19_SENSOR_IMPLAUSIBLE);
        assertThat(bench.controller.status().faultDetail()).isEqualTo("handpiece temperature reads -40.00");
        assertThat((bench.now() - opened) / 1_000_000).as("ms from the open lead to F19").isBetween(5L, 7L);
        bench.run(500 * MS);
        assertThat(bench.sim.shaftAtRest()).isTrue();
    }

    @Tag("H26")
    @Test
    void givenTheThermistorOpenWithoutThePlausibilityCheck_thenTheHandpieceOverheatsUnderTheNeedles() {
        // the stuck-sensor check (H35) left out too: an open lead's reading never moves, and it would see that in seconds
        PenBench bench = runningAt100Hz(
                without(c -> c instanceof SensorPlausibilityCheck || c instanceof StuckSensorCheck), hw -> hw);
        bench.sim.inject(SimFault.THERMISTOR_OPEN);
        bench.sim.inject(SimFault.OVERHEATING);
        double hottest = hottestWhileRunning(bench, 240);
        assertThat(hottest).as("hottest true handpiece temperature while the needles ran, °C")
                .isGreaterThan(ProfileLoader.bundled("sim").safety().cutoffCelsius());
    }

    /** The firmware's view of the sensors: the plant's, with the handpiece temperature replaced by {@code celsius}. */
    private static PenHardware temperatureReads(PenHardware hw, double celsius) {
        return PenBench.temperatureReading(hw, plant -> celsius);
    }

    @Tag("H26")
    @Test
    void givenATemperatureThatIsNotANumber_thenThePenNeverBecomesReadyAndTheFaultSaysWhy() {
        PenBench bench = PenBench.wired(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, 32,
                hw -> temperatureReads(hw, Double.NaN), SafetyChecks::standard).insertCartridge();
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 100 * MS)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F19_SENSOR_IMPLAUSIBLE);
        assertThat(bench.controller.status().faultDetail()).isEqualTo("handpiece temperature reads not a number");
    }

    @Tag("H26")
    @Test
    void givenATemperatureThatIsNotANumberAndNoPlausibilityCheck_thenTheCutOffStillFailsSafe() {
        // the second line of defence: TemperatureCheck compares so that not-a-number is not "below the cut-off"
        PenBench bench = PenBench.wired(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, 33,
                hw -> temperatureReads(hw, Double.NaN), without(SensorPlausibilityCheck.class::isInstance))
                .insertCartridge();
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 100 * MS)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F06_OVERTEMPERATURE);
    }

    @Tag("H26")
    @Test
    void givenATemperatureThatIsNotANumberAndNeitherCheck_thenNothingStopsTheNeedles() {
        // what the two checks prevent together: a pen that runs with no idea of its temperature
        PenBench bench = PenBench.wired(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, 34,
                hw -> temperatureReads(hw, Double.NaN),
                // the winding's check (H33) left out too: its reference temperature is the thermistor's, so a
                // reading that is not a number fails its measurement (F24) before the first run
                without(c -> c instanceof SensorPlausibilityCheck || c instanceof TemperatureCheck
                        || c instanceof StuckSensorCheck
                        || c instanceof com.needlepen.firmware.safety.WindingTemperatureCheck
                        // and the winding's running estimate: it cools towards the nose's estimate, not a number here
                        || c instanceof com.needlepen.firmware.safety.WindingEstimateCheck)).insertCartridge()
                .ready();
        bench.sim.setSkinContact(true);
        bench.click(PanelButton.START_STOP).running().spunUp();
        bench.run(2 * S);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
    }

    @Tag("H36")
    @Test
    void givenTheThermistorShortsWhileRunning_thenTheCutOffStopsTheNeedlesAtOnce() {
        // a shorted thermistor reads its ceiling: the cut-off takes it as heat, before the plausibility hold ends
        PenBench bench = runningAt100Hz(SafetyChecks::standard, hw -> hw);
        long shorted = bench.now();
        bench.sim.inject(SimFault.THERMISTOR_SHORTED);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F06_OVERTEMPERATURE);
        assertThat((bench.now() - shorted) / 1_000_000).as("ms from the short to F06").isLessThanOrEqualTo(2L);
        bench.run(500 * MS);
        assertThat(bench.sim.shaftAtRest()).isTrue();
        assertThat(bench.sim.tipProtrusionMm()).isLessThanOrEqualTo(-bench.profile.collar().minRecessMm());
    }

    @Tag("H36")
    @Test
    void givenTheThermistorShortedWithoutTheCutOff_thenF19CallsTheReadingImpossibleWithinItsBound() {
        PenBench bench = runningAt100Hz(without(TemperatureCheck.class::isInstance), hw -> hw);
        long shorted = bench.now();
        bench.sim.inject(SimFault.THERMISTOR_SHORTED);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F19_SENSOR_IMPLAUSIBLE);
        assertThat(bench.controller.status().faultDetail()).isEqualTo("handpiece temperature reads 150.00");
        assertThat((bench.now() - shorted) / 1_000_000).as("ms from the short to F19").isBetween(5L, 7L);
        bench.run(500 * MS);
        assertThat(bench.sim.shaftAtRest()).isTrue();
    }

    @Tag("H36")
    @Test
    void givenTheThermistorShortedAndNeitherCheck_thenTheHandpieceOverheatsUnderTheNeedles() {
        // the reading is stuck at 150 °C whatever happens: with none of the four checks that read it, nothing does (the
        // winding's running estimate cools towards the nose's estimate, which the reading takes to 150 °C: F24)
        PenBench bench = runningAt100Hz(without(c -> c instanceof SensorPlausibilityCheck || c instanceof TemperatureCheck
                || c instanceof StuckSensorCheck || c instanceof com.needlepen.firmware.safety.WindingEstimateCheck), hw -> hw);
        bench.sim.inject(SimFault.THERMISTOR_SHORTED);
        bench.sim.inject(SimFault.OVERHEATING);
        assertThat(hottestWhileRunning(bench, 240)).as("hottest true handpiece temperature while the needles ran, °C")
                .isGreaterThan(ProfileLoader.bundled("sim").safety().cutoffCelsius());
    }
}
