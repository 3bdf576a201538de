package com.needlepen.config;

/** Reads a profile's {@code hardware} section (the Raspberry Pi's wiring), each key with its bounds. */
final class HardwareBinder {

    /** The 40-pin header's GPIO lines. */
    private static final Range GPIO = Range.closed(0, 27, "(a header GPIO)");
    /** 7-bit I2C addresses outside the reserved blocks. */
    private static final Range I2C_ADDRESS = Range.closed(0x08, 0x77, "(7-bit address)");
    private static final Range SPI_BUS = Range.closed(0, 6, "(SPI controller)");
    private static final Range CHIP_SELECT = Range.closed(0, 2, "(chip select)");

    private HardwareBinder() {
    }

    static HardwareSpec hardware(MapReader m) {
        return new HardwareSpec(
                textOr(m, "gpioChip", "auto"),
                m.section("motor", HardwareBinder::motor),
                m.wholeNumber("indexPin", GPIO),
                m.section("collar", HardwareBinder::collar),
                m.section("scale", s -> new HardwareSpec.Scale(s.section("spi", sp -> spi(sp, 100_000, 1_000_000)))),
                m.section("i2c", HardwareBinder::i2c),
                m.section("panel", HardwareBinder::panel),
                m.wholeNumber("cartridgePresentPin", GPIO),
                m.wholeNumber("ledRedPin", GPIO),
                m.wholeNumber("ledGreenPin", GPIO),
                m.wholeNumber("ledBluePin", GPIO),
                m.wholeNumber("buzzerPin", GPIO),
                textOr(m, "watchdogDevice", "/dev/watchdog"));
    }

    private static String textOr(MapReader m, String key, String whenAbsent) {
        String t = m.textOrNull(key);
        return t == null ? whenAbsent : t;
    }

    private static HardwareSpec.Motor motor(MapReader m) {
        return new HardwareSpec.Motor(
                m.wholeNumber("pwmChip", Range.closed(0, 15, "(pwmchip)")),
                m.wholeNumber("pwmChannel", Range.closed(0, 3, "(channel)")),
                m.wholeNumber("pwmFrequencyHz", Range.closed(1_000, 100_000, "Hz")),
                m.wholeNumber("enablePin", GPIO),
                m.wholeNumber("brakeMonitorPin", GPIO),
                m.wholeNumber("enableTimerFeedPin", GPIO));
    }

    private static HardwareSpec.Collar collar(MapReader m) {
        HardwareSpec.CollarDriver driver = m.choice("driver", HardwareSpec.CollarDriver.class);
        int enable = m.wholeNumber("enablePin", GPIO);
        int home = m.wholeNumber("homeSwitchPin", GPIO);
        // only the chosen driver's section is read, so the other one's is an unknown key where it is written
        if (driver == HardwareSpec.CollarDriver.TMC2209) {
            return new HardwareSpec.Collar(driver, enable, home, null, m.section("tmc2209", HardwareBinder::tmc2209),
                    m.section("motor", s -> collarMotor(s, driver)));
        }
        // the TMC5160's SPI at most 4 MHz on its internal 12 MHz clock (datasheet: fSCK < fCLK / 3 ... 4 MHz)
        return new HardwareSpec.Collar(driver, enable, home, m.section("tmc5160", s -> spi(s, 100_000, 4_000_000)), null,
                m.section("motor", s -> collarMotor(s, driver)));
    }

