package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.tools.calibration.PromptSource;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PromptSourceTest {

    @Test
    void givenANonNumberAndAnOutOfRangeReadingWhenPromptedThenEachIsAskedAgainUntilAGoodOne() {
        StringWriter out = new StringWriter();
        PromptSource prompt = new PromptSource(new BufferedReader(new StringReader("deep\n7.5\n\n1,234\n")),
                new PrintWriter(out, true), -1.0, 3.5);
        double value = prompt.measure(2, 26, 1.2);
        assertThat(value).isEqualTo(1.234);
        assertThat(out.toString())
                .contains("point 3/26 at 1.200 mm")
                .contains("'deep' is not a number of mm")
                .contains("7.5 mm is outside what the gauge can read here (-1.00 to 3.50 mm)")
                .contains("'' is not a number of mm");
    }
}
