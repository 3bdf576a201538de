package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.Pen;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.drive.WindingEstimate;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.WindingEstimateCheck;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import com.needlepen.hal.sim.SimHandle;
import com.needlepen.hal.sim.SimParameters;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.hal.sim.SimulatedPenFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H33 while running: the winding's temperature estimated from the measured current through a first-order
 * model of the winding ({@link WindingEstimate}), started from the probe's measurement before the run, judged
 * by {@link WindingEstimateCheck} (F24 while the needles run). A winding that has lost its path for heat
 * ({@link SimFault#WINDING_HOT}) shows it at the next start (it measures far above what the model allows), and
 * from then the model keeps all its heat: the run on it ends with F24 before the winding passes its
 * insulation's class. Without the check the same run takes the winding past 130 °C. And the estimate is never
 * cooler than the true winding by more than the start's measurement error, on every unit the safety property
 * draws, at the lowest supply, under a heavy load that holds the shaft below its rate without jamming it.
 */
class WindingRunningEstimateTest {

    static final double CLASS_B_CELSIUS = 130.0;
    /** How much cooler than the true winding the estimate may be: the probe's measurement at the start (σ 3 K). */
    static final double MARGIN_K = 6.0;
    /** The first run, on a winding that has lost its path, before the start that shows it. */
    static final long FIRST_RUN_NANOS = 150 * S;

    private record Bench(PenBench bench, AtomicReference<StrokeDrive> drive) {
    }

    private static Bench bench(boolean withCheck) {
        AtomicReference<StrokeDrive> drive = new AtomicReference<>();
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "36-pin", 1.0, 150, 7, TelemetrySink.NONE, in -> {
            drive.set(in.drive());
            List<SafetyCheck> checks = new ArrayList<>(SafetyChecks.standard(in));
            if (!withCheck) {
                checks.removeIf(WindingEstimateCheck.class::isInstance);
            }
            return checks;
        }).insertCartridge().ready();
        bench.sim.setSkinContact(true);
        return new Bench(bench, drive);
    }

    private static void stop(PenBench bench) {
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, 2 * S)).isTrue();
    }

    /** The winding loses its path before a first run of 150 s at 150 Hz on skin; stopped, and started again. */
    private static void aFirstRunOnALostPathThenStartAgain(Bench b) {
        PenBench bench = b.bench;
        bench.sim.inject(SimFault.WINDING_HOT);
        bench.click(PanelButton.START_STOP).running().spunUp();
        bench.run(FIRST_RUN_NANOS);
        assertThat(bench.controller.status().state()).as("the first run is not seen").isEqualTo(PenState.RUNNING);
        assertThat(b.drive.get().windingEstimate().pathLost()).isFalse();
        double trueAtStop = bench.sim.windingCelsius();
        double estimateAtStop = b.drive.get().windingEstimate().celsius();
        stop(bench);
        System.out.printf(Locale.ROOT, "H33 running: after %d s at 150 Hz on a lost path the winding is at %.1f °C, the"
                + " estimate (design path) %.1f °C%n", FIRST_RUN_NANOS / S, trueAtStop, estimateAtStop);
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() != PenState.CHECKING
                && bench.controller.status().state() != PenState.READY, 5 * S)).isTrue();
    }

    @Tag("H33")
    @Test
    void givenTheWindingsPathLost_whenTheNextRunHeatsIt_thenTheRunningEstimateLatchesF24WhileRunningBeforeClassB() {
        Bench b = bench(true);
        PenBench bench = b.bench;
        aFirstRunOnALostPathThenStartAgain(b);
        WindingEstimate estimate = b.drive.get().windingEstimate();
        assertThat(bench.controller.status().state()).as("measured under its rating: the run starts").isEqualTo(PenState.RUNNING);
        assertThat(estimate.pathLost()).as("the start's measurement shows the path lost").isTrue();
        long runStart = bench.now();
        double hottest = bench.sim.windingCelsius();
        while (bench.controller.status().state() == PenState.RUNNING && bench.now() - runStart < 20 * 60 * S) {
            bench.run(10 * MS);
            hottest = Math.max(hottest, bench.sim.windingCelsius());
            assertThat(estimate.celsius()).as("the estimate never below the truth").isGreaterThanOrEqualTo(
                    bench.sim.windingCelsius() - MARGIN_K);
        }
        System.out.printf(Locale.ROOT, "H33 running: %s %.1f s into the second run, the winding truly at %.1f °C (estimate"
                + " %.1f °C): %s%n", bench.controller.status().fault(), (bench.now() - runStart) / 1e9,
                bench.sim.windingCelsius(), estimate.celsius(), bench.controller.status().faultDetail());
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F24_WINDING_OVERTEMP);
        assertThat(bench.controller.status().faultDetail()).contains("while running").contains("path for heat lost");
        assertThat(hottest).as("F24 before the winding passes its rating, far before its class")
                .isLessThan(bench.profile.motor().maxWindingCelsius());
        bench.run(1 * S);
        CamAngle.assertTipsHiddenByTheCam(bench.sim, bench.profile);
        assertThat(bench.sim.shaftAtRest()).isTrue();
    }

    @Tag("H33")
    @Test
    void givenTheWindingsPathLostWithoutTheRunningCheck_whenTheNextRunGoesOn_thenTheWindingPassesClassB() {
        Bench b = bench(false);
        PenBench bench = b.bench;
        aFirstRunOnALostPathThenStartAgain(b);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        long runStart = bench.now();
        while (bench.controller.status().state() == PenState.RUNNING && bench.sim.windingCelsius() <= CLASS_B_CELSIUS
                && bench.now() - runStart < 20 * 60 * S) {
            bench.run(S);
        }
        System.out.printf(Locale.ROOT, "H33 running, without the check: the second run took the winding to %.1f °C after"
                + " %d s (%s)%n", bench.sim.windingCelsius(), (bench.now() - runStart) / S, bench.controller.status().state());
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(bench.sim.windingCelsius()).isGreaterThan(CLASS_B_CELSIUS);
    }

    /**
     * A unit drawn by the safety property, at the profile's lowest supply, in a 40 °C room, the 36-pin on skin at
     * 150 Hz with the follower at its end-of-life friction: a load that holds the shaft below its rate (the
     * regulator at its highest duty, current high) without jamming it. Every 10 ms for two minutes of running,
     * the estimate is no cooler than the true winding by more than {@value #MARGIN_K} K.
     */
    @Tag("H33")
    @Test
    void givenEveryUnitThePropertyDrawsAtTheLowestSupplyUnderAHeavyLoad_thenTheEstimateIsNeverCoolerThanTheWinding() {
        DeviceProfile p = ProfileLoader.bundled("sim");
        for (String unit : SafetyProperties.UNITS) {
            for (boolean hotWinding : new boolean[] {false, true}) {
                SimParameters params = SimulatedPenFactory.parameters(p, 36, unit, 7);
                var m = params.motor();
                double hot = hotWinding ? p.motorLimits().hotResistanceOhm() / p.motor().resistanceOhm20C() : 1.0;
                var motor = new SimParameters.Motor(m.torqueConstantNmPerA(), m.resistanceOhm20C() * hot, m.inertiaKgM2(),
                        m.frictionTorqueNm(), m.staticFrictionTorqueNm(), m.viscousNmPerRadPerS(), m.deadmanNanos(),
                        m.enableTimerNanos());
                SimPen pen = new SimPen(new SimParameters(motor, params.cam(), params.skin(), params.index(),
                        params.collar(), params.thermal(), p.supply().minVolts(), params.substepNanos(),
                        params.gaugeSigmaMm(), params.seed()), SimulatedPenFactory.SIM_EPOCH_MILLIS,
                        SimulatedPenFactory.handpieceIdOf(unit));
                SimHandle sim = pen.handle();
                sim.soakAt(40.0);
                AtomicReference<StrokeDrive> drive = new AtomicReference<>();
                Pen assembled = PenBench.assemble(pen, p, a -> a.unit(unit).settings(1.0, 150).safetyChecksForTest(in -> {
                    drive.set(in.drive());
                    // the seized follower's drag is F36 on skin (H53); left out, it is the heaviest load the winding sees
                    return FollowerFrictionTest.withoutTheDragCheck(in);
                }));
                var c = assembled.controller();
                var runner = assembled.runner();
                sim.insertCartridge(new CartridgeInfo("HEAVY-" + unit, 36));
                assertThat(runner.runUntil(() -> c.status().readyToStart(), 20 * S)).isTrue();
                sim.setSkinContact(true);
                sim.press(PanelButton.START_STOP);
                runner.runUntil(() -> false, 30 * MS);
                sim.release(PanelButton.START_STOP);
                assertThat(runner.runUntil(() -> c.status().state() == PenState.RUNNING, 5 * S)).isTrue();
                sim.setFollowerFriction(SimHandle.FOLLOWER_FRICTION_WORST);
                WindingEstimate e = drive.get().windingEstimate();
                double worst = Double.NEGATIVE_INFINITY;
                double hottest = Double.NEGATIVE_INFINITY;
                double amps = 0;
                long start = runner.nowNanos();
                while (c.status().state() == PenState.RUNNING && runner.nowNanos() - start < 120 * S) {
                    runner.runUntil(() -> false, 10 * MS);
                    worst = Math.max(worst, sim.windingCelsius() - e.celsius());
                    hottest = Math.max(hottest, sim.windingCelsius());
                    amps = Math.max(amps, sim.motorCurrentAmps());
                }
                System.out.printf(Locale.ROOT, "H33 estimate, %s%s at %.1f V, 36-pin on skin at 150 Hz, follower mu %.1f, 40 °C"
                        + " room: %.0f s running (%s), winding up to %.1f °C, estimate %.1f °C at the end, at most %.2f K"
                        + " cooler than the truth (shaft %.0f Hz, current up to %.2f A)%n", unit, hotWinding ? " (hot R)" : "",
                        p.supply().minVolts(), SimHandle.FOLLOWER_FRICTION_WORST, (runner.nowNanos() - start) / 1e9,
                        c.status().fault() == null ? "running" : c.status().fault(), hottest, e.celsius(), worst,
                        sim.shaftRateHz(), amps);
                assertThat(worst).as("%s: the estimate's shortfall", unit).isLessThanOrEqualTo(MARGIN_K);
                assertThat(c.status().fault()).as("no F24 from a sound winding").isNotEqualTo(FaultCode.F24_WINDING_OVERTEMP);
            }
        }
    }
}
