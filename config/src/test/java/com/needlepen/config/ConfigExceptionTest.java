package com.needlepen.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigExceptionTest {

    @Test
    void givenFileLinePathAndReason_whenFormatted_thenOneLineInThatOrder() {
        ConfigException e = new ConfigException("sim.yaml", 23, "motor.resistanceOhm20C",
                "0 is out of range; allowed 0.1 to 100 ohm");

        assertThat(e.getMessage()).isEqualTo("sim.yaml:23: motor.resistanceOhm20C: 0 is out of range; allowed 0.1 to 100 ohm");
        assertThat(e.file()).isEqualTo("sim.yaml");
        assertThat(e.line()).isEqualTo(23);
        assertThat(e.fieldPath()).isEqualTo("motor.resistanceOhm20C");
        assertThat(e.reason()).isEqualTo("0 is out of range; allowed 0.1 to 100 ohm");
    }

    @Test
    void givenNoLineAndNoPath_whenFormatted_thenBothAreLeftOut() {
        assertThat(new ConfigException("x.yaml", 0, "", "file not found").getMessage()).isEqualTo("x.yaml: file not found");
    }

    @Test
    void givenAReasonWithNewlines_whenFormatted_thenCollapsedToOneLine() {
        ConfigException e = new ConfigException("x.yaml", 3, "", "not valid YAML: bad\n in 'reader', line 3:\r\n    ^\n");

        assertThat(e.getMessage()).isEqualTo("x.yaml:3: not valid YAML: bad in 'reader', line 3: ^");
    }
}
