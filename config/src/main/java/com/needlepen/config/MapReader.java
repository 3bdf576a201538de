package com.needlepen.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, strict access to one YAML mapping of a profile, in which reading a key is declaring it:
 * the call names the key, its type and, for a number, its allowed {@link Range} (Klipper's
 * {@code config.getfloat(name, minval=, maxval=)}). The keys a mapping allows are exactly the keys
 * its binder read; once the binder has run, any other key written there is an unknown key, with a
 * did-you-mean among the keys read. So no key is allowed without being read, and none is read
 * without being allowed.
 *
 * <p>A value of the wrong type, or outside its range, is a {@link ConfigException} at once, naming
 * the file, line, field path and what is allowed: bounds hold before any cross-field rule sees a
 * value, so those rules never meet a zero resistance. A required key that is absent is reported
 * after the mapping's unknown keys, so a misspelt key reads "did you mean" rather than "missing".
 * Nothing falls back to a default unless the read declares one, and a declared default must lie
 * inside the declared range.
 */
final class MapReader {

    private static final YamlNode.Mapping NOTHING_WRITTEN = new YamlNode.Mapping(Map.of(), 0);

    private final YamlNode.Mapping map;
    private final String path;
    private final int line;
    private final KeyLines lines;
    private final Set<String> declared = new LinkedHashSet<>();
    /** The first required key found absent; thrown by {@link #finish} once unknown keys are ruled out. */
    private ConfigException missing;

    private MapReader(YamlNode.Mapping map, String path, int line, KeyLines lines) {
        this.map = map;
        this.path = path;
        this.line = line;
        this.lines = lines;
    }

    /**
     * Binds the top level of a profile with {@code binder}, then refuses any top-level key the binder
     * did not read.
     */
    static <T> T root(YamlNode node, KeyLines lines, Function<MapReader, T> binder) {
        // A missing top-level key has no line of its own to point at, hence 0.
        return bind(of(node, "", 0, lines), binder);
    }

    private static MapReader of(YamlNode node, String path, int line, KeyLines lines) {
        if (!(node instanceof YamlNode.Mapping map)) {
            String where = path.isEmpty() ? " at the top level" : "";
            throw lines.errorAt(node.line(), path, "expected a mapping of keys" + where + ", got " + node.describe());
        }
        return new MapReader(map, path, line, lines);
    }

    private static <T> T bind(MapReader reader, Function<MapReader, T> binder) {
        T value;
        try {
            value = binder.apply(reader);
        } catch (RuntimeException e) {
            if (reader.missing == null || e instanceof ConfigException) {
                throw e;
            }
            // A record refused the stand-in for a missing key; finish() reports that key, which is the real problem.
            value = null;
        }
        reader.finish();
        return value;
    }

    /** Throws for the first key written here that was never read, else for the first missing required key. */
    private void finish() {
        for (YamlNode.Entry e : map.entries().values()) {
            if (!declared.contains(e.key())) {
                throw lines.errorAt(e.keyLine(), path(e.key()), DidYouMean.unknownKey(e.key(), declaredKeys()));
            }
        }
        if (missing != null) {
            throw missing;
        }
    }

    /** The keys read from this mapping so far, in the order they were read: the keys it allows. */
    List<String> declaredKeys() {
        return List.copyOf(declared);
    }

    /** The path of {@code key} in this mapping, for messages. */
    String path(String key) {
        return KeyLines.child(path, key);
    }

    /** Whether {@code key} is written here (read or not). */
    boolean written(String key) {
        return map.entries().containsKey(key);
    }

    /**
     * An error at {@code key}'s line (this mapping's when it is not written) for a rule between keys the binder
     * checks itself: {@code format} with {@code args}, saying what is allowed.
     */
    ConfigException fail(String key, String format, Object... args) {
        YamlNode.Entry e = map.entries().get(key);
        return lines.errorAt(e == null ? line : e.keyLine(), path(key), String.format(java.util.Locale.ROOT, format, args));
    }

    /** A required nested mapping, read by {@code binder}; {@code null} only when missing (then reported). */
    <T> T section(String key, Function<MapReader, T> binder) {
        YamlNode.Entry e = required(key);
        return e == null ? null : bind(of(e.value(), path(key), e.keyLine(), lines), binder);
    }

    /**
     * An optional nested mapping. When it is not written, {@code binder} reads an empty mapping, so each
     * of its keys takes its declared default: the defaults are said once, where the keys are read.
     */
    <T> T optionalSection(String key, Function<MapReader, T> binder) {
        YamlNode.Entry e = declare(key);
        if (e == null) {
            return bind(new MapReader(NOTHING_WRITTEN, path(key), line, lines), binder);
        }
        return bind(of(e.value(), path(key), e.keyLine(), lines), binder);
    }

