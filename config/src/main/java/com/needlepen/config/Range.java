package com.needlepen.config;

/**
 * An allowed interval for a numeric profile field, with its unit, for the bounds a key is read
 * with and their messages. NaN and the infinities are never inside a range.
 */
record Range(double min, boolean minIncluded, double max, boolean maxIncluded, String unit) {

    /** {@code [min, max]}. */
    static Range closed(double min, double max, String unit) {
        return new Range(min, true, max, true, unit);
    }

    /** {@code (min, max]}: for quantities that must be strictly positive. */
    static Range aboveUpTo(double min, double max, String unit) {
        return new Range(min, false, max, true, unit);
    }

    /**
     * Any finite number: for a value whose only bounds depend on other keys (a preset's depth
     * against {@code depth.*}), which a cross-field rule checks with a message naming them.
     */
    static Range anyFinite(String unit) {
        return closed(-Double.MAX_VALUE, Double.MAX_VALUE, unit);
    }

    boolean contains(double value) {
        boolean aboveMin = minIncluded ? value >= min : value > min;
        boolean belowMax = maxIncluded ? value <= max : value < max;
        return aboveMin && belowMax;
    }

    /** E.g. {@code 0.1 to 100 ohm}, {@code above 0 up to 1}. */
    String describe() {
        String suffix = unit.isEmpty() ? "" : " " + unit;
        if (min == -Double.MAX_VALUE && max == Double.MAX_VALUE) {
            return unit.isEmpty() ? "any finite number" : "any finite number of " + unit;
        }
        if (minIncluded && maxIncluded) {
            return RuleContext.num(min) + " to " + RuleContext.num(max) + suffix;
        }
        return (minIncluded ? "from " : "above ") + RuleContext.num(min)
                + (maxIncluded ? " up to " : " below ") + RuleContext.num(max) + suffix;
    }
}