    private static HardwareSpec.CollarMotor collarMotor(MapReader m, HardwareSpec.CollarDriver driver) {
        Range current = Range.closed(0, 31, "(of 32 steps of the sense resistor's full scale)");
        int fullSteps = m.wholeNumber("fullStepsPerRevolution", Range.closed(4, 1_000, "full steps"));
        double lead = m.number("leadMm", Range.closed(0.05, 10, "mm a revolution"));
        int microsteps = m.wholeNumber("microsteps", Range.closed(1, 256, "(a power of two)"));
        if (m.written("microsteps") && Integer.bitCount(microsteps) != 1) {
            throw m.fail("microsteps", "%d is not a power of two; allowed 1, 2, 4, 8, 16, 32, 64, 128 or 256", microsteps);
        }
        int run = m.wholeNumber("runCurrent", current);
        int hold = m.wholeNumber("holdCurrent", current);
        if (driver == HardwareSpec.CollarDriver.TMC2209 && m.written("runCurrent") && m.written("holdCurrent")
                && hold != run) {
            throw m.fail("holdCurrent", "%d differs from runCurrent %d; the TMC2209 holds at its run current while the"
                    + " needles run: allowed %d", hold, run, run);
        }
        int reduced = m.wholeNumber("reducedHoldCurrent", current);
        if (m.written("holdCurrent") && reduced > hold) {
            throw m.fail("reducedHoldCurrent", "%d is above holdCurrent %d; allowed 0 to %d", reduced, hold, hold);
        }
        int sgt = driver == HardwareSpec.CollarDriver.TMC5160
                ? m.wholeNumber("stallGuardThreshold", Range.closed(-64, 63, "(the TMC5160's SGT)"))
                : m.wholeNumber("stallGuardThreshold", Range.closed(0, 255, "(the TMC2209's SGTHRS; 0: off)"));
        // the TMC5160's stall judgement is its StallGuard and the firmware's own comparison of the encoder input
        int tolerance = driver == HardwareSpec.CollarDriver.TMC2209
                ? m.wholeNumber("stallToleranceSteps", Range.closed(1, 100_000, "microsteps")) : 0;
        return new HardwareSpec.CollarMotor(fullSteps, lead, microsteps, run, hold, reduced, sgt, tolerance);
    }

    private static HardwareSpec.Spi spi(MapReader m, int minHz, int maxHz) {
        return new HardwareSpec.Spi(m.wholeNumber("bus", SPI_BUS), m.wholeNumber("chipSelect", CHIP_SELECT),
                m.wholeNumber("clockHz", Range.closed(minHz, maxHz, "Hz")));
    }

    private static HardwareSpec.Tmc2209 tmc2209(MapReader m) {
        return new HardwareSpec.Tmc2209(m.text("uartDevice"),
                m.wholeNumber("uartBaud", Range.closed(9_600, 500_000, "baud")),
                m.wholeNumber("nodeAddress", Range.closed(0, 3, "(MS1/MS2 address)")),
                m.wholeNumber("stepPin", GPIO), m.wholeNumber("dirPin", GPIO),
                m.number("maxStepRateHz", Range.closed(100, 20_000, "Hz")));
    }

    private static HardwareSpec.I2c i2c(MapReader m) {
        return new HardwareSpec.I2c(m.wholeNumber("bus", Range.closed(0, 22, "(/dev/i2c-N)")),
                m.choice("currentMonitor", HardwareSpec.CurrentMonitor.class),
                m.wholeNumber("currentMonitorAddress", I2C_ADDRESS),
                m.number("shuntOhms", Range.closed(0.001, 1, "ohm")),
                m.wholeNumber("thermometerAddress", I2C_ADDRESS),
                m.wholeNumber("handpieceMemoryAddress", I2C_ADDRESS),
                m.wholeNumber("displayAddress", I2C_ADDRESS));
    }

    private static HardwareSpec.Panel panel(MapReader m) {
        Range line = Range.closed(0, 15, "(expander line: 0-7 GPA, 8-15 GPB)");
        return new HardwareSpec.Panel(m.wholeNumber("startStop", GPIO), m.wholeNumber("footswitch", GPIO),
                m.wholeNumber("expanderAddress", Range.closed(0x20, 0x27, "(MCP23017 address)")),
                m.wholeNumber("depthUp", line), m.wholeNumber("depthDown", line), m.wholeNumber("rateUp", line),
                m.wholeNumber("rateDown", line), m.wholeNumber("preset", line), m.wholeNumber("acknowledge", line),
                m.wholeNumber("confirm", line), m.wholeNumber("cartridgeCode0", line),
                m.wholeNumber("cartridgeCode1", line));
    }
}
