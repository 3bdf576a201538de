package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.BAD;
import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.sim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A key is declared by reading it: the keys a mapping allows are the keys its binder read, with
 * the type and bounds of the read. Nothing else lists them.
 */
class MapReaderTest {

    private static final Range SECONDS = Range.closed(1, 60, "s");

    /** What a binder that reads one more section than the profile's would build. */
    record BenchProfile(DeviceProfile profile, double warmUpSeconds) {
    }

    /** The profile's binder plus one optional section with one key: the only edit a new key needs. */
    private static BenchProfile bindWithBench(MapReader top) {
        return new BenchProfile(ProfileBinder.profile(top, BAD),
                top.optionalSection("bench", b -> b.number("warmUpSeconds", SECONDS, 5)));
    }

    private static <T> T bind(String yaml, Function<MapReader, T> binder) {
        KeyLines lines = new KeyLines(BAD);
        return MapReader.root(YamlTreeReader.read(yaml, lines), lines, binder);
    }

    private static ConfigException bindError(String yaml, Function<MapReader, ?> binder) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> bind(yaml, binder));
        assertThat(e).as("binding should fail").isNotNull();
        return e;
    }

    @Test
    void givenABinderThatReadsOneMoreKey_whenTheProfileWritesIt_thenItIsAcceptedWithoutAnyOtherEdit() {
        String yaml = sim() + "\nbench:\n  warmUpSeconds: 12\n";

        BenchProfile p = bind(yaml, MapReaderTest::bindWithBench);

        assertThat(p.warmUpSeconds()).isEqualTo(12.0);
        assertThat(p.profile()).usingRecursiveComparison().ignoringFields("source")
                .isEqualTo(ProfileLoader.bundled("sim"));
    }

    @Test
    void givenTheSameKey_whenNoBinderReadsIt_thenTheLoaderRefusesItAsUnknown() {
        String yaml = sim() + "\nbench:\n  warmUpSeconds: 12\n";

        ConfigException e = ProfileYaml.loadError(yaml);

        assertError(e, "bench", lineOf(yaml, "bench:"), "unknown key; allowed keys here: profile, backend, supply");
    }

    @Test
    void givenAKeyTheBinderDoesNotRead_whenBound_thenUnknownWithDidYouMeanAtItsLine() {
        String yaml = sim() + "\nbench:\n  warmUpSecnds: 12\n";

        assertError(bindError(yaml, MapReaderTest::bindWithBench), "bench.warmUpSecnds", lineOf(yaml, "warmUpSecnds"),
                "unknown key; did you mean 'warmUpSeconds'?");
    }

    @Test
    void givenTheReadKeyOutsideItsDeclaredRange_whenBound_thenOutOfRangeNamingTheRange() {
        String yaml = sim() + "\nbench:\n  warmUpSeconds: 600\n";

        assertError(bindError(yaml, MapReaderTest::bindWithBench), "bench.warmUpSeconds", lineOf(yaml, "warmUpSeconds"),
                "600 is out of range; allowed 1 to 60 s");
    }

    @Test
    void givenTheOptionalSectionLeftOut_whenBound_thenItsKeysTakeTheirDeclaredDefaults() {
        assertThat(bind(sim(), MapReaderTest::bindWithBench).warmUpSeconds()).isEqualTo(5.0);
    }

    @Test
    void givenABinder_whenItHasRead_thenTheKeysItAllowsAreExactlyTheKeysItRead() {
        List<String> allowed = bind("a: 1\nb: 2\n", m -> {
            m.number("a", SECONDS);
            m.number("b", SECONDS);
            m.number("c", SECONDS, 3);
            return m.declaredKeys();
        });

        assertThat(allowed).containsExactly("a", "b", "c");
    }

    @Test
    void givenARequiredKeyMisspelt_whenBound_thenTheMisspellingIsReportedNotTheMissingKey() {
        String yaml = "warmUpSecnds: 12\n";

        assertError(bindError(yaml, m -> m.number("warmUpSeconds", SECONDS)), "warmUpSecnds", 1,
                "unknown key; did you mean 'warmUpSeconds'?");
    }

    @Test
    void givenARequiredKeyLeftOut_whenNothingElseIsWrong_thenMissing() {
        ConfigException e = bindError("other: 1\n", m -> m.number("other", SECONDS) + m.number("warmUpSeconds", SECONDS));

        assertThat(e.getMessage()).isEqualTo("bad.yaml: warmUpSeconds: required key is missing");
    }

    @Test
    void givenABinderReadingAKeyTwice_whenBound_thenItIsABinderBug() {
        assertThatThrownBy(() -> bind("a: 1\n", m -> m.number("a", SECONDS) + m.number("a", SECONDS, 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a is read twice");
    }

    @Test
    void givenADefaultOutsideItsOwnRange_whenRead_thenItIsABinderBug() {
        assertThatThrownBy(() -> bind("{}\n", m -> m.number("a", SECONDS, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside its own range 1 to 60 s");
    }
}
