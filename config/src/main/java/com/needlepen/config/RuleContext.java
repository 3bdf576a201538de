package com.needlepen.config;

import java.math.BigDecimal;
import java.util.Locale;

/** What a {@link Rule} needs to report a violation: the key lines, and number formatting. */
final class RuleContext {

    /** Tolerance for "is a multiple of the step" and "fits inside": 1 nm, far below any mechanism. */
    static final double EPSILON = 1e-9;

    private final KeyLines lines;
    private final java.util.Collection<String> knownBackends;

    RuleContext(KeyLines lines) {
        this(lines, null);
    }

    RuleContext(KeyLines lines, java.util.Collection<String> knownBackends) {
        this.lines = lines;
        this.knownBackends = knownBackends;
    }

    /** The backends the loading program has, or null when it did not say (then any well-formed name). */
    java.util.Collection<String> knownBackends() {
        return knownBackends;
    }

    /** An exception about {@code path} at its line; callers {@code throw} it. */
    ConfigException fail(String path, String format, Object... args) {
        return lines.error(path, String.format(Locale.ROOT, format, args));
    }

    /** The line {@code path} was written on, 0 if unknown; for messages that cite a second key. */
    int lineOf(String path) {
        return lines.lineOf(path);
    }

    /**
     * Throws unless {@code value} is a whole multiple of {@code step} (the key {@code stepPath}), naming
     * the nearest allowed values: the panel moves in steps from zero, so an off-grid value could never
     * be selected exactly, nor returned to.
     */
    void onStep(String path, double value, double step, String stepPath, String unit) {
        if (!isMultiple(value, step)) {
            double below = Math.floor(value / step) * step;
            throw fail(path, "%s %s is not a multiple of %s (%s %s); nearest allowed %s or %s %s", num(value), unit,
                    stepPath, num(step), unit, num(below), num(below + step), unit);
        }
    }

    /**
     * A number as a person would write it: {@code 0}, {@code 2.5}, {@code 1E-7}; no {@code 2.0}
     * or binary noise such as {@code 1.5000000000000002} (values echoed back come from the file).
     */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = BigDecimal.valueOf(v).round(new java.math.MathContext(12)).stripTrailingZeros();
        double abs = Math.abs(v);
        return abs >= 1e-4 && abs < 1e9 ? d.toPlainString() : d.toString();
    }

    /** A computed limit to one decimal, rounded down so "reaches 149.9 Hz" never reads as 150. */
    static String floor1(double v) {
        return String.format(Locale.ROOT, "%.1f", Math.floor(v * 10.0) / 10.0);
    }

    /** A computed value to one decimal, rounded up: for a force or rate that is needed. */
    static String ceil1(double v) {
        return String.format(Locale.ROOT, "%.1f", Math.ceil(v * 10.0 - 1e-9) / 10.0);
    }

    /** Whether {@code value} is a whole multiple of {@code step}, within {@link #EPSILON}. */
    static boolean isMultiple(double value, double step) {
        double nearest = Math.rint(value / step) * step;
        return Math.abs(value - nearest) <= EPSILON;
    }
}
