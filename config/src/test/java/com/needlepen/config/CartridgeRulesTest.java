package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.simWith;

import org.junit.jupiter.api.Test;

class CartridgeRulesTest {

    @Test
    void givenNoCartridges_whenLoaded_thenAtLeastOneRequired() {
        String yaml = simWith("""
                cartridges:
                  - { name: 12-pin, needles: 12, maxRateHz: 150, maxDepthMm: 2.5 }
                  - { name: 24-pin, needles: 24, maxRateHz: 150, maxDepthMm: 2.0 }
                  - { name: 36-pin, needles: 36, maxRateHz: 150, maxDepthMm: 1.5 }
                """, "cartridges: []\n");

        assertError(loadError(yaml), "cartridges", lineOf(yaml, "cartridges:"), "at least one cartridge type is required");
    }

    @Test
    void givenTwoCartridgesWithOneName_whenLoaded_thenDuplicateAtTheSecond() {
        String yaml = simWith("{ name: 24-pin,", "{ name: 12-pin,");

        assertError(loadError(yaml), "cartridges[1].name", lineOf(yaml, "needles: 24"),
                "'12-pin' is a duplicate name; already used by cartridges[0] on line " + lineOf(yaml, "needles: 12"));
    }

    @Test
    void givenZeroNeedles_whenLoaded_thenOutOfRange() {
        String yaml = simWith("needles: 12,", "needles: 0,");

        assertError(loadError(yaml), "cartridges[0].needles", lineOf(yaml, "12-pin"), "0 is out of range; allowed 1 to 100 needles");
    }

    @Test
    void givenTooManyNeedles_whenLoaded_thenOutOfRange() {
        String yaml = simWith("needles: 36,", "needles: 101,");

        assertError(loadError(yaml), "cartridges[2].needles", lineOf(yaml, "36-pin"), "101 is out of range; allowed 1 to 100 needles");
    }

    @Test
    void givenCartridgeDeeperThanDepthMax_whenLoaded_thenRejected() {
        String yaml = simWith("{ name: 12-pin, needles: 12, maxRateHz: 150, maxDepthMm: 2.5 }",
                "{ name: 12-pin, needles: 12, maxRateHz: 150, maxDepthMm: 3.0 }");

        assertError(loadError(yaml), "cartridges[0].maxDepthMm", lineOf(yaml, "12-pin"),
                "3 mm is deeper than depth.maxMm; allowed at most 2.5 mm");
    }
}
