package com.needlepen.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Test helpers: bad profiles are made from the bundled sim.yaml by one targeted text edit, so
 * every failing test starts from a file known to be valid and breaks exactly one thing.
 */
final class ProfileYaml {

    static final String BAD = "bad.yaml";

    private ProfileYaml() {
    }

    /** The text of a bundled profile. */
    static String bundledText(String name) {
        try (InputStream in = ProfileYaml.class.getClassLoader().getResourceAsStream("profiles/" + name + ".yaml")) {
            assertThat(in).as("bundled profile %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String sim() {
        return bundledText("sim");
    }

    /** sim.yaml with {@code from} (which must occur exactly once) replaced by {@code to}. */
    static String simWith(String from, String to) {
        return replaceOnce(sim(), from, to);
    }

    static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        assertThat(at).as("'%s' occurs in the text", from).isGreaterThanOrEqualTo(0);
        assertThat(text.indexOf(from, at + 1)).as("'%s' occurs only once", from).isEqualTo(-1);
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /** The 1-based line of the only line of {@code text} containing {@code snippet}. */
    static int lineOf(String text, String snippet) {
        String[] lines = text.split("\n", -1);
        int found = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(snippet)) {
                assertThat(found).as("'%s' is on one line only", snippet).isZero();
                found = i + 1;
            }
        }
        assertThat(found).as("'%s' is in the text", snippet).isPositive();
        return found;
    }

    /** The exception loading {@code yaml} as {@value #BAD} throws; fails the test if it loads. */
    static ConfigException loadError(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ProfileLoader.parse(yaml, BAD));
        assertThat(e).as("loading should fail").isNotNull();
        return e;
    }

    /**
     * Asserts the common shape: {@code bad.yaml:<line>: <path>: ...}, on one line, containing each
     * of {@code reasonParts}; and that the accessors agree with the message.
     */
    static void assertError(ConfigException e, String path, int line, String... reasonParts) {
        System.out.println(e.getMessage());
        assertThat(e.getMessage()).startsWith(BAD + ":" + line + ": " + path + ": ");
        assertOneLine(e);
        for (String part : reasonParts) {
            assertThat(e.getMessage()).contains(part);
        }
        assertThat(e.file()).isEqualTo(BAD);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.fieldPath()).isEqualTo(path);
    }

    static void assertOneLine(ConfigException e) {
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
    }
}
