package com.needlepen.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/mechanics.md's tuning table says what the loader does: every tuning key is in it once, with
 * the default a profile without it gets and the bounds the loader enforces.
 */
class DocumentedTuningTest {

    /** {@code | `section.key` | shipped | min to max unit | why |} */
    private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)\\.(\\w+)` \\| ([^|]+) \\| (\\S+) to (\\S+)( [^|]+)? \\|");

    record Row(String section, String key, String shipped, double min, double max, String boundsText) {
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("..").toAbsolutePath().normalize().resolve("docs/mechanics.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                String unit = m.group(6) == null ? "" : m.group(6);
                rows.add(new Row(m.group(1), m.group(2), m.group(3).strip(), Double.parseDouble(m.group(4)),
                        Double.parseDouble(m.group(5)), m.group(4) + " to " + m.group(5) + unit.stripTrailing()));
            }
        }
        return rows;
    }

    private static double value(TuningSpec tuning, String section, String key) throws ReflectiveOperationException {
        Object part = TuningSpec.class.getMethod(section).invoke(tuning);
        return (double) part.getClass().getMethod(key).invoke(part);
    }

    private static String simWithTuningKey(Row row, String value) {
        String untuned = TuningSpecTest.withoutTuning(ProfileYaml.sim());
        return untuned + "tuning:\n  " + row.section() + ":\n    " + row.key() + ": " + value + "\n";
    }

    @Test
    void givenTheTable_thenItListsEveryTuningKeyOnce() throws IOException {
        List<String> documented = rows().stream().map(r -> r.section() + "." + r.key()).toList();
        List<String> read = new ArrayList<>();
        for (RecordComponent section : TuningSpec.class.getRecordComponents()) {
            for (RecordComponent key : section.getType().getRecordComponents()) {
                read.add(section.getName() + "." + key.getName());
            }
        }

        assertThat(documented).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(read);
    }

    @Test
    void givenEachRow_whenTheKeyIsLeftOut_thenTheProfileGetsTheShippedValueItNames() throws Exception {
        TuningSpec defaults = ProfileLoader.parse(TuningSpecTest.withoutTuning(ProfileYaml.sim()), "untuned.yaml").tuning();
        for (Row row : rows()) {
            assertThat(value(defaults, row.section(), row.key())).as(row.key())
                    .isEqualTo(Double.parseDouble(row.shipped()));
        }
    }

    @Test
    void givenEachRow_whenJustOutsideItsBounds_thenRefusedWithTheBoundsItNames() throws Exception {
        for (Row row : rows()) {
            double nudge = (row.max() - row.min()) / 1000;
            for (double outside : new double[] {row.min() - nudge, row.max() + nudge}) {
                String yaml = simWithTuningKey(row, RuleContext.num(outside));
                ConfigException e = ProfileYaml.loadError(yaml);
                assertThat(e.getMessage()).as(row.key() + " at " + outside).endsWith(
                        "tuning." + row.section() + "." + row.key() + ": " + RuleContext.num(outside)
                                + " is out of range; allowed " + row.boundsText());
            }
        }
    }

    @Test
    void givenEachRow_whenAtItsBounds_thenNotRefusedForRange() throws Exception {
        for (Row row : rows()) {
            for (double bound : new double[] {row.min(), row.max()}) {
                String yaml = simWithTuningKey(row, RuleContext.num(bound));
                try {
                    assertThat(value(ProfileLoader.parse(yaml, "ok.yaml").tuning(), row.section(), row.key()))
                            .isEqualTo(bound);
                } catch (ConfigException e) {
                    // a rule across keys may refuse a bound on this profile (the overspeed line); never the range
                    assertThat(e.getMessage()).as(row.key()).doesNotContain("out of range");
                }
            }
        }
    }
}
