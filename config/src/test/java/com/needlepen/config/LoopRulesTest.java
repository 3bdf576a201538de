package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.simWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The loop section: period, wait strategy and spin margin. */
class LoopRulesTest {

    @Test
    void givenNoWaitKeys_whenLoaded_thenTheShippedWaitIsUsed() {
        String yaml = simWith("  waitStrategy: park_then_spin   # or park; docs/performance.md measures both\n", "")
                .replace("  spinMarginMicros: 100          # parking ends this long before each deadline; the rest is spun\n", "");

        assertThat(ProfileLoader.parse(yaml, "ok.yaml").loop()).isEqualTo(new LoopSpec(1000, LoopSpec.Wait.PARK_THEN_SPIN, 100));
    }

    @Test
    void givenParkAlone_whenLoaded_thenItIsTaken() {
        String yaml = simWith("waitStrategy: park_then_spin", "waitStrategy: park");

        assertThat(ProfileLoader.parse(yaml, "ok.yaml").loop().waitStrategy()).isEqualTo(LoopSpec.Wait.PARK);
    }

    @Test
    void givenAnUnknownWait_whenLoaded_thenTheAllowedOnesAreNamed() {
        String yaml = simWith("waitStrategy: park_then_spin", "waitStrategy: sleep");

        assertError(loadError(yaml), "loop.waitStrategy", lineOf(yaml, "waitStrategy"),
                "'sleep' is not allowed; allowed 'park' or 'park_then_spin'");
    }

    @Test
    void givenASpinMarginOverHalfThePeriod_whenLoaded_thenRefused() {
        String yaml = simWith("spinMarginMicros: 100 ", "spinMarginMicros: 600 ");

        assertError(loadError(yaml), "loop.spinMarginMicros", lineOf(yaml, "spinMarginMicros"),
                "600 µs would spin more than half of every 1000 µs period; allowed at most loop.periodMicros / 2 = 500 µs");
    }
}
