package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.simWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafetySpecTest {

    @Test
    void givenTheSimProfile_whenLoaded_thenItsSafetyLimitsAreAsWritten() {
        assertThat(ProfileLoader.bundled("sim").safety()).isEqualTo(new SafetySpec(39, 100, 41, 30, 20, 10));
    }

    @Test
    void givenACutOffAboveTheAppliedPartLimit_whenLoaded_thenOutOfRange() {
        String yaml = simWith("cutoffCelsius: 41", "cutoffCelsius: 45");
        assertError(loadError(yaml), "safety.cutoffCelsius", lineOf(yaml, "cutoffCelsius"),
                "45 is out of range; allowed 30 to 41 °C");
    }

    @Test
    void givenAWarningNotBelowTheCutOff_whenLoaded_thenRejected() {
        String yaml = simWith("warningCelsius: 39", "warningCelsius: 41");
        assertError(loadError(yaml), "safety.warningCelsius", lineOf(yaml, "warningCelsius"),
                "41 °C is not below the 41 °C cut-off");
    }

    @Test
    void givenAWarningRateOutsideTheRateRange_whenLoaded_thenRejected() {
        String yaml = simWith("warningMaxRateHz: 100", "warningMaxRateHz: 160");
        assertError(loadError(yaml), "safety.warningMaxRateHz", lineOf(yaml, "warningMaxRateHz"),
                "160 Hz is outside the rate range; allowed rate.minHz to rate.maxHz, 50 to 150 Hz");
    }

    @Test
    void givenAnOverrunBudgetLongerThanTheDeadman_whenLoaded_thenRejected() {
        String yaml = simWith("loopOverrunBudgetMillis: 20", "loopOverrunBudgetMillis: 60");
        assertError(loadError(yaml), "safety.loopOverrunBudgetMillis", lineOf(yaml, "loopOverrunBudgetMillis"),
                "60 ms is not below the 50 ms dead-man");
    }

    @Test
    void givenAnIdleCloseLongerThanAnHour_whenLoaded_thenOutOfRange() {
        String yaml = simWith("sessionIdleCloseMinutes: 10", "sessionIdleCloseMinutes: 90");
        assertError(loadError(yaml), "safety.sessionIdleCloseMinutes", lineOf(yaml, "sessionIdleCloseMinutes"),
                "90 is out of range; allowed above 0 up to 60 min");
    }

    @Test
    void givenNoIdleClose_whenLoaded_thenTenMinutes() throws Exception {
        String yaml = simWith("  sessionIdleCloseMinutes: 10  # an open session with no run for this long closes itself: one"
                + " session, one client\n", "");
        assertThat(ProfileLoader.parse(yaml, "sim-without-idle.yaml").safety().sessionIdleCloseNanos())
                .isEqualTo(600_000_000_000L);
    }
}
