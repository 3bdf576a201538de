package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.safety.StuckSensorCheck;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H35, sensors that lie by not moving: a thermistor reading frozen at its last value
 * ({@link SimFault#THERMISTOR_STUCK}) and a current monitor that reads no current while the shaft
 * turns ({@link SimFault#CURRENT_SENSE_DEAD}). Both readings are in range, so the plausibility check
 * passes them; {@link StuckSensorCheck} latches F26. Without it the frozen reading hides heat that
 * takes the handpiece past its cut-off under the needles, and the dead current monitor turns a jam
 * into a blind index sensor.
 */
class StuckSensorTest {

    private static Function<SafetyInputs, List<SafetyCheck>> withoutTheCheck() {
        return in -> {
            List<SafetyCheck> checks = new ArrayList<>(SafetyChecks.standard(in));
            checks.removeIf(StuckSensorCheck.class::isInstance);
            return checks;
        };
    }

    private static PenBench runningOnSkin(double rateHz, Function<SafetyInputs, List<SafetyCheck>> checks) {
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, rateHz, 47, TelemetrySink.NONE, checks)
                .insertCartridge().ready();
        bench.sim.setSkinContact(true);
        return bench.click(PanelButton.START_STOP).running().spunUp();
    }

    private static void assertStoppedHidden(PenBench bench) {
        bench.run(500 * MS);
        assertThat(bench.sim.shaftAtRest()).isTrue();
        assertThat(bench.sim.tipProtrusionMm()).as("tips hidden by the minimum recess")
                .isLessThanOrEqualTo(-bench.profile.collar().minRecessMm());
    }

    @Tag("H35")
    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(doubles = {50, 100, 150})
    void givenTheThermistorStuckWhileTheHandpieceHeats_thenF26LatchesBeforeTheCutOffIsPassed(double rateHz) {
        PenBench bench = runningOnSkin(rateHz, SafetyChecks::standard);
        long injected = bench.now();
        bench.sim.inject(SimFault.THERMISTOR_STUCK);
        bench.sim.inject(SimFault.OVERHEATING);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 60 * S)).isTrue();
        long ms = (bench.now() - injected) / MS;
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F26_SENSOR_STUCK);
        // frozen where it read when it stuck: the grip of a pen picked up in a 25 °C room, a 34 °C hand warming it
        assertThat(bench.controller.status().faultDetail()).matches("handpiece temperature stuck at 2\\d\\.\\d\\d °C .*");
        double cutoff = bench.profile.safety().cutoffCelsius();
        System.out.printf("H35: thermistor stuck at %.0f Hz: F26 after %d ms, true handpiece %.1f °C%n", rateHz, ms,
                bench.sim.handpieceCelsius());
        assertThat(bench.sim.handpieceCelsius()).as("true handpiece temperature at F26").isLessThan(cutoff);
        assertStoppedHidden(bench);
    }

    @Tag("H35")
    @Test
    void givenTheThermistorStuckWithoutTheCheck_thenTheHandpiecePassesItsCutOffUnderTheNeedles() {
        PenBench bench = runningOnSkin(150, withoutTheCheck());
        bench.sim.inject(SimFault.THERMISTOR_STUCK);
        bench.sim.inject(SimFault.OVERHEATING);
        double hottest = Double.NEGATIVE_INFINITY;
        for (int ms = 0; ms < 120_000 && bench.controller.status().state() == PenState.RUNNING; ms++) {
            bench.run(MS);
            // the handpiece's hottest point: the grip, where this heat comes in (the nose follows it)
            hottest = Math.max(hottest, Math.max(bench.sim.gripCelsius(), bench.sim.handpieceCelsius()));
        }
        assertThat(hottest).as("hottest true handpiece temperature while the needles ran, °C")
                .isGreaterThan(bench.profile.safety().cutoffCelsius() + 10.0);
    }

    @Tag("H35")
    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(doubles = {50, 150})
    void givenTheCurrentSenseDeadWhileRunning_thenF26LatchesWithin150ms(double rateHz) {
        PenBench bench = runningOnSkin(rateHz, SafetyChecks::standard);
        long injected = bench.now();
        bench.sim.inject(SimFault.CURRENT_SENSE_DEAD);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S)).isTrue();
        long ms = (bench.now() - injected) / MS;
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F26_SENSOR_STUCK);
        assertThat(bench.controller.status().faultDetail()).startsWith("motor current reads");
        assertThat(ms).as("ms from the dead sense line to F26").isLessThanOrEqualTo(150);
        System.out.printf("H35: current sense dead at %.0f Hz: F26 after %d ms%n", rateHz, ms);
        assertStoppedHidden(bench);
    }

    @Tag("H35")
    @Test
    void givenTheCurrentSenseDeadWithoutTheCheck_thenAJamIsTakenForABlindIndexSensorAndNoCurrentLimitActs() {
        // the spring check (H34) left out too: a dead monitor reads no swing either, and it would see that
        PenBench bench = runningOnSkin(150, in -> {
            List<SafetyCheck> checks = new ArrayList<>(SafetyChecks.standard(in));
            checks.removeIf(c -> c instanceof StuckSensorCheck || c instanceof com.needlepen.firmware.safety.SpringCheck);
            return checks;
        });
        bench.sim.inject(SimFault.CURRENT_SENSE_DEAD);
        bench.run(S);
        assertThat(bench.controller.status().state()).as("a second on a blind current monitor").isEqualTo(PenState.RUNNING);
        bench.sim.inject(SimFault.CAM_JAMMED);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S)).isTrue();
        // the stall check's current reads nothing: the jammed cam (F02, drive-suspect) is misjudged as an index sensor
        // that died (F11) or lies (F31, its last periods irregular as the shaft was stopped): the drive trusted
        assertThat(bench.controller.status().fault()).isIn(FaultCode.F11_INDEX_SENSOR_DEAD, FaultCode.F31_INDEX_IMPLAUSIBLE);
        assertThat(bench.controller.status().fault().driveSuspect()).isFalse();
    }
}
