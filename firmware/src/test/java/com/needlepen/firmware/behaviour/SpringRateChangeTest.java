package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SpringCheck;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * H34 through rate changes (found by the safety property): a practitioner who keeps changing the
 * rate keeps the run from ever being spun up. {@link SpringCheck} used to judge only after spin-up,
 * so a broken spring went unseen for as long as the rate kept changing; it now judges from the
 * run's first measured rate, and a block a rate change falls in neither clears nor adds to its count.
 */
class SpringRateChangeTest {

    /** From the run's start to F25 with the rate changed every {@code everyMs}, broken before the start. */
    @Tag("H34")
    @ParameterizedTest(name = "rate changed every {0} ms, on skin {1}")
    @CsvSource({"120, false", "120, true", "60, false", "250, true"})
    void givenTheSpringBrokenAndTheRateChangedAgainAndAgain_thenF25LatchesWithin600msOfTheStart(long everyMs,
            boolean skin) {
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, 53, TelemetrySink.NONE,
                SafetyChecks::standard).insertCartridge().ready();
        bench.sim.setSkinContact(skin);
        // broken as the run starts: broken before it, the winding probe in CHECKING finds it first (SpringFailureTest)
        bench.click(PanelButton.START_STOP).running();
        bench.sim.inject(SimFault.SPRING_BROKEN);
        long started = bench.now();
        double[] rates = {150, 50, 100, 75, 125};
        for (int i = 0; bench.controller.status().state() == PenState.RUNNING && bench.now() - started < 2 * S; i++) {
            bench.controller.submit(Request.rate(rates[i % rates.length]));
            bench.runner.runUntil(() -> bench.controller.status().state() != PenState.RUNNING, everyMs * MS);
        }
        long ms = (bench.now() - started) / MS;
        System.out.printf("H34 through rate changes every %d ms, skin %s: %s after %d ms of running (spun up %s)%n",
                everyMs, skin, bench.controller.status().fault(), ms, bench.controller.status().spunUp());
        assertThat(bench.controller.status().state()).isEqualTo(PenState.FAULT);
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F25_SPRING_FAILED);
        assertThat(ms).as("ms from the run's start to F25").isLessThanOrEqualTo(600);
        bench.run(3 * S);
        // where the cam and the tips end is parking's, not this check's: with no spring to bring the cam down,
        // parking's 12 nudges do not always reach the index (open, docs/safety.md H34: in the 120 ms case on skin
        // the cam is left at -168°, creeping under the skin's push, the tips 0.99 mm out)
        System.out.printf("H34 through rate changes every %d ms, skin %s: after F25 the tips rest at %.3f mm%n", everyMs,
                skin, bench.sim.tipProtrusionMm());
    }
}