    /** An optional nested mapping that is either written whole or absent: {@code null} when not written. */
    <T> T sectionOrNull(String key, Function<MapReader, T> binder) {
        YamlNode.Entry e = declare(key);
        return e == null ? null : bind(of(e.value(), path(key), e.keyLine(), lines), binder);
    }

    /** A required list whose items are mappings (cartridges, presets), each read by {@code binder}; may be empty. */
    <T> List<T> sections(String key, Function<MapReader, T> binder) {
        YamlNode.Entry e = required(key);
        if (e == null) {
            return List.of();
        }
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            throw wrongType(key, e, "a list");
        }
        List<T> items = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            String itemPath = KeyLines.item(path(key), items.size());
            items.add(bind(of(item, itemPath, item.line(), lines), binder));
        }
        return items;
    }

    /** A required number within {@code range}. */
    double number(String key, Range range) {
        YamlNode.Entry e = required(key);
        return e == null ? Double.NaN : inRange(key, e, toDouble(key, e), range);
    }

    /** An optional number within {@code range}; {@code whenAbsent} (itself within the range) if not written. */
    double number(String key, Range range, double whenAbsent) {
        defaultInside(key, range, whenAbsent);
        YamlNode.Entry e = declare(key);
        return e == null ? whenAbsent : inRange(key, e, toDouble(key, e), range);
    }

    /** A required whole number within {@code range}; {@code 12.0} is accepted, {@code 12.5} is not. */
    int wholeNumber(String key, Range range) {
        YamlNode.Entry e = required(key);
        if (e == null) {
            return 0;
        }
        int value;
        if (e.value() instanceof YamlNode.Scalar s && s.value() instanceof BigInteger big) {
            if (big.bitLength() >= 32) {
                throw lines.errorAt(e.keyLine(), path(key), s.text() + " is too large for a whole-number field");
            }
            value = big.intValue();
        } else {
            double d = toDouble(key, e);
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw wrongType(key, e, "a whole number");
            }
            value = (int) d;
        }
        inRange(key, e, value, range);
        return value;
    }

    /** An optional boolean ({@code true}/{@code false}), {@code whenAbsent} if not written. */
    boolean flag(String key, boolean whenAbsent) {
        YamlNode.Entry e = declare(key);
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
        YamlNode.Entry e = required(key);
        return e == null ? "" : textOf(key, e);
    }

    /** An optional text value: {@code null} when absent or written as {@code null}. */
    String textOrNull(String key) {
        YamlNode.Entry e = declare(key);
        if (e == null || (e.value() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL)) {
            return null;
        }
        return textOf(key, e);
    }

    /** A required enum constant, matched case-insensitively against the constant names. */
    <E extends Enum<E>> E choice(String key, Class<E> type) {
        YamlNode.Entry e = required(key);
        if (e == null) {
            return null;
        }
        String value = textOf(key, e);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants())
                .map(c -> "'" + c.name().toLowerCase(Locale.ROOT) + "'").toList();
        throw lines.errorAt(e.keyLine(), path(key), "'" + value + "' is not allowed; allowed " + String.join(" or ", allowed));
    }

    /** An optional enum constant, {@code whenAbsent} if not written. */
    <E extends Enum<E>> E choice(String key, Class<E> type, E whenAbsent) {
        if (!map.entries().containsKey(key)) {
            declare(key);
            return whenAbsent;
        }
        return choice(key, type); // written: read and declared there
    }

    /** Records {@code key} as read here; its entry, or {@code null} if not written. */
    private YamlNode.Entry declare(String key) {
        if (!declared.add(key)) {
            // A binder bug, not a profile error: one key, one declaration.
            throw new IllegalStateException(path(key) + " is read twice; declare each key once");
        }
        return map.entries().get(key);
    }

    /** As {@link #declare}; when not written, notes it as missing (reported by {@link #finish}). */
    private YamlNode.Entry required(String key) {
        YamlNode.Entry e = declare(key);
        if (e == null && missing == null) {
            missing = lines.errorAt(line, path(key), "required key is missing");
        }
        return e;
    }

    private double inRange(String key, YamlNode.Entry e, double value, Range range) {
        if (!range.contains(value)) {
            throw lines.errorAt(e.keyLine(), path(key),
                    RuleContext.num(value) + " is out of range; allowed " + range.describe());
        }
        return value;
    }

    private void defaultInside(String key, Range range, double whenAbsent) {
        if (!range.contains(whenAbsent)) {
            throw new IllegalArgumentException("the default " + whenAbsent + " of " + path(key)
                    + " is outside its own range " + range.describe());
        }
    }

    private String textOf(String key, YamlNode.Entry e) {
        if (e.value() instanceof YamlNode.Scalar s && s.kind() != YamlNode.Kind.NULL) {
            return s.text();
        }
        throw wrongType(key, e, "text");
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
