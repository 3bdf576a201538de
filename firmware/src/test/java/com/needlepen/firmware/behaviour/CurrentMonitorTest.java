package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimulatedPenFactory;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The motor current as a real monitor reads it (the sim's INA219-class model: the unit's offset up
 * to ±20 mA, 10 mA rms noise, 0.2 mA steps) is as large as the 0.02 A braking current below which
 * parking takes the shaft as still. Read raw, a unit whose monitor reads high never looks still
 * (parking times out, F10) and one that reads low looks still while the shaft still turns. The
 * firmware zeroes the monitor at rest and averages it ({@code CurrentZero}): on the units with the
 * largest offsets of either sign among 400 simulated ones, the pen powers on, runs at 150 Hz and,
 * released, stops with the tips hidden within H04's 100 ms. The monitor's magnitude is its reading's, offset in (as
 * a Pi's INA226 driver reports it), so a unit with a negative offset reads its size at rest: the zero is taken on
 * the signed reading, by {@code CurrentZero} and by the winding probe (which, zeroing on the magnitude, measured no
 * current on the negative units and faulted F24 at every start).
 */
class CurrentMonitorTest {

    private static final long STOP_BOUND_NANOS = 100 * MS;

    /** The units whose monitors read furthest from zero, high and low. */
    static Stream<String> unitsWithTheLargestOffsets() {
        var serials = IntStream.range(0, 400).mapToObj(i -> String.format(Locale.ROOT, "np-sim-%04d", i)).toList();
        var byOffset = serials.stream().sorted((a, b) -> Double.compare(offset(a), offset(b))).toList();
        return Stream.of(byOffset.get(0), byOffset.get(1), byOffset.get(byOffset.size() - 2),
                byOffset.get(byOffset.size() - 1));
    }

    private static double offset(String serial) {
        return SimulatedPenFactory.create(com.needlepen.config.ProfileLoader.bundled("sim"), 12, serial, 1).handle()
                .currentMonitorOffsetAmps();
    }

    @ParameterizedTest(name = "unit {0}")
    @MethodSource("unitsWithTheLargestOffsets")
    void givenAMonitorWithALargeOffset_whenThePenPowersOnRunsAndIsReleased_thenItParksWithinTheStopBound(String unit) {
        PenBench bench = PenBench.sim("12-pin", 1.0, 150, unit, 9).insertCartridge().ready();
        double offset = bench.sim.currentMonitorOffsetAmps();
        assertThat(Math.abs(offset)).as("a unit near the part's limit").isGreaterThan(0.018);

        bench.sim.press(PanelButton.FOOTSWITCH);
        bench.running().run(S);
        long released = bench.now();
        bench.sim.release(PanelButton.FOOTSWITCH);
        boolean stopped = bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY
                && bench.sim.shaftAtRest(), 2 * S);
        long toReadyNanos = bench.now() - released;
        System.out.printf(Locale.ROOT, "unit %s, monitor offset %+.1f mA: released to parked and READY in %.1f ms,"
                + " tips at %.3f mm%n", unit, offset * 1e3, toReadyNanos / 1e6, bench.sim.tipProtrusionMm());
        assertThat(stopped).isTrue();
        assertThat(bench.controller.status().fault()).isNull();
        assertThat(toReadyNanos).isLessThanOrEqualTo(STOP_BOUND_NANOS);
        CamAngle.assertTipsHiddenByTheCam(bench.sim, bench.profile);
    }
}
