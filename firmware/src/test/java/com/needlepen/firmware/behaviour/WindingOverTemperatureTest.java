package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.drive.WindingProbe;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.WindingTemperatureCheck;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H33, the winding over its rated temperature while the handpiece reads fine: a winding that has lost its
 * path for heat ({@link SimFault#WINDING_HOT}) runs far above the shell. The firmware measures the
 * winding's resistance at rest before every start ({@link WindingProbe}: a small current into the still
 * winding, the cam held a few degrees from its lowest point by the spring) and latches F24 before the
 * needles move. Without the check the next run takes the winding past its insulation's class B 130 °C.
 */
class WindingOverTemperatureTest {

    static final double CLASS_B_CELSIUS = 130.0;

    private record Bench(PenBench bench, AtomicReference<StrokeDrive> drive) {
    }

    private static Bench bench(boolean withCheck) {
        AtomicReference<StrokeDrive> drive = new AtomicReference<>();
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "36-pin", 1.0, 150, 7, TelemetrySink.NONE, in -> {
            drive.set(in.drive());
            List<SafetyCheck> checks = new ArrayList<>(SafetyChecks.standard(in));
            if (!withCheck) {
                checks.removeIf(WindingTemperatureCheck.class::isInstance);
                // the running estimate starts from that measurement and would refuse the start too (F24 in CHECKING)
                checks.removeIf(com.needlepen.firmware.safety.WindingEstimateCheck.class::isInstance);
            }
            return checks;
        }).insertCartridge().ready();
        bench.sim.setSkinContact(true);
        return new Bench(bench, drive);
    }

    private static double reading(PenBench bench) {
        return bench.pen.hardware().sensors().handpieceCelsius();
    }

    /** Starts (through CHECKING, where the winding is measured), watching the cam; returns the largest cam angle. */
    private static double startWatchingTheCam(PenBench bench) {
        bench.sim.press(PanelButton.START_STOP);
        double widest = 0;
        for (int ms = 0; ms < 5_000; ms++) {
            bench.run(MS);
            if (ms == 20) {
                bench.sim.release(PanelButton.START_STOP);
            }
            PenState state = bench.controller.status().state();
            if (state == PenState.RUNNING || state == PenState.FAULT) {
                break;
            }
            widest = Math.max(widest, Math.abs(bench.sim.camAngleDeg()));
            assertThat(bench.sim.tipProtrusionMm()).as("tips hidden while the winding is measured")
                    .isLessThanOrEqualTo(-bench.profile.collar().minRecessMm());
        }
        return widest;
    }

    private static void stop(PenBench bench) {
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, 2 * S)).isTrue();
    }

    @Tag("H33")
    @Test
    void givenAColdWinding_whenStarted_thenItsResistanceIsMeasuredWithTheCamInTheIndexWindowAndTheRunStarts() {
        Bench b = bench(true);
        double widest = startWatchingTheCam(b.bench);
        WindingProbe probe = b.drive.get().windingProbe();
        assertThat(b.bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(probe.measurements()).isEqualTo(1);
        assertThat(probe.lastOhms()).as("measured against true %.4f ohm", b.bench.sim.windingOhms())
                .isCloseTo(b.bench.sim.windingOhms(), org.assertj.core.data.Percentage.withPercentage(6));
        System.out.printf("H33: cold winding measured %.4f ohm (true %.4f) at %.1f mA; the cam at most %.2f° from its"
                + " lowest point%n", probe.lastOhms(), b.bench.sim.windingOhms(), probe.lastAmps() * 1e3, widest);
        assertThat(widest).as("the cam stays in the index window (±10°), the tips hidden").isLessThan(8.0);
        // a second start, after a run, measures a warm winding within a few kelvin of the truth
        b.bench.run(60 * S);
        stop(b.bench);
        double trueWinding = b.bench.sim.windingCelsius();
        startWatchingTheCam(b.bench);
        assertThat(b.bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        System.out.printf("H33: after a minute at 150 Hz: winding measured %.1f °C, true %.1f °C%n", probe.lastCelsius(),
                trueWinding);
        assertThat(probe.lastCelsius()).isCloseTo(trueWinding, org.assertj.core.data.Offset.offset(15.0));
    }

    @Tag("H33")
    @Test
    void givenTheWindingHot_whenItsRunHasHeatedItPastItsRating_thenTheNextStartLatchesF24BeforeTheNeedlesMove() {
        Bench b = bench(true);
        PenBench bench = b.bench;
        bench.click(PanelButton.START_STOP).running().spunUp();
        bench.sim.inject(SimFault.WINDING_HOT);
        double rating = bench.profile.motor().maxWindingCelsius();
        assertThat(bench.runner.runUntil(() -> bench.sim.windingCelsius() > rating + 5.0, 30 * 60 * S)).isTrue();
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        double readingThen = reading(bench);
        stop(bench);
        double turnsBefore = bench.sim.shaftTurns();
        long before = bench.now();
        double widest = startWatchingTheCam(bench);
        long ms = (bench.now() - before) / MS;
        System.out.printf("H33: winding %.1f °C (thermistor %.1f °C): %s %d ms after the start was pressed: %s%n",
                bench.sim.windingCelsius(), readingThen, bench.controller.status().fault(), ms,
                bench.controller.status().faultDetail());
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F24_WINDING_OVERTEMP);
        assertThat(ms).as("ms from the start's press to F24").isLessThanOrEqualTo(WindingProbeBound.MILLIS);
        assertThat(readingThen).as("the handpiece thermistor read nothing amiss").isLessThan(bench.profile.safety().warningCelsius());
        assertThat(bench.sim.shaftTurns() - turnsBefore).as("the needles never moved").isLessThan(0.05);
        assertThat(widest).isLessThan(8.0);
        CamAngle.assertTipsHiddenByTheCam(bench.sim, bench.profile);
    }

    @Tag("H33")
    @Test
    void givenTheWindingHotWithoutTheCheck_whenTheNextRunStarts_thenTheWindingPassesClassBWhileTheThermistorReadsFine() {
        Bench b = bench(false);
        PenBench bench = b.bench;
        bench.click(PanelButton.START_STOP).running().spunUp();
        bench.sim.inject(SimFault.WINDING_HOT);
        double rating = bench.profile.motor().maxWindingCelsius();
        assertThat(bench.runner.runUntil(() -> bench.sim.windingCelsius() > rating + 5.0, 30 * 60 * S)).isTrue();
        stop(bench);
        bench.click(PanelButton.START_STOP).running();
        double highestReading = Double.NEGATIVE_INFINITY;
        long s = 0;
        while (s < 30 * 60 && bench.sim.windingCelsius() <= CLASS_B_CELSIUS
                && bench.controller.status().state() == PenState.RUNNING) {
            bench.run(S);
            s++;
            highestReading = Math.max(highestReading, reading(bench));
        }
        System.out.printf("H33 without the check: the next run took the winding to %.1f °C after %d s, the thermistor"
                + " reading at most %.1f °C (%s)%n", bench.sim.windingCelsius(), s, highestReading,
                bench.controller.status().state());
        assertThat(bench.sim.windingCelsius()).as("the winding past its insulation's class").isGreaterThan(CLASS_B_CELSIUS);
        assertThat(highestReading).isLessThan(bench.profile.safety().warningCelsius());
    }

    /** The bound: the zero check and the measurement run together; the measurement (1.25 s) ends within {@value #MILLIS} ms of the press. */
    static final class WindingProbeBound {
        static final long MILLIS = 1_500;
    }
}
