package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.tools.calibration.PromptSource;
import com.needlepen.tools.calibration.Reading;
import com.needlepen.tools.calibration.ReadingCheck;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The technician typing gauge readings: each one checked as it is typed. */
class PromptSourceTest {

    /** The sim profile's check: 0.15 mm + 8 % off nominal, steps within 8 % + 0.04 mm. */
    private static final ReadingCheck SIM = ReadingCheck.of(ProfileLoader.bundled("sim").calibration());

    private final StringWriter out = new StringWriter();
    private final List<List<Reading>> kept = new ArrayList<>();

    private PromptSource prompt(String typed, List<Reading> earlier) {
        return new PromptSource(new BufferedReader(new StringReader(typed)), new PrintWriter(out, true), -1.0, 3.5, SIM,
                earlier, kept::add);
    }

    @Test
    void givenANonNumberAndAnOutOfRangeReadingWhenPromptedThenEachIsAskedAgainUntilAGoodOne() {
        double value = prompt("deep\n7.5\n\n1,234\n", List.of(new Reading(1.0, 1.02), new Reading(1.1, 1.13)))
                .measure(2, 26, 1.2);
        assertThat(value).isEqualTo(1.234);
        assertThat(out.toString())
                .contains("point 3/26 at 1.200 mm")
                .contains("'deep' is not a number of mm")
                .contains("7.5 mm is outside what the gauge can read here (-1.00 to 3.50 mm)")
                .contains("'' is not a number of mm");
    }

    @Test
    void givenATypoThatIsShallowerThanThePreviousReadingWhenTypedThenItIsRefusedAtOnceAndTheCorrectedOneTaken() {
        // 1.84 typed as 1.48, inside the gauge's range, after 1.742 at 1.7 mm
        PromptSource source = prompt("1.48\n1.48\n1.842\n", List.of(new Reading(1.6, 1.641), new Reading(1.7, 1.742)));
        assertThat(source.measure(2, 26, 1.8)).isEqualTo(1.842);
        assertThat(out.toString()).contains("1.4800 mm is not deeper than 1.7420 mm at the previous point (1.700 mm):"
                + " the depth must rise with the collar; read the gauge and type it again.");
        assertThat(out.toString().split("point 3/26", -1)).as("asked three times: typing it twice does not keep it")
                .hasSize(4);
    }

    @Test
    void givenATypoThatJumpsTooFarWhenTypedThenItIsQuestionedWithTheExpectedStepAndTheCorrectedOneTaken() {
        // 1.48 typed as 1.84 after 1.38 at 1.4 mm: a 0.46 mm step for a 0.1 mm collar step
        PromptSource source = prompt("1.84\n1.481\n", List.of(new Reading(1.4, 1.38)));
        assertThat(source.measure(1, 26, 1.5)).isEqualTo(1.481);
        assertThat(out.toString()).contains("1.8400 mm is a step of 0.4600 mm from 1.3800 mm at the previous point,"
                + " for a collar step of 0.100 mm (expected 0.052 to 0.148 mm).")
                .contains("A typo? Type the corrected reading, or the same value again to keep it.");
    }

    @Test
    void givenADoubtfulReadingTypedTwiceWhenPromptedThenItIsKept() {
        PromptSource source = prompt("0.19\n0.19\n", List.of(new Reading(0.0, 0.02)));
        assertThat(source.measure(1, 26, 0.1)).isEqualTo(0.19);
        assertThat(out.toString()).contains("0.1900 mm is a step of 0.1700 mm");
        assertThat(kept).last().isEqualTo(List.of(new Reading(0.0, 0.02), new Reading(0.1, 0.19)));
    }

    @Test
    void givenAFirstReadingFarFromTheNominalDepthWhenTypedThenItIsQuestioned() {
        PromptSource source = prompt("0.5\n0.05\n", List.of());
        assertThat(source.measure(0, 26, 0.0)).isEqualTo(0.05);
        assertThat(out.toString()).contains("0.5000 mm is 0.500 mm from the nominal 0.000 mm; a unit is expected within"
                + " 0.150 mm of it here.");
    }

    @Test
    void givenEarlierReadingsWhenResumedThenTheyAreUsedWithoutAskingAndEachNewReadingIsHandedOnWithThem() {
        PromptSource source = prompt("0.221\n", List.of(new Reading(0.0, 0.02), new Reading(0.1, 0.121)));
        assertThat(source.recorded(0, 0.0)).hasValue(0.02);
        assertThat(source.recorded(1, 0.1)).hasValue(0.121);
        assertThat(source.recorded(2, 0.2)).isEmpty();
        assertThat(source.measure(2, 26, 0.2)).isEqualTo(0.221);
        assertThat(out.toString()).doesNotContain("point 1/26").doesNotContain("point 2/26").contains("point 3/26");
        assertThat(kept).containsExactly(List.of(new Reading(0.0, 0.02), new Reading(0.1, 0.121), new Reading(0.2, 0.221)));
    }
}
