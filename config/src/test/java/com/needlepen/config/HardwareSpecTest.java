package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.replaceOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** The Raspberry Pi's wiring in a profile: read with its bounds, and held against itself and the rest. */
class HardwareSpecTest {

    private static String pi5160() {
        return ProfileYaml.bundledText("pi-tmc5160");
    }

    private static String pi2209() {
        return ProfileYaml.bundledText("pi-tmc2209");
    }

    @Test
    void givenTheBundledPiProfiles_whenLoaded_thenTheirWiringIsAsWritten() {
        HardwareSpec a = ProfileLoader.bundled("pi-tmc5160").hardware();
        assertThat(ProfileLoader.bundled("pi-tmc5160").backend()).isEqualTo("pi4j");
        assertThat(a.gpioChip()).isEqualTo("auto");
        assertThat(a.motor()).isEqualTo(new HardwareSpec.Motor(0, 0, 40_000, 23, 24, 25));
        assertThat(a.indexPin()).isEqualTo(17);
        assertThat(a.collar().driver()).isEqualTo(HardwareSpec.CollarDriver.TMC5160);
        assertThat(a.collar().tmc5160()).isEqualTo(new HardwareSpec.Spi(0, 0, 2_000_000));
        assertThat(a.collar().tmc2209()).isNull();
        assertThat(a.scale().spi()).isEqualTo(new HardwareSpec.Spi(0, 1, 1_000_000));
        // hexadecimal addresses as a technician writes them
        assertThat(a.i2c()).isEqualTo(new HardwareSpec.I2c(1, HardwareSpec.CurrentMonitor.INA226, 0x40, 0.01, 0x48, 0x50,
                0x3C));
        assertThat(a.panel()).isEqualTo(new HardwareSpec.Panel(5, 6, 0x20, 0, 1, 2, 3, 4, 5, 6, 8, 9));
        assertThat(a.watchdogDevice()).isEqualTo("/dev/watchdog");
        DeviceProfile b = ProfileLoader.bundled("pi-tmc2209");
        assertThat(b.hardware().collar().tmc2209())
                .isEqualTo(new HardwareSpec.Tmc2209("/dev/ttyAMA0", 115_200, 0, 21, 4, 10_000));
        assertThat(b.hardware().collar().tmc5160()).isNull();
        assertThat(b.collar().stepsPerMm() * b.collar().maxSpeedMmPerS()).isLessThanOrEqualTo(10_000);
        // the sim's profiles have no wiring
        assertThat(ProfileLoader.bundled("sim").hardware()).isNull();
    }

    @Test
    void givenThePi4jBackendWithoutWiring_whenLoaded_thenRefusedSayingWhatIsMissing() {
        String yaml = ProfileYaml.simWith("backend: sim", "backend: pi4j");
        assertError(loadError(yaml), "backend", lineOf(yaml, "backend:"),
                "backend 'pi4j' needs a 'hardware' section: the Raspberry Pi's wiring (see profiles pi-tmc5160.yaml and"
                        + " pi-tmc2209.yaml, docs/wiring.md)");
    }

    @Test
    void givenWiringOnTheSimBackend_whenLoaded_thenRefused() {
        String yaml = replaceOnce(pi5160(), "backend: pi4j", "backend: sim");
        assertError(loadError(yaml), "hardware", lineOf(yaml, "hardware:"),
                "only the pi4j backend reads a 'hardware' section; backend is 'sim'");
    }

    @Test
    void givenALineUsedTwice_whenLoaded_thenTheSecondUseIsRefusedNamingTheFirst() {
        String yaml = replaceOnce(pi5160(), "  buzzerPin: 20", "  buzzerPin: 17");
        assertError(loadError(yaml), "hardware.buzzerPin", lineOf(yaml, "buzzerPin"),
                "GPIO 17 is already hardware.indexPin; allowed a line nothing else uses");
    }

