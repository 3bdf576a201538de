package com.needlepen.hal.pi4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.HardwareSpec;
import com.needlepen.config.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preflight against a Pi's files laid out in a temporary root, and against this machine, which is no Pi. */
class PreflightTest {

    @TempDir
    Path root;

    private static final HardwareSpec TMC5160 = ProfileLoader.bundled("pi-tmc5160").hardware();
    private static final HardwareSpec TMC2209 = ProfileLoader.bundled("pi-tmc2209").hardware();

    private void file(String path, String content) throws Exception {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void pi4() throws Exception {
        file("/proc/device-tree/model", "Raspberry Pi 4 Model B Rev 1.5\u0000");
        file("/sys/bus/gpio/devices/gpiochip0/label", "pinctrl-bcm2711\n");
        file("/sys/bus/gpio/devices/gpiochip1/label", "raspberrypi-exp-gpio\n");
        for (String n : List.of("/dev/gpiochip0", "/dev/i2c-1", "/dev/spidev0.0", "/dev/spidev0.1", "/dev/watchdog",
                "/sys/class/pwm/pwmchip0/export")) {
            file(n, "");
        }
    }

    @Test
    void givenAPi4WiredForTheTmc5160_thenEveryCheckHolds() throws Exception {
        pi4();
        List<Preflight.Finding> found = new Preflight(root).check(TMC5160);
        assertThat(found).allMatch(Preflight.Finding::ok, found.toString());
        assertThat(found.get(0).detail()).isEqualTo("Raspberry Pi 4 Model B Rev 1.5");
        assertThat(found.get(1).what()).isEqualTo("the GPIO chip (pinctrl-bcm2711) (/dev/gpiochip0)");
        assertThat(new Preflight(root).firstProblem(TMC5160)).isNull();
    }

    @Test
    void givenSpiOff_thenTheFirstProblemNamesTheNodeAndTheLineToAdd() throws Exception {
        pi4();
        Files.delete(root.resolve("dev/spidev0.0"));
        assertThat(new Preflight(root).firstProblem(TMC5160)).isEqualTo("the TMC5160 collar driver's SPI (/dev/spidev0.0):"
                + " missing; add 'dtparam=spi=on' to /boot/firmware/config.txt and reboot");
    }

    @Test
    void givenTheTmc2209WithoutItsUart_thenTheUartsFixIsNamed() throws Exception {
        pi4();
        List<Preflight.Finding> found = new Preflight(root).check(TMC2209);
        assertThat(found).filteredOn(f -> !f.ok()).singleElement().satisfies(f -> {
            assertThat(f.what()).isEqualTo("the TMC2209's UART (/dev/ttyAMA0)");
            assertThat(f.detail()).contains("enable_uart=1").contains("dtoverlay=disable-bt");
        });
    }

    @Test
    void givenNoPwmOverlayAndAPi3_thenBothAreNamed() throws Exception {
        pi4();
        file("/proc/device-tree/model", "Raspberry Pi 3 Model B Plus Rev 1.3\u0000");
        Files.delete(root.resolve("sys/class/pwm/pwmchip0/export"));
        Files.delete(root.resolve("sys/class/pwm/pwmchip0"));
        List<Preflight.Finding> bad = new Preflight(root).check(TMC5160).stream().filter(f -> !f.ok()).toList();
        assertThat(bad).extracting(Preflight.Finding::toString).containsExactly(
                "MISSING board: Raspberry Pi 3 Model B Plus Rev 1.3 is not a Raspberry Pi 4 or 5",
                "MISSING the stroke motor's PWM (pwmchip0): add 'dtoverlay=pwm,pin=18,func=2' (Pi 4) or"
                        + " 'dtoverlay=pwm-2chan' (Pi 5) to /boot/firmware/config.txt and reboot");
    }

    @Test
    void givenANodeThisUserCannotOpen_thenTheGroupToJoinIsNamed() throws Exception {
        pi4();
        Path node = root.resolve("dev/i2c-1");
        Files.setPosixFilePermissions(node, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        String group = Files.readAttributes(node, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
        boolean root = System.getProperty("user.name").equals("root");
        String problem = new Preflight(this.root).firstProblem(TMC5160);
        if (root) {
            assertThat(problem).as("root may open anything").isNull();
        } else {
            assertThat(problem).contains("is not readable and writable by this user; add the user to group '" + group + "'");
        }
    }

    @Test
    void givenThisMachine_thenItSaysPlainlyItIsNoPi() {
        Preflight.Finding board = new Preflight(Path.of("/")).check(TMC5160).get(0);
        if (!Files.exists(Path.of("/proc/device-tree/model"))) {
            assertThat(board.ok()).isFalse();
            assertThat(board.detail()).startsWith("no /proc/device-tree/model: this is not a Raspberry Pi");
        }
    }
}
