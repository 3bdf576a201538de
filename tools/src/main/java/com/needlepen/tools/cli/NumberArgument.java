package com.needlepen.tools.cli;

import com.needlepen.tools.UserInputException;
import java.util.regex.Pattern;

/**
 * A number given on the command line as people write one: digits with an optional point. Exponents,
 * infinities and NaN are refused by name ({@code --depth '1e400'}), so a later check never talks
 * about "Infinity mm".
 */
final class NumberArgument {

    private static final Pattern PLAIN = Pattern.compile("-?(\\d{1,9}(\\.\\d{1,9})?|\\.\\d{1,9})");

    private NumberArgument() {
    }

    static double parse(String option, String text, String unit, String example) {
        String t = text.trim();
        if (!PLAIN.matcher(t).matches()) {
            throw new UserInputException(option + " '" + text + "' is not a plain number of " + unit
                    + "; write it like " + example);
        }
        return Double.parseDouble(t);
    }
}