    @Test
    void givenALineABusOwns_whenLoaded_thenRefusedNamingTheBus() {
        String yaml = replaceOnce(pi5160(), "  buzzerPin: 20", "  buzzerPin: 9");
        assertError(loadError(yaml), "hardware.buzzerPin", lineOf(yaml, "buzzerPin"),
                "GPIO 9 is already SPI0's MISO; allowed a line nothing else uses");
        String pwm = replaceOnce(pi5160(), "  ledRedPin: 12", "  ledRedPin: 18");
        assertError(loadError(pwm), "hardware.ledRedPin", lineOf(pwm, "ledRedPin"),
                "GPIO 18 is already the stroke motor's PWM (GPIO18); allowed a line nothing else uses");
        String uart = replaceOnce(pi2209(), "      dirPin: 4", "      dirPin: 14");
        assertError(loadError(uart), "hardware.collar.tmc2209.dirPin", lineOf(uart, "dirPin"),
                "GPIO 14 is already UART0's TXD (/dev/ttyAMA0); allowed a line nothing else uses");
    }

    @Test
    void givenTwoDevicesAtOneAddress_whenLoaded_thenRefused() {
        String yaml = replaceOnce(pi5160(), "thermometerAddress: 0x48", "thermometerAddress: 0x40");
        assertError(loadError(yaml), "hardware.i2c.thermometerAddress", lineOf(yaml, "thermometerAddress"),
                "address 0x40 is already hardware.i2c.currentMonitorAddress's; allowed an address no other device on"
                        + " the bus has");
        String exp = replaceOnce(pi5160(), "expanderAddress: 0x20", "expanderAddress: 0x27");
        assertThat(ProfileLoader.parse(exp, "ok.yaml").hardware().panel().expanderAddress()).isEqualTo(0x27);
    }

    @Test
    void givenTheScaleOnTheCollarDriversChipSelect_whenLoaded_thenRefused() {
        String yaml = replaceOnce(pi5160(), "      chipSelect: 1", "      chipSelect: 0");
        int line = (int) yaml.substring(0, yaml.indexOf("      chipSelect: 0\n      clockHz: 1000000")).chars()
                .filter(c -> c == '\n').count() + 1;
        assertError(loadError(yaml), "hardware.scale.spi.chipSelect", line,
                "SPI0 chip select 0 is already the TMC5160's (hardware.collar.tmc5160); allowed another chip select");
    }

    @Test
    void givenTwoButtonsOnOneExpanderLine_whenLoaded_thenRefused() {
        String yaml = replaceOnce(pi5160(), "    confirm: 6", "    confirm: 0");
        assertError(loadError(yaml), "hardware.panel.confirm", lineOf(yaml, "    confirm: 0"),
                "expander line 0 is already hardware.panel.depthUp; allowed a line no other button uses");
    }

    @Test
    void givenATmc2209CollarFasterThanItsStepsCanBeTimed_whenLoaded_thenRefusedNamingTheFastestAllowed() {
        String yaml = replaceOnce(pi2209(), "      maxStepRateHz: 10000", "      maxStepRateHz: 5000");
        ConfigException e = loadError(yaml);
        assertThat(e.getMessage()).contains("collar.maxSpeedMmPerS").contains("2 mm/s at 3200 steps/mm is 6400 steps/s,"
                + " above the 5000 steps/s the program can time on this board (hardware.collar.tmc2209.maxStepRateHz, line "
                + lineOf(yaml, "maxStepRateHz: 5000") + "); allowed at most 1.5625 mm/s");
    }

    @Test
    void givenTheShippedProfiles_thenTheCollarsDriverTuningIsTheProfilesOwn() {
        var m5160 = ProfileLoader.parse(pi5160(), "pi-tmc5160.yaml").hardware().collar().motor();
        assertThat(m5160).isEqualTo(new HardwareSpec.CollarMotor(200, 0.5, 8, 20, 20, 10, 0, 0));
        var m2209 = ProfileLoader.parse(pi2209(), "pi-tmc2209.yaml").hardware().collar().motor();
        assertThat(m2209).isEqualTo(new HardwareSpec.CollarMotor(200, 0.5, 8, 20, 20, 8, 50, 32));
    }

