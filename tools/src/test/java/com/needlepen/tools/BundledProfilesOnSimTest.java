package com.needlepen.tools;

import com.needlepen.firmware.behaviour.PenBench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.config.calibration.CalibrationPoint;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.tools.calibration.CalibrationProcedure;
import com.needlepen.tools.calibration.SimGauge;
import com.needlepen.hal.sim.SimulatedPenFactory;
import com.needlepen.firmware.loop.SimulationRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundled profile is a pen that can be calibrated and can treat: a technician calibrates it
 * from the sim's gauge and a practitioner runs a 60 s session at its defaults, on a fresh data
 * directory, through the CLI. (The compact profile once shipped with its deepest depth at the hard
 * stop, and every calibration of it ended in F16.)
 */
class BundledProfilesOnSimTest {

    @TempDir
    Path dir;

    static List<String> bundled() {
        return ProfileLoader.BUNDLED;
    }

    @ParameterizedTest
    @MethodSource("bundled")
    void givenABundledProfile_whenCalibratedAndASixtySecondSessionIsRun_thenBothSucceedAtTheSetDepth(String name)
            throws Exception {
        var cal = SimulateCommandTest.runIn(dir, "calibrate", "--from-sim", "--profile", name, "--technician", "ci");
        assertThat(cal.exit()).as(cal.out() + cal.err()).isZero();

        Path json = dir.resolve(name + ".json");
        var run = SimulateCommandTest.runIn(dir, "simulate", "--fast", "--profile", name, "--duration", "60s",
                "--summary-json", json.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(json.toFile());
        DeviceProfile p = ProfileLoader.bundled(name);
        assertThat(s.get("endReason").asText()).isEqualTo("completed");
        assertThat(s.get("activeSeconds").asDouble()).isBetween(59.9, 60.1);
        assertThat(s.get("truth").get("peakProtrusionMm").asDouble())
                .isCloseTo(s.get("depthMm").asDouble(), org.assertj.core.data.Offset.offset(p.calibration().toleranceMm()));
    }

    /**
     * A unit at the deep edge of the collar tolerances, calibrated over the whole plan: its collar
     * goes furthest for every commanded depth, and still never meets the hard stop.
     */
    @ParameterizedTest
    @MethodSource("bundled")
    void givenTheDeepestUnitTheProfileAllows_whenCalibrated_thenNoPointReachesTheHardStop(String name) {
        DeviceProfile p = ProfileLoader.bundled(name);
        SimPen pen = SimulatedPenFactory.createDeepestUnit(p, 12, 5);
        pen.handle().insertCartridge(new CartridgeInfo("CART-EDGE", 12));
        var assembled = PenBench.assemble(pen, p, a -> a.settings(1.0, 100)
                .calibration(DepthCalibration.unusable(p.collar(), "not calibrated")));
        PenController controller = assembled.controller();
        SimulationRunner runner = assembled.runner();

        List<CalibrationPoint> points = new CalibrationProcedure(controller, runner)
                .extendingTo(CalibrationProcedure.extensionFor(p))
                .run(CalibrationProcedure.plan(p, 26), new SimGauge(pen.handle()), (i, n, d, st, m) -> { });

        double deepestMeasured = points.stream().mapToDouble(CalibrationPoint::measuredMm).max().orElseThrow();
        System.out.printf("%s, deepest unit: %d points, deepest measured %.3f mm, hard stop %.3f mm%n", name,
                points.size(), deepestMeasured, p.collar().absoluteMaxDepthMm());
        assertThat(controller.status().fault()).isNull();
        assertThat(deepestMeasured).isGreaterThanOrEqualTo(p.depth().maxMm())
                .isLessThan(p.collar().absoluteMaxDepthMm());
    }
}
