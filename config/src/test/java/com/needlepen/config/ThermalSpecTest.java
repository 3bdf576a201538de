package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.simWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThermalSpecTest {

    @Test
    void givenTheBundledProfiles_whenLoaded_thenTheHandpiecesThermalFiguresAreTheBundledOnes() {
        assertThat(ProfileLoader.bundled("sim").thermal()).isEqualTo(new ThermalSpec(5, 12, 0.125, 120, 300, 0.7))
                .isEqualTo(ThermalSpec.BUNDLED);
        // the compact profile leaves the section out: the same handpiece's figures
        assertThat(ProfileLoader.bundled("compact").thermal()).isEqualTo(ThermalSpec.BUNDLED);
    }

    @Test
    void givenAThermistorLagOfMinutes_whenLoaded_thenOutOfRange() {
        String yaml = simWith("thermistorLagSeconds: 5 ", "thermistorLagSeconds: 90 ");
        assertError(loadError(yaml), "thermal.thermistorLagSeconds", lineOf(yaml, "thermistorLagSeconds"),
                "90 is out of range; allowed 0 to 60 s");
    }

    @Test
    void givenTheWindingsRunningEstimate_whenLoaded_thenItsTwoFiguresAreBoundedAndDefaultConservative() {
        ThermalSpec t = ProfileLoader.bundled("sim").thermal();
        assertThat(t.windingHeatCapacityJPerK()).isEqualTo(1.0);
        assertThat(t.windingToNoseKPerW()).isEqualTo(12.0);
        String yaml = simWith("windingToNoseKPerW: 12 ", "windingToNoseKPerW: 0.5 ");
        assertError(loadError(yaml), "thermal.windingToNoseKPerW", lineOf(yaml, "windingToNoseKPerW"),
                "0.5 is out of range; allowed 1 to 100 K/W");
        String heavy = simWith("windingHeatCapacityJPerK: 1.0 ", "windingHeatCapacityJPerK: 50 ");
        assertError(loadError(heavy), "thermal.windingHeatCapacityJPerK", lineOf(heavy, "windingHeatCapacityJPerK"),
                "50 is out of range; allowed 0.1 to 20 J/K");
    }

    @Test
    void givenOneKeyOnly_whenLoaded_thenTheOthersAreTheBundledFigures() throws Exception {
        String yaml = simWith("  noseGradientKPerW: 12 ", "  noseGradientKPerW: 20 ");
        ThermalSpec t = ProfileLoader.parse(yaml, "sim-gradient.yaml").thermal();
        assertThat(t.noseGradientKPerW()).isEqualTo(20);
        assertThat(t.thermistorLagSeconds()).isEqualTo(ThermalSpec.BUNDLED.thermistorLagSeconds());
    }

    @Test
    void givenTheFollowersFigures_whenLoaded_thenBoundedAndTheBundledRollersRating() {
        ThermalSpec t = ProfileLoader.bundled("sim").thermal();
        assertThat(t.followerFrictionMax()).isEqualTo(0.015);
        assertThat(t.followerRadiusMm()).isEqualTo(2.5);
        // 0.015 x 5 N x 2.5 mm
        assertThat(t.followerTorqueNm(5.0)).isCloseTo(1.875e-4, org.assertj.core.data.Offset.offset(1e-12));
        String yaml = simWith("followerFrictionMax: 0.015 ", "followerFrictionMax: 1.5 ");
        assertError(loadError(yaml), "thermal.followerFrictionMax", lineOf(yaml, "followerFrictionMax"),
                "1.5 is out of range; allowed 0 to 1");
        String wide = simWith("followerRadiusMm: 2.5 ", "followerRadiusMm: 12 ");
        assertError(loadError(wide), "thermal.followerRadiusMm", lineOf(wide, "followerRadiusMm"),
                "12 is out of range; allowed 0.5 to 10 mm");
    }
}
