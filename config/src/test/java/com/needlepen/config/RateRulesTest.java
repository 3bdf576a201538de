package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.simWith;

import org.junit.jupiter.api.Test;

class RateRulesTest {

    @Test
    void givenMinRateNotBelowMax_whenLoaded_thenMaxMustBeAbove() {
        String yaml = simWith("minHz: 50", "minHz: 150");

        assertError(loadError(yaml), "rate.maxHz", lineOf(yaml, "maxHz: 150"), "150 Hz must be above rate.minHz (150 Hz)");
    }

    @Test
    void givenZeroRateStep_whenLoaded_thenOutOfRange() {
        String yaml = simWith("stepHz: 5", "stepHz: 0");

        assertError(loadError(yaml), "rate.stepHz", lineOf(yaml, "stepHz"), "0 is out of range; allowed above 0 up to 50 Hz");
    }

    @Test
    void givenMaxRateAboveEveryCartridge_whenLoaded_thenRejectedAtRateMax() {
        String yaml = simWith("  maxHz: 150", "  maxHz: 160");

        assertError(loadError(yaml), "rate.maxHz", lineOf(yaml, "maxHz: 160"),
                "160 Hz is faster than any cartridge allows; allowed at most 150 Hz, the highest cartridges[].maxRateHz");
    }

    @Test
    void givenCartridgeFasterThanRateMax_whenLoaded_thenRejectedAtTheCartridge() {
        String yaml = simWith("{ name: 12-pin, needles: 12, maxRateHz: 150", "{ name: 12-pin, needles: 12, maxRateHz: 160");

        assertError(loadError(yaml), "cartridges[0].maxRateHz", lineOf(yaml, "12-pin"),
                "160 Hz is above rate.maxHz; allowed at most 150 Hz");
    }

    @Test
    void givenCartridgeSlowerThanRateMin_whenLoaded_thenItCouldNeverRun() {
        String yaml = simWith("{ name: 24-pin, needles: 24, maxRateHz: 150", "{ name: 24-pin, needles: 24, maxRateHz: 40");

        assertError(loadError(yaml), "cartridges[1].maxRateHz", lineOf(yaml, "24-pin"),
                "40 Hz is below rate.minHz, so cartridge '24-pin' could never run; allowed 50 to 150 Hz");
    }

    @Test
    void givenAWarmHandpieceRateOffTheStep_whenLoaded_thenRejectedNamingTheNearestAllowed() {
        // every rate the pen accepts is on the step, so an off-step limit could never be selected
        String yaml = simWith("warningMaxRateHz: 100", "warningMaxRateHz: 102");

        assertError(loadError(yaml), "safety.warningMaxRateHz", lineOf(yaml, "warningMaxRateHz"),
                "102 Hz is not a multiple of rate.stepHz (5 Hz); nearest allowed 100 or 105 Hz");
    }

    @Test
    void givenAPresetRateOffTheStep_whenLoaded_thenRejectedAtThePreset() {
        String yaml = simWith("{ name: cheeks, depthMm: 1.0, rateHz: 100 }", "{ name: cheeks, depthMm: 1.0, rateHz: 101 }");

        assertError(loadError(yaml), "presets[1].rateHz", lineOf(yaml, "name: cheeks"),
                "101 Hz is not a multiple of rate.stepHz (5 Hz); nearest allowed 100 or 105 Hz");
    }
}
