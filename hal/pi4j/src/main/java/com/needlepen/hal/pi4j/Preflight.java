package com.needlepen.hal.pi4j;

import com.needlepen.config.HardwareSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the Pi must offer before the backend opens anything, each with what to do when it does not: the board, the
 * device nodes the wiring needs (GPIO chip, SPI, I2C, the PWM chip, the TMC2209's UART, the watchdog) and this
 * user's right to open them (the group each node belongs to). The backend refuses to start on the first missing
 * one; {@code needlepen doctor} prints them all. Looked up under a root directory, {@code /} on a Pi, so a test lays
 * out a Pi's files in a temporary one.
 */
public final class Preflight {

    /** One thing checked: what, whether it holds, and the fix when it does not. */
    public record Finding(String what, boolean ok, String detail) {
        @Override
        public String toString() {
            return (ok ? "ok      " : "MISSING ") + what + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    private final Path root;

    public Preflight(Path root) {
        this.root = root;
    }

    /** Every check for {@code hw}, in the order a technician would fix them. */
    public List<Finding> check(HardwareSpec hw) {
        List<Finding> f = new ArrayList<>();
        f.add(board());
        f.add(gpioChip(hw.gpioChip()));
        f.add(node("/dev/i2c-" + hw.i2c().bus(), "the I2C bus (current monitor, thermometer, identity EEPROM, display,"
                + " panel expander)", "add 'dtparam=i2c_arm=on' to /boot/firmware/config.txt and reboot"));
        if (hw.collar().tmc5160() != null) {
            HardwareSpec.Spi s = hw.collar().tmc5160();
            f.add(node("/dev/spidev" + s.bus() + "." + s.chipSelect(), "the TMC5160 collar driver's SPI",
                    "add 'dtparam=spi=on' to /boot/firmware/config.txt and reboot"));
        }
        HardwareSpec.Spi scale = hw.scale().spi();
        f.add(node("/dev/spidev" + scale.bus() + "." + scale.chipSelect(), "the collar scale's SPI",
                "add 'dtparam=spi=on' to /boot/firmware/config.txt and reboot"));
        if (hw.collar().tmc2209() != null) {
            f.add(node(hw.collar().tmc2209().uartDevice(), "the TMC2209's UART", "add 'enable_uart=1' and, on a Pi 4,"
                    + " 'dtoverlay=disable-bt' to /boot/firmware/config.txt (the PL011 on GPIO14/15), remove"
                    + " 'console=serial0,115200' from /boot/firmware/cmdline.txt, and reboot"));
        }
        f.add(pwmChip(hw.motor().pwmChip()));
        f.add(node(hw.watchdogDevice(), "the hardware watchdog", "add 'dtparam=watchdog=on' to /boot/firmware/config.txt"
                + " and reboot; the package's udev rule gives the node to the needlepen group"));
        return f;
    }

    /** The first missing thing, as one line for a {@code BackendException}; null when nothing is missing. */
    public String firstProblem(HardwareSpec hw) {
        for (Finding x : check(hw)) {
            if (!x.ok()) {
                return x.what() + ": " + x.detail();
            }
        }
        return null;
    }

    private Path at(String absolute) {
        return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
    }

    Finding board() {
        Path model = at("/proc/device-tree/model");
        String text;
        try {
            text = Files.readString(model).replace("\u0000", "").strip();
        } catch (IOException e) {
            return new Finding("board", false, "no " + model + ": this is not a Raspberry Pi (the pi4j backend runs on a"
                    + " Raspberry Pi 4 or 5; elsewhere use a sim profile)");
        }
        boolean supported = text.startsWith("Raspberry Pi 4") || text.startsWith("Raspberry Pi 5")
                || text.startsWith("Raspberry Pi Compute Module 4") || text.startsWith("Raspberry Pi Compute Module 5");
        return new Finding("board", supported, supported ? text : text + " is not a Raspberry Pi 4 or 5");
    }

    Finding gpioChip(String chip) {
        if (!"auto".equals(chip)) {
            return node("/dev/" + chip, "the GPIO chip", "name a /dev/gpiochipN that exists, or 'auto'");
        }
        // the chip whose label contains "pinctrl": the character device's sysfs directory names its label
        Path bus = at("/sys/bus/gpio/devices");
        try (var chips = Files.list(bus)) {
            for (Path c : chips.sorted().toList()) {
                Path label = c.resolve("label");
                if (Files.exists(label) && Files.readString(label).contains("pinctrl")) {
                    return node("/dev/" + c.getFileName(), "the GPIO chip (" + Files.readString(label).strip() + ")",
                            "the kernel's GPIO character device is missing");
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return new Finding("the GPIO chip", false, "no GPIO chip labelled 'pinctrl' under " + bus + ": not a Pi 4 or 5"
                + " kernel");
    }

    Finding pwmChip(int chip) {
        Path dir = at("/sys/class/pwm/pwmchip" + chip);
        if (!Files.isDirectory(dir)) {
            return new Finding("the stroke motor's PWM (pwmchip" + chip + ")", false, "add 'dtoverlay=pwm,pin=18,func=2'"
                    + " (Pi 4) or 'dtoverlay=pwm-2chan' (Pi 5) to /boot/firmware/config.txt and reboot");
        }
        return writable(dir.resolve("export"), "the stroke motor's PWM (pwmchip" + chip + ")");
    }

    private Finding node(String device, String what, String fix) {
        Path p = at(device);
        if (!Files.exists(p)) {
            return new Finding(what + " (" + device + ")", false, "missing; " + fix);
        }
        return writable(p, what + " (" + device + ")");
    }

    private Finding writable(Path p, String what) {
        if (Files.isReadable(p) && Files.isWritable(p)) {
            return new Finding(what, true, "");
        }
        String group;
        try {
            group = Files.readAttributes(p, PosixFileAttributes.class).group().getName();
        } catch (IOException | UnsupportedOperationException e) {
            group = "its group";
        }
        return new Finding(what, false, String.format(Locale.ROOT, "%s is not readable and writable by this user; add"
                + " the user to group '%s' (the package puts its service user there: usermod -aG %s <user>, then log in"
                + " again)", p, group, group));
    }
}
