package com.needlepen.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Typed, strict access to one YAML mapping of a profile. Every key must be one of the allowed
 * keys (checked up front, so a typo reports "did you mean" rather than a missing key); a
 * required key that is absent, or a value of the wrong type, is a {@link ConfigException} naming
 * the field path and line. Nothing here falls back to a default unless the caller passes one.
 */
final class MapReader {

    private final YamlNode.Mapping map;
    private final String path;
    private final int line;
    private final KeyLines lines;

    private MapReader(YamlNode.Mapping map, String path, int line, KeyLines lines) {
        this.map = map;
        this.path = path;
        this.line = line;
        this.lines = lines;
    }

    /** The top level of a profile. */
    static MapReader root(YamlNode node, KeyLines lines, String... allowed) {
        // A missing top-level key has no line of its own to point at, hence 0.
        return of(node, "", 0, lines, Arrays.asList(allowed));
    }

    private static MapReader of(YamlNode node, String path, int line, KeyLines lines, List<String> allowed) {
        if (!(node instanceof YamlNode.Mapping map)) {
            String where = path.isEmpty() ? " at the top level" : "";
            throw lines.errorAt(node.line(), path, "expected a mapping of keys" + where + ", got " + node.describe());
        }
        for (YamlNode.Entry e : map.entries().values()) {
            if (!allowed.contains(e.key())) {
                throw lines.errorAt(e.keyLine(), KeyLines.child(path, e.key()), DidYouMean.unknownKey(e.key(), allowed));
            }
        }
        return new MapReader(map, path, line, lines);
    }

    /** The path of {@code key} in this mapping, for messages. */
    String path(String key) {
        return KeyLines.child(path, key);
    }

    /** A required nested mapping. */
    MapReader section(String key, String... allowed) {
        YamlNode.Entry e = require(key);
        return of(e.value(), path(key), e.keyLine(), lines, Arrays.asList(allowed));
    }

    /** A required list whose items are mappings (cartridges, presets); may be empty. */
    List<MapReader> sections(String key, String... allowed) {
        YamlNode.Entry e = require(key);
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            throw wrongType(key, e, "a list");
        }
        List<MapReader> items = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            String itemPath = KeyLines.item(path(key), items.size());
            items.add(of(item, itemPath, item.line(), lines, Arrays.asList(allowed)));
        }
        return items;
    }

    /** A required number. */
    double number(String key) {
        return toDouble(key, require(key));
    }

    /** An optional number, {@code whenAbsent} if the key is not written (an explicit null is an error). */
    double number(String key, double whenAbsent) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? whenAbsent : toDouble(key, e);
    }

    /** A required whole number that fits an {@code int}; {@code 12.0} is accepted, {@code 12.5} is not. */
    int wholeNumber(String key) {
        YamlNode.Entry e = require(key);
        if (e.value() instanceof YamlNode.Scalar s && s.value() instanceof BigInteger big) {
            if (big.bitLength() >= 32) {
                throw lines.errorAt(e.keyLine(), path(key), s.text() + " is too large for a whole-number field");
            }
            return big.intValue();
        }
        double d = toDouble(key, e);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw wrongType(key, e, "a whole number");
        }
        return (int) d;
    }

    /** An optional boolean ({@code true}/{@code false}), {@code whenAbsent} if not written. */
    boolean flag(String key, boolean whenAbsent) {
        YamlNode.Entry e = map.entries().get(key);
        if (e == null) {
            return whenAbsent;
        }
        if (e.value() instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
            return b;
        }
        throw wrongType(key, e, "true or false");
    }

    /**
     * A required text value. Any non-null scalar is taken as written, since YAML would type an
     * all-digit id such as {@code 0001} as a number although it is meant as text.
     */
    String text(String key) {
        YamlNode.Entry e = require(key);
        if (e.value() instanceof YamlNode.Scalar s && s.kind() != YamlNode.Kind.NULL) {
            return s.text();
        }
        throw wrongType(key, e, "text");
    }

    /** An optional text value: {@code null} when absent or written as {@code null}. */
    String textOrNull(String key) {
        YamlNode.Entry e = map.entries().get(key);
        if (e == null || (e.value() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL)) {
            return null;
        }
        return text(key);
    }

    /** A required enum constant, matched case-insensitively against the constant names. */
    <E extends Enum<E>> E choice(String key, Class<E> type) {
        String value = text(key);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants())
                .map(c -> "'" + c.name().toLowerCase(Locale.ROOT) + "'").toList();
        throw lines.errorAt(require(key).keyLine(), path(key),
                "'" + value + "' is not allowed; allowed " + String.join(" or ", allowed));
    }

    private YamlNode.Entry require(String key) {
        YamlNode.Entry e = map.entries().get(key);
        if (e == null) {
            throw lines.errorAt(line, path(key), "required key is missing");
        }
        return e;
    }

    private double toDouble(String key, YamlNode.Entry e) {
        if (e.value() instanceof YamlNode.Scalar s) {
            if (s.value() instanceof BigInteger big) {
                return big.doubleValue();
            }
            if (s.value() instanceof Double d) {
                return d;
            }
        }
        throw wrongType(key, e, "a number");
    }

    private ConfigException wrongType(String key, YamlNode.Entry e, String expected) {
        return lines.errorAt(e.keyLine(), path(key), "expected " + expected + ", got " + e.value().describe());
    }
}
