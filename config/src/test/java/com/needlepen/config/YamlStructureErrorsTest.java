package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.assertOneLine;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.sim;
import static com.needlepen.config.ProfileYaml.simWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors in the shape of the file: keys, types, YAML syntax, and the file itself. */
class YamlStructureErrorsTest {

    @Test
    void givenMisspeltKey_whenLoaded_thenUnknownKeyWithDidYouMean() {
        String yaml = simWith("springRateNPerMm: 0.8", "sprngRateNPerMm: 0.8");

        ConfigException e = loadError(yaml);

        assertError(e, "cam.sprngRateNPerMm", lineOf(yaml, "sprngRateNPerMm"),
                "unknown key; did you mean 'springRateNPerMm'?");
    }

    @Test
    void givenKeyNothingLike_whenLoaded_thenUnknownKeyListsTheAllowedKeys() {
        String yaml = simWith("  stepHz: 5\n", "  stepHz: 5\n  wobble: 3\n");

        ConfigException e = loadError(yaml);

        assertError(e, "rate.wobble", lineOf(yaml, "wobble"), "unknown key; allowed keys here: minHz, maxHz, stepHz");
    }

    @Test
    void givenMisspeltTopLevelSection_whenLoaded_thenDidYouMeanTheSection() {
        String yaml = simWith("telemetry:\n", "telemtry:\n");

        assertError(loadError(yaml), "telemtry", lineOf(yaml, "telemtry:"), "did you mean 'telemetry'?");
    }

    @Test
    void givenDuplicateKey_whenLoaded_thenErrorAtSecondNamesBothLines() {
        String yaml = simWith("  maxCurrentAmps: 1.5\n", "  maxCurrentAmps: 1.5\n  frictionTorqueNm: 0.0004\n");
        int first = lineOf(yaml, "frictionTorqueNm: 0.0003");
        int second = lineOf(yaml, "frictionTorqueNm: 0.0004");

        ConfigException e = loadError(yaml);

        assertError(e, "motor.frictionTorqueNm", second, "duplicate key", "first given on line " + first,
                "again on line " + second);
    }

    @Test
    void givenDuplicateKeyInsideAFlowMapping_whenLoaded_thenDuplicateKeyError() {
        String yaml = simWith("{ name: cheeks, depthMm: 1.0, rateHz: 100 }", "{ name: cheeks, depthMm: 1.0, depthMm: 1.0, rateHz: 100 }");

        assertError(loadError(yaml), "presets[1].depthMm", lineOf(yaml, "cheeks"), "duplicate key; given twice on line " + lineOf(yaml, "cheeks"));
    }

    @Test
    void givenRequiredKeyMissing_whenLoaded_thenErrorNamesThePathAtItsSection() {
        String yaml = simWith("  springMargin: 1.5\n", "");

        assertError(loadError(yaml), "cam.springMargin", lineOf(yaml, "cam:"), "required key is missing");
    }

    @Test
    void givenRequiredKeyMissingInAListItem_whenLoaded_thenErrorNamesTheItem() {
        String yaml = simWith("{ name: 24-pin, needles: 24, maxRateHz: 150, maxDepthMm: 2.0 }", "{ name: 24-pin, needles: 24, maxRateHz: 150 }");

        assertError(loadError(yaml), "cartridges[1].maxDepthMm", lineOf(yaml, "24-pin"), "required key is missing");
    }

    @Test
    void givenTopLevelSectionMissing_whenLoaded_thenErrorNamesTheSectionWithoutALine() {
        String yaml = simWith("loop:\n  periodMicros: 1000\n  waitStrategy: park_then_spin   # or park; docs/performance.md measures both\n  spinMarginMicros: 100          # parking ends this long before each deadline; the rest is spun\n", "");

        ConfigException e = loadError(yaml);

        assertThat(e.getMessage()).isEqualTo("bad.yaml: loop: required key is missing");
        assertThat(e.fieldPath()).isEqualTo("loop");
    }

    @Test
    void givenStringWhereANumberIsExpected_whenLoaded_thenWrongTypeError() {
        String yaml = simWith("resistanceOhm20C: 2.5", "resistanceOhm20C: two");

        assertError(loadError(yaml), "motor.resistanceOhm20C", lineOf(yaml, "resistanceOhm20C"),
                "expected a number, got the string 'two'");
    }

    @Test
    void givenQuotedNumber_whenLoaded_thenItIsAStringAndRejected() {
        String yaml = simWith("  minHz: 50", "  minHz: '50'");

        assertError(loadError(yaml), "rate.minHz", lineOf(yaml, "minHz"), "expected a number, got the string '50'");
    }

    @Test
    void givenNullForARequiredNumber_whenLoaded_thenWrongTypeError() {
        String yaml = simWith("  maxVolts: 12.6", "  maxVolts:");

        assertError(loadError(yaml), "supply.maxVolts", lineOf(yaml, "maxVolts"), "expected a number, got nothing (null)");
    }

    @Test
    void givenFractionWhereAWholeNumberIsExpected_whenLoaded_thenWrongTypeError() {
        String yaml = simWith("needles: 36", "needles: 36.5");

        assertError(loadError(yaml), "cartridges[2].needles", lineOf(yaml, "36.5"), "expected a whole number, got the number 36.5");
    }

