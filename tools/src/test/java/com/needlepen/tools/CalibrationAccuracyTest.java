package com.needlepen.tools;

import com.needlepen.firmware.behaviour.PenBench;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationFit;
import com.needlepen.config.calibration.CalibrationPoint;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.tools.calibration.CalibrationProcedure;
import com.needlepen.tools.calibration.SimGauge;
import com.needlepen.hal.sim.SimulatedPenFactory;
import com.needlepen.firmware.loop.SimulationRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The calibration's promise, on the simulated pen: uncalibrated the tips are off by a tenth of a
 * millimetre; after {@code calibrate --from-sim} they reach the set depth within ±0.02 mm at 50 and
 * 150 Hz under skin load, at 20 depths that were not calibration points, in a run whose noise seed
 * is not the calibration's. The skin is pressed at 5 N, which the collar carries (H42): the calibration
 * is made under the fixture's 5 N and the collar's moves end on the flank the press bears on; made in
 * air with moves ending deeper, as before, the needles go deeper than set by more than the tolerance.
 */
class CalibrationAccuracyTest {

    private static final String UNIT = "np-sim-0001";
    private static final long CALIBRATION_SEED = 101;
    private static final long RUN_SEED = 202;

    /** The sim profile with depths above the 1.5 mm ceiling unlocked, so the whole range can be checked. */
    static DeviceProfile unlocked() {
        String yaml = new String(readResource("/profiles/sim.yaml")).replace("unlockAboveCeiling: false",
                "unlockAboveCeiling: true");
        return ProfileLoader.parse(yaml, "sim-unlocked.yaml");
    }

