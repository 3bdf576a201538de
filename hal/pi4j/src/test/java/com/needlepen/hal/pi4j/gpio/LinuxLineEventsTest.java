package com.needlepen.hal.pi4j.gpio;

import com.needlepen.hal.pi4j.linux.LibC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What LinuxLineEvents says when a Pi's GPIO is not there or not allowed; no native call is made. */
class LinuxLineEventsTest {

    @Test
    void noChipNodeIsOneLineNamingWhatIsMissing(@TempDir Path dev) {
        assertThatThrownBy(() -> LinuxLineEvents.open(dev, 17, LinuxLineEvents.Bias.PULL_UP, 1024))
                .isInstanceOf(IOException.class)
                .hasMessage("no GPIO character device " + dev.resolve("gpiochip*")
                        + ": not a Raspberry Pi, or a kernel without CONFIG_GPIO_CDEV (use Raspberry Pi OS's kernel)");
    }

    @Test
    void aBufferBeyondTheKernelsCapIsRefused(@TempDir Path dev) {
        assertThatThrownBy(() -> LinuxLineEvents.open(dev, 17, LinuxLineEvents.Bias.PULL_UP, 1025))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event buffer of 1025 events: the kernel allows 1..1024");
    }

    @Test
    void permissionDeniedNamesTheNodeAndTheGroup() {
        assertThat(LinuxLineEvents.openFailure("/dev/gpiochip0", LibC.EACCES)).isEqualTo(
                "permission denied opening /dev/gpiochip0: the service user must be in group gpio"
                        + " (sudo usermod -aG gpio USER; the needlepen package's user is)");
    }

    @Test
    void aLineHeldByAnotherConsumerSaysSo() {
        assertThat(LinuxLineEvents.requestFailure("line 17 of /dev/gpiochip0 (pinctrl-bcm2711)", LibC.EBUSY))
                .isEqualTo("line 17 of /dev/gpiochip0 (pinctrl-bcm2711) is in use by another consumer"
                        + " (gpioinfo names it): remove the overlay or program that holds it");
    }

    @Test
    void theSocsChipIsFoundByItsLabel() {
        assertThat(LinuxLineEvents.isSocChip("pinctrl-bcm2711")).isTrue();
        assertThat(LinuxLineEvents.isSocChip("pinctrl-rp1")).isTrue();
        assertThat(LinuxLineEvents.isSocChip("raspberrypi-exp-gpio")).isFalse();
        assertThat(LinuxLineEvents.isSocChip("gpio-brcmstb@107d508500")).isFalse();
    }
}
