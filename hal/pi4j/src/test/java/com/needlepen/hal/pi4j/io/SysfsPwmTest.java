package com.needlepen.hal.pi4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sysfs PWM writer against a directory laid out as {@code /sys/class/pwm} is (real files: a regular file keeps
 * what a longer earlier write left past the new value's end, which sysfs does not, so the values are read from the
 * start).
 */
class SysfsPwmTest {

    @TempDir
    Path sys;

    private Path channel() throws Exception {
        Path ch = Files.createDirectories(sys.resolve("pwmchip0/pwm0"));
        for (String f : new String[] {"period", "duty_cycle", "enable"}) {
            Files.writeString(ch.resolve(f), "");
        }
        Files.writeString(sys.resolve("pwmchip0/export"), "");
        return ch;
    }

    private static String read(Path f) throws Exception {
        return Files.readString(f);
    }

    @Test
    void givenAnExportedChannel_whenOpenedAt40kHz_thenDutyZeroFirstThenThePeriodThenOn_andDutiesAreNanoseconds() throws Exception {
        Path ch = channel();
        try (SysfsPwm pwm = SysfsPwm.open(sys, 0, 0, 40_000)) {
            assertThat(pwm.periodNanos()).isEqualTo(25_000);
            assertThat(read(ch.resolve("period"))).isEqualTo("25000");
            assertThat(read(ch.resolve("duty_cycle"))).isEqualTo("0");
            assertThat(read(ch.resolve("enable"))).isEqualTo("1");
            pwm.setDutyNanos(12_345);
            assertThat(read(ch.resolve("duty_cycle"))).isEqualTo("12345");
            pwm.setDutyNanos(99_999);
            assertThat(read(ch.resolve("duty_cycle"))).as("never past the period").isEqualTo("25000");
            pwm.off();
            assertThat(read(ch.resolve("duty_cycle"))).startsWith("0");
            assertThat(read(ch.resolve("enable"))).isEqualTo("0");
        }
        assertThat(read(sys.resolve("pwmchip0/export"))).as("already exported: not exported again").isEmpty();
    }

    @Test
    void givenNoPwmChip_whenOpened_thenTheErrorNamesTheOverlayToAdd() {
        IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> SysfsPwm.open(sys, 0, 0, 40_000));
        assertThat(e).hasMessageContaining("pwmchip0 does not exist: the PWM overlay is not loaded; add"
                + " 'dtoverlay=pwm,pin=18,func=2' (Pi 4)");
    }

    @Test
    void givenAChannelNotExported_whenOpened_thenItIsExported_andAChannelThatNeverAppearsIsAnErrorNamingTheGroup()
            throws Exception {
        Files.createDirectories(sys.resolve("pwmchip0"));
        Files.writeString(sys.resolve("pwmchip0/export"), "");
        IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> SysfsPwm.open(sys, 0, 1, 40_000));
        assertThat(read(sys.resolve("pwmchip0/export"))).isEqualTo("1");
        assertThat(e).hasMessageContaining("did not become writable within 2 s of the export")
                .hasMessageContaining("must be in the gpio group");
    }
}
