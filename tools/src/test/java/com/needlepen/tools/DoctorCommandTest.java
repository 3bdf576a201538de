package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code needlepen doctor}: on this machine, which is no Pi, it says so line by line and exits 1; on a Pi's files laid
 * out in a directory (its root) the board, nodes, overlays and groups pass; on the simulator's profile it checks the
 * handpiece's calibration.
 */
class DoctorCommandTest {

    @TempDir
    Path dir;

    private void file(Path root, String path, String content) throws Exception {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void givenThisMachine_whenDoctored_thenItSaysPlainlyWhatIsMissingAndExits1() {
        var r = SimulateCommandTest.runIn(dir, "doctor", "--profile", "pi-tmc5160", "--root", dir.resolve("empty").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("ok       JDK: ").contains("ok       profile: profiles/pi-tmc5160.yaml (pi-tmc5160, backend pi4j)")
                .contains("MISSING  board: no ").contains("this is not a Raspberry Pi")
                .contains("MISSING  the TMC5160 collar driver's SPI (/dev/spidev0.0): missing; add 'dtparam=spi=on'")
                .contains("MISSING  handpiece id: cannot be read")
                .containsPattern("needlepen doctor: \\d+ things missing; fix them as said above");
    }

    @Test
    void givenAPisFilesLaidOut_whenDoctored_thenBoardNodesOverlaysAndGroupsPass() throws Exception {
        Path root = dir.resolve("pi");
        file(root, "/proc/device-tree/model", "Raspberry Pi 5 Model B Rev 1.0\u0000");
        file(root, "/sys/bus/gpio/devices/gpiochip4/label", "pinctrl-rp1\n");
        for (String n : List.of("/dev/gpiochip4", "/dev/i2c-1", "/dev/spidev0.0", "/dev/spidev0.1", "/dev/watchdog",
                "/sys/class/pwm/pwmchip0/export")) {
            file(root, n, "");
        }
        file(root, "/boot/firmware/config.txt", "dtparam=i2c_arm=on\ndtparam=spi=on\ndtoverlay=pwm-2chan\n");
        file(root, "/etc/passwd", "root:x:0:0::/root:/bin/bash\nneedlepen:x:990:990::/var/lib/needlepen:/usr/sbin/nologin\n");
        file(root, "/etc/group", "gpio:x:997:needlepen\nspi:x:996:needlepen\ni2c:x:995:needlepen\ndialout:x:20:needlepen\n");
        file(root, "/proc/cmdline", "console=tty1 isolcpus=3 nohz_full=3\n");
        var r = SimulateCommandTest.runIn(dir, "doctor", "--profile", "pi-tmc5160", "--root", root.toString());
        assertThat(r.out()).contains("ok       board: Raspberry Pi 5 Model B Rev 1.0")
                .contains("ok       the GPIO chip (pinctrl-rp1) (/dev/gpiochip4)")
                .contains("ok       config.txt: dtparam=spi=on")
                .contains("ok       config.txt: the PWM overlay")
                .contains("ok       service user needlepen: in gpio, spi, i2c, dialout")
                .contains("ok       isolated core");
        // the handpiece's EEPROM is read through the real /dev of this machine, which is no Pi
        assertThat(r.out()).contains("MISSING  handpiece id: cannot be read");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void givenTheSimProfile_whenNotCalibratedThenCalibrated_thenTheCalibrationLineSaysSo() {
        var before = SimulateCommandTest.runIn(dir, "doctor", "--profile", "sim");
        assertThat(before.out()).contains("ok       handpiece id: hp-").contains("MISSING  calibration: no depth calibration");
        assertThat(before.exit()).isEqualTo(1);
        assertThat(SimulateCommandTest.runIn(dir, "calibrate", "--from-sim", "--technician", "ci").exit()).isZero();
        var after = SimulateCommandTest.runIn(dir, "doctor", "--profile", "sim");
        assertThat(after.out()).containsPattern("ok       calibration: .*calibration");
        assertThat(after.out()).contains("needlepen doctor: nothing missing");
        assertThat(after.exit()).isZero();
    }
}