    @Test
    void givenMicrostepsThatDoNotMakeTheCollarsStepsPerMm_whenLoaded_thenRefusedNamingBoth() {
        String yaml = replaceOnce(pi5160(), "      microsteps: 8 ", "      microsteps: 16");
        ConfigException e = loadError(yaml);
        assertThat(e.getMessage()).contains("collar.stepsPerMm").contains("3200 steps/mm does not match the collar's"
                + " driver: 200 full steps x 16 microsteps / 0.5 mm lead (hardware.collar.motor, line "
                + lineOf(yaml, "microsteps: 16") + ") is 6400 steps/mm; allowed 6400");
    }

    @Test
    void givenCollarDriverTuningOutsideWhatTheChipTakes_whenLoaded_thenRefusedOneLineEach() {
        assertThat(loadError(replaceOnce(pi5160(), "      microsteps: 8 ", "      microsteps: 6 ")).getMessage())
                .contains("hardware.collar.motor.microsteps").contains("6 is not a power of two");
        assertThat(loadError(replaceOnce(pi5160(), "      stallGuardThreshold: 0 ", "      stallGuardThreshold: 64"))
                .getMessage()).contains("hardware.collar.motor.stallGuardThreshold").contains("64 is out of range");
        assertThat(loadError(replaceOnce(pi2209(), "      stallGuardThreshold: 50", "      stallGuardThreshold: -1"))
                .getMessage()).contains("hardware.collar.motor.stallGuardThreshold").contains("-1 is out of range");
        assertThat(loadError(replaceOnce(pi5160(), "      reducedHoldCurrent: 10", "      reducedHoldCurrent: 21"))
                .getMessage()).contains("hardware.collar.motor.reducedHoldCurrent")
                .contains("21 is above holdCurrent 20; allowed 0 to 20");
        assertThat(loadError(replaceOnce(pi2209(), "      holdCurrent: 20", "      holdCurrent: 16"))
                .getMessage()).contains("hardware.collar.motor.holdCurrent")
                .contains("16 differs from runCurrent 20; the TMC2209 holds at its run current");
        // the TMC5160 has no scale-versus-count tolerance of the driver's: the key is unknown there
        assertThat(loadError(replaceOnce(pi5160(), "      runCurrent: 20", "      runCurrent: 20\n      stallToleranceSteps: 32"))
                .getMessage()).contains("stallToleranceSteps");
    }

    @Test
    void givenTheOtherDriversSection_whenLoaded_thenItIsAnUnknownKey() {
        String yaml = replaceOnce(pi5160(), "    driver: tmc5160", "    driver: tmc2209");
        ConfigException e = loadError(yaml);
        assertThat(e.getMessage()).contains("hardware.collar");
    }

    @Test
    void givenAGpioOffTheHeaderOrAnUnknownMonitor_whenLoaded_thenRefused() {
        String yaml = replaceOnce(pi5160(), "  indexPin: 17", "  indexPin: 40");
        assertError(loadError(yaml), "hardware.indexPin", lineOf(yaml, "indexPin"),
                "40 is out of range; allowed 0 to 27 (a header GPIO)");
        assertThat(catchThrowableOfType(ConfigException.class,
                () -> ProfileLoader.parse(replaceOnce(pi5160(), "    currentMonitor: ina226", "    currentMonitor: ina260"),
                        "bad.yaml"))).hasMessageContaining("'ina260' is not allowed; allowed 'ina219' or 'ina226'");
    }

    @Test
    void givenAButtonOnGpa7OrGpb7_whenLoaded_thenRefused_theyAreOutputsOnly() {
        String yaml = replaceOnce(pi5160(), "    confirm: 6", "    confirm: 7");
        assertError(loadError(yaml), "hardware.panel.confirm", lineOf(yaml, "    confirm: 7"),
                "expander line 7 (GPA7) may only be an output on an MCP23017; allowed 0 to 6 and 8 to 14");
        String b = replaceOnce(pi5160(), "    cartridgeCode1: 9 ", "    cartridgeCode1: 15 ");
        assertThat(loadError(b).getMessage()).contains("expander line 15 (GPB7) may only be an output");
    }
}
