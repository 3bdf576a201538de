package com.needlepen.config;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it was written on. Jackson's {@code JsonNode} forgets locations, and
 * every profile error has to name its line, so the loader builds this small tree instead.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

    /** 1-based line where the value starts. */
    int line();

    /** Words for a wrong-type message: {@code the string 'abc'}, {@code a list}. */
    String describe();

    /** What a scalar resolved to under YAML's rules (an unquoted {@code 50} is a number). */
    enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    /**
     * A scalar: {@code value} is a {@link String}, {@link BigInteger}, {@link Double},
     * {@link Boolean} or {@code null}, by {@code kind}; {@code text} is as written.
     */
    record Scalar(Kind kind, String text, Object value, int line) implements YamlNode {
        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "the string '" + text + "'";
                case INTEGER, FLOAT -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "nothing (null)";
            };
        }
    }

    /** One key of a mapping, with the line of the key itself (which is what messages point at). */
    record Entry(String key, int keyLine, YamlNode value) {
    }

    /** A mapping; {@code entries} keeps the order the keys were written in. */
    record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping of keys";
        }
    }

    /** A list. */
    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }
}
