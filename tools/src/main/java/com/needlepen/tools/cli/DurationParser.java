package com.needlepen.tools.cli;

import com.needlepen.tools.UserInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code 60s}, {@code 1.5m}, {@code 500ms} or a plain number of seconds into nanoseconds. */
public final class DurationParser {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final long MAX_NANOS = 24L * 3600 * 1_000_000_000L;

    private DurationParser() {
    }

    public static long parseNanos(String option, String text) {
        return parseNanos(option, text, 100_000_000L, "0.1 s");
    }

    /** As {@link #parseNanos(String, String)}, allowing durations from {@code minNanos} (named {@code minWords}). */
    public static long parseNanos(String option, String text, long minNanos, String minWords) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UserInputException(option + " '" + text + "' is not a duration; use e.g. 60s, 2m, 500ms");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double seconds = switch (unit) {
            case "ms" -> value / 1000.0;
            case "m" -> value * 60.0;
            case "h" -> value * 3600.0;
            default -> value;
        };
        long nanos = Math.round(seconds * 1e9);
        if (nanos < minNanos || nanos > MAX_NANOS) {
            throw new UserInputException(option + " '" + text + "' is out of range; allowed " + minWords + " to 24 h");
        }
        return nanos;
    }
}
