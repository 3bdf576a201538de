package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.replaceOnce;
import static com.needlepen.config.ProfileYaml.simWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PresetRulesTest {

    @Test
    void givenTwoPresetsWithOneName_whenLoaded_thenDuplicateAtTheSecond() {
        String yaml = simWith("{ name: cheeks,", "{ name: forehead,");

        assertError(loadError(yaml), "presets[1].name", lineOf(yaml, "depthMm: 1.0"),
                "'forehead' is a duplicate name; already used by presets[0] on line " + lineOf(yaml, "depthMm: 0.5"));
    }

    @Test
    void givenPresetWithEmptyName_whenLoaded_thenRejected() {
        String yaml = simWith("{ name: cheeks,", "{ name: '',");

        assertError(loadError(yaml), "presets[1].name", lineOf(yaml, "depthMm: 1.0"), "must not be empty");
    }

    @Test
    void givenPresetDeeperThanTheCeiling_whenLoaded_thenAboveTheCeiling() {
        String yaml = simWith("{ name: acne-scars, depthMm: 1.5", "{ name: acne-scars, depthMm: 2.0");

        assertError(loadError(yaml), "presets[2].depthMm", lineOf(yaml, "acne-scars"),
                "preset 'acne-scars' depth 2 mm is above the 1.5 mm ceiling; allowed 0 to 1.5 mm");
    }

    @Test
    void givenPresetDeeperThanTheCeilingWithUnlock_whenLoaded_thenAccepted() {
        String yaml = replaceOnce(simWith("{ name: acne-scars, depthMm: 1.5", "{ name: acne-scars, depthMm: 2.0"),
                "unlockAboveCeiling: false", "unlockAboveCeiling: true");

        assertThat(ProfileLoader.parse(yaml, "ok.yaml").preset("acne-scars")).get()
                .extracting(Preset::depthMm).isEqualTo(2.0);
    }

    @Test
    void givenPresetDeeperThanMaxWithUnlock_whenLoaded_thenAboveTheMax() {
        String yaml = replaceOnce(simWith("{ name: acne-scars, depthMm: 1.5", "{ name: acne-scars, depthMm: 3.0"),
                "unlockAboveCeiling: false", "unlockAboveCeiling: true");

        assertError(loadError(yaml), "presets[2].depthMm", lineOf(yaml, "acne-scars"),
                "preset 'acne-scars' depth 3 mm is above the depth.maxMm of 2.5 mm; allowed 0 to 2.5 mm");
    }

    @Test
    void givenPresetShallowerThanMin_whenLoaded_thenBelowMin() {
        String yaml = simWith("{ name: forehead, depthMm: 0.5", "{ name: forehead, depthMm: -0.5");

        assertError(loadError(yaml), "presets[0].depthMm", lineOf(yaml, "forehead"),
                "preset 'forehead' depth -0.5 mm is below depth.minMm; allowed 0 to 1.5 mm");
    }

    @Test
    void givenPresetOffTheDepthGrid_whenLoaded_thenNotAMultiple() {
        String yaml = simWith("{ name: cheeks, depthMm: 1.0", "{ name: cheeks, depthMm: 1.02");

        assertError(loadError(yaml), "presets[1].depthMm", lineOf(yaml, "cheeks"),
                "1.02 mm is not a multiple of depth.stepMm (0.05 mm); nearest allowed 1 or 1.05 mm");
    }

    @Test
    void givenPresetFasterThanRateMax_whenLoaded_thenOutOfRange() {
        String yaml = simWith("{ name: forehead, depthMm: 0.5, rateHz: 120 }", "{ name: forehead, depthMm: 0.5, rateHz: 200 }");

        assertError(loadError(yaml), "presets[0].rateHz", lineOf(yaml, "forehead"),
                "preset 'forehead' rate 200 Hz is out of range; allowed rate.minHz to rate.maxHz, 50 to 150 Hz");
    }

    @Test
    void givenPresetSlowerThanRateMin_whenLoaded_thenOutOfRange() {
        String yaml = simWith("{ name: cheeks, depthMm: 1.0, rateHz: 100 }", "{ name: cheeks, depthMm: 1.0, rateHz: 40 }");

        assertError(loadError(yaml), "presets[1].rateHz", lineOf(yaml, "cheeks"), "rate 40 Hz is out of range; allowed");
    }

    @Test
    void givenNoPresets_whenLoaded_thenAcceptedWithAnEmptyList() {
        String yaml = simWith("""
                presets:
                  - { name: forehead, depthMm: 0.5, rateHz: 120 }
                  - { name: cheeks, depthMm: 1.0, rateHz: 100 }
                  - { name: acne-scars, depthMm: 1.5, rateHz: 100 }
                """, "presets: []\n");

        assertThat(ProfileLoader.parse(yaml, "ok.yaml").presets()).isEmpty();
    }
}