    private static byte[] readResource(String name) {
        try (var in = CalibrationAccuracyTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    record Rig(SimPen pen, PenController controller, SimulationRunner runner) {
    }

    static Rig rig(DeviceProfile profile, long seed, DepthCalibration calibration, double depth, double rate) {
        return rig(profile, seed, calibration, depth, rate, true);
    }

    /** {@code loadAware} false: the collar's moves end moving deeper, as before H42. */
    static Rig rig(DeviceProfile profile, long seed, DepthCalibration calibration, double depth, double rate,
            boolean loadAware) {
        SimPen pen = SimulatedPenFactory.create(profile, 12, UNIT, seed);
        pen.handle().insertCartridge(new CartridgeInfo("CART-CAL", 12));
        var assembled = PenBench.assemble(pen, profile, a -> {
            var built = a.settings(depth, rate).calibration(calibration);
            return loadAware ? built : built.collarMovesEndDeeperForTest();
        });
        return new Rig(pen, assembled.controller(), assembled.runner());
    }

    static Calibration calibrate(DeviceProfile profile, int points) {
        return calibrate(profile, points, true);
    }

    /**
     * {@code calibrate --from-sim}'s procedure; {@code loadAware} false: the gauge read in air and the
     * collar's moves ending deeper, as before H42.
     */
    static Calibration calibrate(DeviceProfile profile, int points, boolean loadAware) {
        Rig rig = rig(profile, CALIBRATION_SEED, DepthCalibration.unusable(profile.collar(), "not calibrated"), 1.0, 100,
                loadAware);
        SimGauge gauge = loadAware ? new SimGauge(rig.pen().handle()) : new SimGauge(rig.pen().handle(), 0.0);
        List<CalibrationPoint> measured = new CalibrationProcedure(rig.controller(), rig.runner())
                .extendingTo(CalibrationProcedure.extensionFor(profile))
                .run(CalibrationProcedure.plan(profile, points), gauge, (i, n, d, s, m) -> { });
        return new Calibration("test-cal", SimulatedPenFactory.handpieceIdOf(UNIT).toString(), profile.name(), "test", 0,
                false, 0, "test", CalibrationFit.MODEL,
                measured, CalibrationFit.leaveOneOutResiduals(measured), profile.calibration().toleranceMm());
    }

    @Tag("H42")
    @Test
    void givenTheSimPenWhenCalibratedFromTheSimGaugeThenTrueDepthIsWithinTwoHundredthsAtFiftyAndOneFiftyHz() {
        DeviceProfile profile = unlocked();
        List<Double> depths = depths();

        double before = worstError(profile, DepthCalibration.nominalForTestBench(profile.collar()), depths, 100);
        System.out.printf("before calibration: worst true depth error over 0.25-2.45 mm = %.4f mm%n", before);
        assertThat(before).isGreaterThan(0.05);

        Calibration calibration = calibrate(profile, 26);
        System.out.printf("calibration: %d points, worst leave-one-out residual %.4f mm%n", calibration.points().size(),
                calibration.worstResidualMm());
        assertThat(calibration.passed()).isTrue();
        assertThat(calibration.points()).extracting(CalibrationPoint::commandedMm).doesNotContainAnyElementsOf(depths);

        for (double rate : new double[] {50, 150}) {
            double after = worstError(profile, DepthCalibration.of(calibration), depths, rate);
            System.out.printf("H42: after calibration under load, at %.0f Hz on skin pressed at %.0f N: worst |peak - set|"
                    + " = %.4f mm%n", rate, PRESS_N, after);
            assertThat(after).isLessThanOrEqualTo(0.02);
        }
        // the practitioner's press is not always 5 N: at either end of 2 to 10 N only the thread's give differs
        for (double press : new double[] {2, 10}) {
            double after = worstSignedError(profile, DepthCalibration.of(calibration), depths, 150, true, press);
            System.out.printf("H42: after calibration under load, at 150 Hz on skin pressed at %.0f N: worst peak - set"
                    + " = %+.4f mm%n", press, after);
            assertThat(Math.abs(after)).isLessThanOrEqualTo(0.02);
        }
    }

    /**
     * H42 without the load-aware approach: calibrated in air with the collar's moves ending deeper (as
     * before), the collar rests on the flank the skin's press pushes it off; on skin at 5 N it comes
     * over the play and the thread gives, so the needles go deeper than set by more than the tolerance.
     */
    @Tag("H42")
    @Test
    void givenACalibrationInAirWithMovesEndingDeeper_thenUnderA5NPressTheNeedlesGoDeeperThanTheTolerance() {
        DeviceProfile profile = unlocked();
        List<Double> depths = depths();
        Calibration calibration = calibrate(profile, 26, false);
        assertThat(calibration.passed()).as("in air the calibration itself looks fine").isTrue();
        for (double rate : new double[] {50, 150}) {
            double worst = worstSignedError(profile, DepthCalibration.of(calibration), depths, rate, false);
            System.out.printf("H42 without the load-aware approach (calibrated in air, moves ending deeper), at %.0f Hz"
                    + " on skin pressed at %.0f N: worst peak - set = %+.4f mm%n", rate, PRESS_N, worst);
            assertThat(worst).as("deeper than set beyond the 0.02 mm tolerance").isGreaterThan(0.02);
        }
    }

    static List<Double> depths() {
        List<Double> depths = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            depths.add(0.25 + 0.1 * i + (i >= 10 ? 0.1 : 0.0)); // 0.25 ... 2.45, every x.x5: none is a calibration point
        }
        return depths;
    }

    /** Runs at {@code rate} on skin, sets each depth as a practitioner would, and returns the worst |true peak - set|. */
    static double worstError(DeviceProfile profile, DepthCalibration calibration, List<Double> depths, double rate) {
        return Math.abs(worstSignedError(profile, calibration, depths, rate, true));
    }

    /** The practitioner's press on skin in these runs, N: the middle of the 2 to 10 N a pen is pressed with. */
    static final double PRESS_N = 5.0;

    /** As {@link #worstError}, signed (positive: deeper than set) and largest in magnitude. */
    static double worstSignedError(DeviceProfile profile, DepthCalibration calibration, List<Double> depths, double rate,
            boolean loadAware) {
        return worstSignedError(profile, calibration, depths, rate, loadAware, PRESS_N);
    }

    static double worstSignedError(DeviceProfile profile, DepthCalibration calibration, List<Double> depths, double rate,
            boolean loadAware, double pressN) {
        Rig rig = rig(profile, RUN_SEED, calibration, depths.get(0), rate, loadAware);
        var sim = rig.pen().handle();
        assertThat(rig.runner().runUntil(() -> rig.controller().status().readyToStart(), 30 * S)).isTrue();
        // the practitioner unlocks depths above the ceiling at the session's start, on the panel
        rig.controller().submit(Request.depth(profile.depth().selectableMaxMm()));
        rig.runner().runFor(2 * MS);
        rig.controller().submit(Request.confirm());
        rig.runner().runFor(2 * MS);
        assertThat(rig.runner().runUntil(() -> rig.controller().status().readyToStart(), 30 * S)).isTrue();
        sim.setPressForceN(pressN);
        sim.setSkinContact(true);
        sim.press(PanelButton.START_STOP);
        rig.runner().runFor(20 * MS);
        sim.release(PanelButton.START_STOP);
        assertThat(rig.runner().runUntil(() -> rig.controller().status().spunUp(), 5 * S)).as("spin-up").isTrue();
        double worst = 0;
        double step = profile.depth().stepMm();
        for (double depth : depths) {
            // deeper a step at a time, as the panel's depth button goes while the needles run (H27); shallower at once
            double set = rig.controller().status().depthMm();
            do {
                set = depth > set ? Math.min(depth, Math.round((set + step) * 1e6) / 1e6) : depth;
                rig.controller().submit(Request.depth(set));
                rig.runner().runFor(2 * MS);
                assertThat(rig.runner().runUntil(() -> rig.controller().status().collarSettled(), 5 * S)).isTrue();
            } while (set != depth);
            assertThat(rig.controller().status().depthMm()).as(rig.controller().status().lastRefusal()).isEqualTo(depth);
            rig.runner().runFor(100 * MS);
            sim.resetPeakProtrusion();
            rig.runner().runFor(300 * MS);
            assertThat(rig.controller().status().state()).as("%s %s at %.2f mm", rig.controller().status().fault(), rig.controller().status().faultDetail(), depth).isEqualTo(PenState.RUNNING);
            double error = sim.peakProtrusionMm() - depth;
            if (Math.abs(error) > Math.abs(worst)) {
                worst = error;
            }
        }
        return worst;
    }
}
