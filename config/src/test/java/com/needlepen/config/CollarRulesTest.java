package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.simWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CollarRulesTest {

    @Test
    void givenHardStopThatWouldExposeTheTips_whenLoaded_thenRejectedAtAbsoluteMaxDepth() {
        String yaml = simWith("minRecessMm: 0.2", "minRecessMm: 0.8");

        assertError(loadError(yaml), "collar.absoluteMaxDepthMm", lineOf(yaml, "absoluteMaxDepthMm"),
                "2.8 mm would leave the tips less than collar.minRecessMm (0.8 mm) hidden at the bottom of the stroke",
                "allowed at most cam.strokeMm - collar.minRecessMm = 3 - 0.8 = 2.2 mm");
    }

    @Test
    void givenRecessBelowTwoTenths_whenLoaded_thenOutOfRange() {
        String yaml = simWith("minRecessMm: 0.2", "minRecessMm: 0.1");

        assertError(loadError(yaml), "collar.minRecessMm", lineOf(yaml, "minRecessMm"), "0.1 is out of range; allowed 0.2 to 3 mm");
    }

    @Test
    void givenHomeNotShallowerThanMinDepth_whenLoaded_thenRejected() {
        String yaml = simWith("homeDepthMm: -0.6", "homeDepthMm: 0.0");

        assertError(loadError(yaml), "collar.homeDepthMm", lineOf(yaml, "homeDepthMm"),
                "0 mm must be shallower than depth.minMm (0 mm) so that homing retracts the tips; allowed below 0 mm");
    }

    @Test
    void givenTravelThatFallsShortOfTheHardStop_whenLoaded_thenRejectedAtTravel() {
        String yaml = simWith("travelMm: 3.6", "travelMm: 3.0");

        assertError(loadError(yaml), "collar.travelMm", lineOf(yaml, "travelMm"),
                "3 mm does not reach the hard stop: collar.homeDepthMm + travelMm = 2.4 mm, short of "
                        + "collar.absoluteMaxDepthMm (2.8 mm); allowed at least 3.4 mm");
    }

    @Test
    void givenTravelThatJustReachesTheHardStop_whenLoaded_thenAccepted() {
        DeviceProfile p = ProfileLoader.parse(simWith("travelMm: 3.6", "travelMm: 3.4"), "ok.yaml");

        assertThat(p.collar().travelMm()).isEqualTo(3.4);
    }
}
