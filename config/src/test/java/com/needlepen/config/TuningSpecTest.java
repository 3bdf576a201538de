package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.bundledText;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.replaceOnce;
import static com.needlepen.config.ProfileYaml.simWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The optional, bounded tuning section: shipped defaults, per-key bounds, and the rules across keys. */
class TuningSpecTest {

    /** The values the firmware shipped with as constants before they moved to the profile. */
    static final TuningSpec SHIPPED = new TuningSpec(
            new TuningSpec.Regulator(600, 0.6, 18, 0.05, 300, 1.5, 50, 50),
            new TuningSpec.SpinUp(0.01, 100),
            new TuningSpec.Overspeed(1.10),
            new TuningSpec.StillShaft(0.02, 20),
            new TuningSpec.Parking(30, 0.08, 12),
            new TuningSpec.CamStepping(0.25),
            new TuningSpec.ZeroCheck(0.1, 0.3, 0.25));

    static String withoutTuning(String profileText) {
        int at = profileText.indexOf("\n# How the firmware drives this hardware.");
        assertThat(at).as("the tuning section's heading").isPositive();
        String cut = profileText.substring(0, at) + "\n";
        assertThat(cut).doesNotContain("tuning:");
        return cut;
    }

    @Test
    void givenAProfileWithoutTheTuningSection_whenLoaded_thenTheFirmwareGetsTheShippedValues() {
        for (String name : ProfileLoader.BUNDLED) {
            DeviceProfile p = ProfileLoader.parse(withoutTuning(bundledText(name)), name + "-untuned.yaml");

            assertThat(p.tuning()).as(name).isEqualTo(SHIPPED);
        }
    }

    @Test
    void givenTheBundledProfiles_whenLoaded_thenTheTuningTheyWriteOutIsTheShippedValues() {
        for (String name : ProfileLoader.BUNDLED) {
            assertThat(ProfileLoader.bundled(name).tuning()).as(name).isEqualTo(SHIPPED);
        }
    }

    @Test
    void givenOneKeyOfOneSubsection_whenLoaded_thenItIsTakenAndEveryOtherKeyKeepsItsDefault() {
        String yaml = withoutTuning(bundledText("sim")) + "tuning:\n  parking:\n    nudgeMillis: 20\n";

        TuningSpec t = ProfileLoader.parse(yaml, "ok.yaml").tuning();

        assertThat(t.parking()).isEqualTo(new TuningSpec.Parking(30, 0.08, 20));
        assertThat(t.parking().nudgeNanos()).isEqualTo(20_000_000L);
        assertThat(t).usingRecursiveComparison().ignoringFields("parking").isEqualTo(SHIPPED);
    }

    @Test
    void givenAGainOutOfItsBounds_whenLoaded_thenOutOfRangeAtItsLine() {
        String yaml = simWith("kpNormalised: 0.6", "kpNormalised: 6");

        assertError(loadError(yaml), "tuning.rateRegulator.kpNormalised", lineOf(yaml, "kpNormalised"),
                "6 is out of range; allowed 0.1 to 1.5");
    }

    @Test
    void givenAnOverspeedFactorThatIsNoMargin_whenLoaded_thenOutOfRange() {
        String yaml = simWith("maxRateFactor: 1.10", "maxRateFactor: 1.0");

        assertError(loadError(yaml), "tuning.overspeed.maxRateFactor", lineOf(yaml, "maxRateFactor"),
                "1 is out of range; allowed 1.02 to 1.5");
    }

    @Test
    void givenAMisspeltTuningKey_whenLoaded_thenUnknownKeyWithDidYouMean() {
        String yaml = simWith("stillForMillis: 20", "stilForMillis: 20");

        assertError(loadError(yaml), "tuning.stillShaft.stilForMillis", lineOf(yaml, "stilForMillis"),
                "unknown key; did you mean 'stillForMillis'?");
    }

    @Test
    void givenAnEmptyTuningSubsection_whenLoaded_thenItMustBeAMappingOrLeftOut() {
        String yaml = simWith("  camStepping:\n    driveDutyFraction: 0.25", "  camStepping:");

        assertError(loadError(yaml), "tuning.camStepping", lineOf(yaml, "camStepping:"),
                "expected a mapping of keys, got nothing (null)");
    }

    @Test
    void givenAnOverspeedLineAboveTheSpringsHold_whenLoaded_thenRefusedNamingTheHighestFactor() {
        String yaml = simWith("maxRateFactor: 1.10", "maxRateFactor: 1.2");

        assertError(loadError(yaml), "tuning.overspeed.maxRateFactor", lineOf(yaml, "maxRateFactor"),
                "1.2 puts the overspeed line at 180.0 Hz, above the 174.3 Hz up to which the cam spring keeps the carrier"
                        + " on the cam (with cam.springMargin)", "allowed at most 1.16");
    }

    @Test
    void givenAnOverspeedLineARunawayMightNotReach_whenLoaded_thenRefused() {
        // compact's weaker motor, stuck at full duty at 11.4 V with a hot winding, reaches 148.9 Hz; its spring holds to 189.8 Hz
        String yaml = replaceOnce(bundledText("compact"), "maxRateFactor: 1.10", "maxRateFactor: 1.3");

        assertError(loadError(yaml), "tuning.overspeed.maxRateFactor", lineOf(yaml, "maxRateFactor"),
                "1.3 puts the overspeed line at 156.0 Hz, but a drive stuck at full duty reaches only 148.9 Hz at 11.4 V",
                "allowed at most 1.24");
    }

    @Test
    void givenAZeroCheckSearchNoLongerThanTheDepthTolerance_whenLoaded_thenRefused() {
        String yaml = replaceOnce(simWith("probePastMm: 0.3", "probePastMm: 0.1"), "toleranceMm: 0.02", "toleranceMm: 0.1");

        assertError(loadError(yaml), "tuning.zeroCheck.probePastMm", lineOf(yaml, "probePastMm"),
                "0.1 mm does not search past calibration.toleranceMm (0.1 mm): a home switch that never closed would pass"
                        + " the zero check; allowed more than 0.1 mm");
    }

    @Test
    void givenAZeroCheckSearchJustPastTheDepthTolerance_whenLoaded_thenAccepted() {
        String yaml = replaceOnce(simWith("probePastMm: 0.3", "probePastMm: 0.11"), "toleranceMm: 0.02", "toleranceMm: 0.1");

        assertThat(ProfileLoader.parse(yaml, "ok.yaml").tuning().zeroCheck().probePastMm()).isEqualTo(0.11);
    }
}
