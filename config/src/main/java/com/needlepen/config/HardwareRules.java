package com.needlepen.config;

import java.util.HashMap;
import java.util.Map;

/**
 * The wiring against itself and the rest of the profile: only the {@code pi4j} backend has (and needs) a
 * {@code hardware} section; no GPIO line is used twice, nor one a bus in use owns; the I2C devices sit at
 * different addresses, and the SPI devices on different chip selects; the PWM is on GPIO18; a TMC2209's collar
 * top speed is within the step rate the program can time.
 */
final class HardwareRules implements Rule {

    static final String PI4J = "pi4j";
    /** The stroke motor's PWM output (hardware PWM channel 0 on a Pi 4, RP1 PWM0 channel 2 on a Pi 5). */
    static final int PWM_GPIO = 18;

    @Override
    public void check(DeviceProfile p, RuleContext ctx) {
        HardwareSpec hw = p.hardware();
        if (hw == null) {
            if (PI4J.equals(p.backend())) {
                throw ctx.fail("backend", "backend 'pi4j' needs a 'hardware' section: the Raspberry Pi's wiring"
                        + " (see profiles pi-tmc5160.yaml and pi-tmc2209.yaml, docs/wiring.md)");
            }
            return;
        }
        if (!PI4J.equals(p.backend())) {
            throw ctx.fail("hardware", "only the pi4j backend reads a 'hardware' section; backend is '%s'", p.backend());
        }
        Map<Integer, String> owner = new HashMap<>();
        owner.put(PWM_GPIO, "the stroke motor's PWM (GPIO18)");
        if (hw.i2c().bus() == 1) {
            owner.put(2, "I2C1's SDA (hardware.i2c.bus 1)");
            owner.put(3, "I2C1's SCL (hardware.i2c.bus 1)");
        }
        boolean spi0 = hw.scale().spi().bus() == 0 || hw.collar().tmc5160() != null && hw.collar().tmc5160().bus() == 0;
        if (spi0) {
            owner.put(7, "SPI0's CE1");
            owner.put(8, "SPI0's CE0");
            owner.put(9, "SPI0's MISO");
            owner.put(10, "SPI0's MOSI");
            owner.put(11, "SPI0's SCLK");
        }
        HardwareSpec.Tmc2209 t = hw.collar().tmc2209();
        if (t != null && (t.uartDevice().equals("/dev/ttyAMA0") || t.uartDevice().equals("/dev/serial0"))) {
            owner.put(14, "UART0's TXD (" + t.uartDevice() + ")");
            owner.put(15, "UART0's RXD (" + t.uartDevice() + ")");
        }
        for (Object[] line : hw.gpioLines()) {
            String path = (String) line[0];
            int gpio = (Integer) line[1];
            String before = owner.putIfAbsent(gpio, path);
            if (before != null) {
                throw ctx.fail(path, "GPIO %d is already %s; allowed a line nothing else uses", gpio, before);
            }
        }
        Map<Integer, String> addresses = new HashMap<>();
        for (Object[] a : hw.i2c().addresses(hw.panel().expanderAddress())) {
            String path = ((String) a[0]).startsWith("panel.") ? "hardware." + a[0] : "hardware.i2c." + a[0];
            String before = addresses.putIfAbsent((Integer) a[1], path);
            if (before != null) {
                throw ctx.fail(path, "address 0x%02x is already %s's; allowed an address no other device on the bus has",
                        (Integer) a[1], before);
            }
        }
        Map<Integer, String> lines = new HashMap<>();
        for (Object[] a : hw.panel().expanderLines()) {
            String path = "hardware.panel." + a[0];
            if ((Integer) a[1] == 7 || (Integer) a[1] == 15) {
                // Microchip's MCP23017 data sheet since revision D: GPA7 and GPB7 are outputs only; as inputs they can
                // corrupt SDA on the I2C bus (the silicon is unchanged, so every part)
                throw ctx.fail(path, "expander line %d (GP%s7) may only be an output on an MCP23017; allowed 0 to 6 and 8"
                        + " to 14", (Integer) a[1], (Integer) a[1] == 7 ? "A" : "B");
            }
            String before = lines.putIfAbsent((Integer) a[1], path);
            if (before != null) {
                throw ctx.fail(path, "expander line %d is already %s; allowed a line no other button uses", (Integer) a[1],
                        before);
            }
        }
        if (p.cartridges().size() > 3) {
            throw ctx.fail("cartridges", "%d cartridge types, but the cartridge's two coding contacts tell at most 3"
                    + " (hardware.panel.cartridgeCode0 and cartridgeCode1); allowed at most 3", p.cartridges().size());
        }
        HardwareSpec.Spi collarSpi = hw.collar().tmc5160();
        HardwareSpec.Spi scaleSpi = hw.scale().spi();
        if (collarSpi != null && collarSpi.bus() == scaleSpi.bus() && collarSpi.chipSelect() == scaleSpi.chipSelect()) {
            throw ctx.fail("hardware.scale.spi.chipSelect", "SPI%d chip select %d is already the TMC5160's"
                    + " (hardware.collar.tmc5160); allowed another chip select", scaleSpi.bus(), scaleSpi.chipSelect());
        }
        if (t != null) {
            double needed = p.collar().maxSpeedMmPerS() * p.collar().stepsPerMm();
            if (needed > t.maxStepRateHz() + RuleContext.EPSILON) {
                throw ctx.fail("collar.maxSpeedMmPerS", "%s mm/s at %s steps/mm is %s steps/s, above the %s steps/s the"
                        + " program can time on this board (hardware.collar.tmc2209.maxStepRateHz, line %d); allowed at"
                        + " most %s mm/s", RuleContext.num(p.collar().maxSpeedMmPerS()),
                        RuleContext.num(p.collar().stepsPerMm()), RuleContext.num(needed),
                        RuleContext.num(t.maxStepRateHz()), ctx.lineOf("hardware.collar.tmc2209.maxStepRateHz"),
                        RuleContext.num(t.maxStepRateHz() / p.collar().stepsPerMm()));
            }
        }
        // the driver's microstep setting and the collar's steps per mm must describe one machine: a mismatch moves the
        // collar by another distance than the firmware commands (the collar's scale would find it, F30, at the next move)
        HardwareSpec.CollarMotor motor = hw.collar().motor();
        double built = motor.fullStepsPerRev() * (double) motor.microsteps() / motor.leadMm();
        if (Math.abs(built - p.collar().stepsPerMm()) > 1e-6 * built) {
            throw ctx.fail("collar.stepsPerMm", "%s steps/mm does not match the collar's driver: %d full steps x %d"
                    + " microsteps / %s mm lead (hardware.collar.motor, line %d) is %s steps/mm; allowed %s",
                    RuleContext.num(p.collar().stepsPerMm()), motor.fullStepsPerRev(), motor.microsteps(),
                    RuleContext.num(motor.leadMm()), ctx.lineOf("hardware.collar.motor.microsteps"),
                    RuleContext.num(built), RuleContext.num(built));
        }
    }
}