    @Test
    void givenNumberWhereABooleanIsExpected_whenLoaded_thenWrongTypeError() {
        String yaml = simWith("unlockAboveCeiling: false", "unlockAboveCeiling: 1");

        assertError(loadError(yaml), "depth.unlockAboveCeiling", lineOf(yaml, "unlockAboveCeiling"),
                "expected true or false, got the number 1");
    }

    @Test
    void givenMappingWhereAListIsExpected_whenLoaded_thenWrongTypeError() {
        String yaml = simWith("presets:\n", "presets:\n  oops: 1\n");
        yaml = yaml.replace("  - { name: forehead", "#  - { name: forehead").replace("  - { name: cheeks", "#  - { name: cheeks")
                .replace("  - { name: acne-scars", "#  - { name: acne-scars");

        assertError(loadError(yaml), "presets", lineOf(yaml, "presets:"), "expected a list, got a mapping of keys");
    }

    @Test
    void givenScalarWhereASectionIsExpected_whenLoaded_thenWrongTypeError() {
        String yaml = simWith("loop:\n  periodMicros: 1000\n  waitStrategy: park_then_spin   # or park; docs/performance.md measures both\n  spinMarginMicros: 100          # parking ends this long before each deadline; the rest is spun\n", "loop: 1000\n");

        assertError(loadError(yaml), "loop", lineOf(yaml, "loop:"), "expected a mapping of keys, got the number 1000");
    }

    @Test
    void givenUnknownHomeSide_whenLoaded_thenErrorListsTheAllowedSides() {
        String yaml = simWith("homeSide: shallow", "homeSide: deep");

        assertError(loadError(yaml), "collar.homeSide", lineOf(yaml, "homeSide"), "'deep' is not allowed; allowed 'shallow'");
    }

    @Test
    void givenHomeSideInCapitals_whenLoaded_thenShallow() {
        DeviceProfile p = ProfileLoader.parse(simWith("homeSide: shallow", "homeSide: SHALLOW"), "ok.yaml");

        assertThat(p.collar().homeSide()).isEqualTo(HomeSide.SHALLOW);
    }

    @Test
    void givenNaN_whenLoaded_thenNotAUsableNumber() {
        String yaml = simWith("carrierMassKg: 0.002", "carrierMassKg: .nan");

        assertError(loadError(yaml), "cam.carrierMassKg", lineOf(yaml, "carrierMassKg"), "'.nan' is not a usable number");
    }

    @Test
    void givenAnAlias_whenLoaded_thenAliasesAreRejected() {
        String yaml = simWith("  nominalVolts: 12.0\n  maxVolts: 12.6", "  nominalVolts: &v 12.0\n  maxVolts: *v");

        assertError(loadError(yaml), "supply.maxVolts", lineOf(yaml, "*v"), "aliases", "not supported");
    }

    @Test
    void givenMalformedYaml_whenLoaded_thenOneLineErrorAtTheBrokenLine() {
        String yaml = simWith("  - { name: cheeks, depthMm: 1.0, rateHz: 100 }", "  - { name: cheeks, depthMm: 1.0, rateHz: 100");

        ConfigException e = loadError(yaml);

        System.out.println(e.getMessage());
        assertOneLine(e);
        assertThat(e.getMessage()).startsWith("bad.yaml:" + (lineOf(yaml, "acne-scars")) + ": not valid YAML: ");
        assertThat(e.fieldPath()).isEmpty();
    }

    @Test
    void givenTabIndentation_whenLoaded_thenOneLineNotValidYaml() {
        String yaml = simWith("  periodMicros: 1000", "\tperiodMicros: 1000");

        ConfigException e = loadError(yaml);

        System.out.println(e.getMessage());
        assertOneLine(e);
        assertThat(e.getMessage()).startsWith("bad.yaml:" + lineOf(yaml, "periodMicros") + ": not valid YAML: ");
    }

    @Test
    void givenTwoDocuments_whenLoaded_thenOnlyOneAllowed() {
        ConfigException e = loadError(sim() + "---\nprofile: other\n");

        assertThat(e.getMessage()).contains("only one YAML document is allowed");
    }

    @Test
    void givenEmptyText_whenLoaded_thenFileIsEmpty() {
        assertThat(loadError("# nothing here\n").getMessage())
                .isEqualTo("bad.yaml: the file is empty; expected a YAML mapping of profile keys");
    }

    @Test
    void givenPlainTextNotAMapping_whenLoaded_thenExpectedAMappingAtTopLevel() {
        assertThat(loadError("hello world\n").getMessage())
                .isEqualTo("bad.yaml:1: expected a mapping of keys at the top level, got the string 'hello world'");
    }

    @Test
    void givenMissingFile_whenLoaded_thenFileNotFound(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ProfileLoader.load(file));

        assertThat(e.getMessage()).isEqualTo(file + ": file not found");
        assertThat(e.file()).isEqualTo(file.toString());
        assertThat(e.line()).isZero();
    }

    @Test
    void givenADirectory_whenLoaded_thenNotAProfileFile(@TempDir Path dir) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ProfileLoader.load(dir));

        assertThat(e.getMessage()).isEqualTo(dir + ": is a directory, not a profile file");
    }

    @Test
    void givenBinaryFile_whenLoaded_thenNotAYamlTextFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("firmware.bin");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01, (byte) 0xc3, 0x28});

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ProfileLoader.load(file));

        assertThat(e.getMessage()).isEqualTo(file + ": not a YAML text file: it is not valid UTF-8");
    }
}
