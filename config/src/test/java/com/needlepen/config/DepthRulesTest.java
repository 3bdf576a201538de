package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.replaceOnce;
import static com.needlepen.config.ProfileYaml.simWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DepthRulesTest {

    @Test
    void givenNegativeMinDepth_whenLoaded_thenOutOfRange() {
        String yaml = simWith("  minMm: 0.0", "  minMm: -0.1");

        assertError(loadError(yaml), "depth.minMm", lineOf(yaml, "  minMm:"), "-0.1 is out of range; allowed 0 to 5 mm");
    }

    @Test
    void givenMinDepthNotBelowMax_whenLoaded_thenMaxMustBeDeeper() {
        String yaml = simWith("  minMm: 0.0", "  minMm: 2.5");

        assertError(loadError(yaml), "depth.maxMm", lineOf(yaml, "  maxMm:"), "2.5 mm must be deeper than depth.minMm (2.5 mm)");
    }

    @Test
    void givenStepTooFine_whenLoaded_thenOutOfRange() {
        String yaml = simWith("stepMm: 0.05", "stepMm: 0.005");

        assertError(loadError(yaml), "depth.stepMm", lineOf(yaml, "stepMm"), "0.005 is out of range; allowed 0.01 to 0.5 mm");
    }

    @Test
    void givenStepTooCoarse_whenLoaded_thenOutOfRange() {
        String yaml = simWith("stepMm: 0.05", "stepMm: 0.6");

        assertError(loadError(yaml), "depth.stepMm", lineOf(yaml, "stepMm"), "0.6 is out of range; allowed 0.01 to 0.5 mm");
    }

    @Test
    void givenCeilingDeeperThanMax_whenLoaded_thenCeilingOutOfDepthRange() {
        String yaml = simWith("  maxMm: 2.5", "  maxMm: 1.0");

        assertError(loadError(yaml), "depth.ceilingMm", lineOf(yaml, "ceilingMm"),
                "1.5 mm is out of range; allowed depth.minMm to depth.maxMm, 0 to 1 mm");
    }

    @Test
    void givenCeilingAboveSafeCeilingWithoutUnlock_whenLoaded_thenRejected() {
        String yaml = simWith("ceilingMm: 1.5", "ceilingMm: 2.0");

        assertError(loadError(yaml), "depth.ceilingMm", lineOf(yaml, "ceilingMm"),
                "2 mm is above the 1.5 mm safe ceiling; allowed at most 1.5 mm unless depth.unlockAboveCeiling is true");
    }

    @Test
    void givenCeilingAboveSafeCeilingWithUnlock_whenLoaded_thenAccepted() {
        String yaml = replaceOnce(simWith("ceilingMm: 1.5", "ceilingMm: 2.0"),
                "unlockAboveCeiling: false", "unlockAboveCeiling: true");

        DeviceProfile p = ProfileLoader.parse(yaml, "ok.yaml");

        assertThat(p.depth().ceilingMm()).isEqualTo(2.0);
        assertThat(p.depth().selectableMaxMm()).isEqualTo(2.5);
    }

    @Test
    void givenMaxDeeperThanCollarHardStop_whenLoaded_thenRejected() {
        String yaml = simWith("  maxMm: 2.5", "  maxMm: 3.0");

        assertError(loadError(yaml), "depth.maxMm", lineOf(yaml, "  maxMm:"),
                "3 mm is deeper than the collar's hard stop; allowed at most collar.absoluteMaxDepthMm, 2.8 mm");
    }

    @Test
    void givenCeilingOffTheStepGrid_whenLoaded_thenNotAMultiple() {
        String yaml = simWith("ceilingMm: 1.5", "ceilingMm: 1.48");

        assertError(loadError(yaml), "depth.ceilingMm", lineOf(yaml, "ceilingMm"),
                "1.48 mm is not a multiple of depth.stepMm (0.05 mm); nearest allowed 1.45 or 1.5 mm");
    }

    @Test
    void givenMinOffTheStepGrid_whenLoaded_thenNotAMultiple() {
        String yaml = simWith("  minMm: 0.0", "  minMm: 0.01");

        assertError(loadError(yaml), "depth.minMm", lineOf(yaml, "  minMm:"), "0.01 mm is not a multiple of depth.stepMm");
    }

    @Test
    void givenMaxOffTheStepGrid_whenLoaded_thenNotAMultiple() {
        String yaml = simWith("  maxMm: 2.5", "  maxMm: 2.47");
        yaml = replaceOnce(yaml, "{ name: 12-pin, needles: 12, maxRateHz: 150, maxDepthMm: 2.5 }",
                "{ name: 12-pin, needles: 12, maxRateHz: 150, maxDepthMm: 2.4 }");

        assertError(loadError(yaml), "depth.maxMm", lineOf(yaml, "  maxMm:"), "2.47 mm is not a multiple of depth.stepMm (0.05 mm)");
    }

    @Test
    void givenStepThatIsInexactInBinary_whenDepthsAreOnItsGrid_thenAccepted() {
        // 1.5 / 0.1 is 15.000000000000002 in doubles: the 1e-9 tolerance must absorb that.
        DeviceProfile p = ProfileLoader.parse(simWith("stepMm: 0.05", "stepMm: 0.1"), "ok.yaml");

        assertThat(p.depth().stepMm()).isEqualTo(0.1);
    }

    @Test
    void givenDeepestDepthAUnitWithinToleranceWouldDriveIntoTheHardStop_whenLoaded_thenRejectedAtMaxDepth() {
        // the bundled compact profile shipped like this (hard stop at depth.maxMm) and could not be calibrated
        String yaml = simWith("absoluteMaxDepthMm: 2.8", "absoluteMaxDepthMm: 2.6");

        assertError(loadError(yaml), "depth.maxMm", lineOf(yaml, "  maxMm:"),
                "2.5 mm leaves no room before the collar's hard stop: a unit within collar.scaleTolerance (0.05) and "
                        + "collar.homeSwitchToleranceMm (0.08 mm) is at 2.735 mm when 2.5 mm is commanded, not short of "
                        + "collar.absoluteMaxDepthMm (2.6 mm); allowed at most 2.35 mm");
    }

    @Test
    void givenATighterUnitTolerance_whenLoaded_thenTheSameHardStopLeavesRoom() {
        String yaml = simWith("absoluteMaxDepthMm: 2.8", "absoluteMaxDepthMm: 2.7");
        assertThat(loadError(yaml).getMessage()).contains("is at 2.735 mm when 2.5 mm is commanded");
        yaml = yaml.replace("scaleTolerance: 0.05", "scaleTolerance: 0.02");

        assertThat(ProfileLoader.parse(yaml, "tight.yaml").depth().maxMm()).isEqualTo(2.5);
    }
}
