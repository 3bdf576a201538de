package com.needlepen.config;

import java.util.ArrayList;
import java.util.List;

/**
 * How a Raspberry Pi is wired to the pen (docs/wiring.md): which GPIO line, bus and address each part of the HAL
 * is on, for the {@code pi4j} backend, the only one that reads it (a profile for another backend has no
 * {@code hardware} section). GPIO numbers are the SoC's (BCM) line numbers on the chip whose label contains
 * "pinctrl" (bcm2711's on a Pi 4, RP1's on a Pi 5), as on the 40-pin header's GPIO0 to GPIO27. Every input is
 * active low with the SoC's pull-up (buttons and switches to ground, the index Hall sensor open-drain), and every
 * output the driver's safe state is held by the board's pull resistor until the program drives it: that is the
 * wiring's rule, not a key.
 *
 * @param gpioChip        the GPIO chip's device name (e.g. {@code gpiochip0}), or {@code auto}: the chip whose label
 *                        contains "pinctrl"
 * @param motor           the stroke motor's driver lines
 * @param indexPin        the index Hall sensor's line (its edges read with the kernel's timestamps)
 * @param collar          the collar stepper's driver
 * @param scale           the collar's magnetic scale (AS5311 class), read over SPI as SSI
 * @param i2c             the I2C bus and its devices: the current monitor, the thermometer, the handpiece's identity
 *                        EEPROM, the display
 * @param panel           the practitioner's inputs
 * @param cartridgePresentPin the cartridge-present switch
 * @param ledRedPin       the status LED's red element (the LED is RGB: amber is red and green)
 * @param ledGreenPin     its green element
 * @param ledBluePin      its blue element
 * @param buzzerPin       the buzzer (an active one: on while the line is high)
 * @param watchdogDevice  the hardware watchdog's device node (its timeout is the firmware's, 2 s: bcm2835_wdt allows
 *                        at most 15)
 */
public record HardwareSpec(String gpioChip, Motor motor, int indexPin, Collar collar, Scale scale, I2c i2c, Panel panel,
                           int cartridgePresentPin, int ledRedPin, int ledGreenPin, int ledBluePin, int buzzerPin,
                           String watchdogDevice) {

    /**
     * The stroke motor's driver.
     *
     * @param pwmChip          the sysfs PWM chip ({@code /sys/class/pwm/pwmchipN}): 0 on a Pi 4 with {@code dtoverlay=pwm-2chan}
     * @param pwmChannel       its channel: GPIO18 is channel 0 on a Pi 4, channel 2 of RP1's PWM0 on a Pi 5
     * @param pwmFrequencyHz   the PWM's frequency (the profile's thermal ripple figure assumes it)
     * @param enablePin        the driver's enable (high: enabled; the board's pull-down holds it off)
     * @param brakeMonitorPin  the brake relay's monitor contact (low: released, the brake shorts the winding)
     * @param enableTimerFeedPin the hardware enable timer's feed (toggled every tick)
     */
    public record Motor(int pwmChip, int pwmChannel, int pwmFrequencyHz, int enablePin, int brakeMonitorPin,
                        int enableTimerFeedPin) {
    }

    /** Which stepper driver moves the collar. */
    public enum CollarDriver {
        /** Trinamic TMC5160 on SPI: its ramp generator makes the steps, its encoder input reads the scale's A/B. */
        TMC5160,
        /** Trinamic TMC2209 in STEP/DIR, steps timed by the program, its UART for settings and diagnostics. */
        TMC2209
    }

    /**
     * The collar stepper's driver and its lines.
     *
     * @param driver        which driver
     * @param enablePin     the driver's enable (DRV_ENN / EN: low enables; the board's pull-up holds it off)
     * @param homeSwitchPin the home switch (low: pressed)
     * @param tmc5160       the TMC5160's SPI device, when it is the driver (else null)
     * @param tmc2209       the TMC2209's UART and step lines, when it is the driver (else null)
     * @param motor         how the driver runs the collar's stepper: microsteps, currents, stall detection
     */
    public record Collar(CollarDriver driver, int enablePin, int homeSwitchPin, Spi tmc5160, Tmc2209 tmc2209,
                         CollarMotor motor) {
    }

    /**
     * How the collar's driver runs its stepper: figures a technician tunes on the real motor and load, so they are the
     * profile's, not the program's.
     *
     * @param fullStepsPerRev     the stepper's full steps per revolution (200 for a 1.8 degree motor)
     * @param leadMm              the collar screw's lead, mm per revolution
     * @param microsteps          microsteps per full step (CHOPCONF.MRES: 1 to 256, a power of two); the collar's
     *                            {@code stepsPerMm} counts these, so it must be fullStepsPerRev x microsteps / leadMm
     * @param runCurrent          IRUN, 0..31: (n + 1) / 32 of the full scale the sense resistor sets
     * @param holdCurrent         IHOLD while the needles run (the collar resists the skin's press), 0..31; the
     *                            TMC2209 holds at {@code runCurrent} then, so there it must equal it
     * @param reducedHoldCurrent  IHOLD while the needles do not run, 0..31, at most {@code holdCurrent}
     * @param stallGuardThreshold the TMC5160's SGT (-64..63, higher is less sensitive) or the TMC2209's SGTHRS (0..255,
     *                            a stall when SG_RESULT <= 2 x SGTHRS; 0 leaves StallGuard out)
     * @param stallToleranceSteps how far, in microsteps, the collar's scale may disagree with the driver's count before
     *                            the collar counts as stalled (the scale's non-linearity and the play); the
     *                            TMC2209's only (0 for the TMC5160, whose encoder input the firmware compares itself)
     */
    public record CollarMotor(int fullStepsPerRev, double leadMm, int microsteps, int runCurrent, int holdCurrent, int reducedHoldCurrent,
                              int stallGuardThreshold, int stallToleranceSteps) {
    }

    /**
     * An SPI device.
     *
     * @param bus        the SPI controller ({@code /dev/spidevB.C}'s B)
     * @param chipSelect its chip select (C)
     * @param clockHz    the clock to run it at
     */
    public record Spi(int bus, int chipSelect, int clockHz) {
    }

    /**
     * The TMC2209's lines.
     *
     * @param uartDevice    the serial port its PDN_UART is on (e.g. {@code /dev/ttyAMA0})
     * @param uartBaud      the port's speed
     * @param nodeAddress   its MS1/MS2 address, 0 to 3
     * @param stepPin       STEP
     * @param dirPin        DIR
     * @param maxStepRateHz the highest step rate the program times reliably on this board: the collar's top speed
     *                      times its steps per mm must stay under it
     */
    public record Tmc2209(String uartDevice, int uartBaud, int nodeAddress, int stepPin, int dirPin,
                          double maxStepRateHz) {
    }

    /**
     * The collar's scale.
     *
     * @param spi its SSI read over an SPI device (clock and MISO; chip select as CSn)
     */
    public record Scale(Spi spi) {
    }

    /** The current monitor's chip. */
    public enum CurrentMonitor {
        INA219, INA226
    }

    /**
     * The I2C bus and its devices (7-bit addresses).
     *
     * @param bus                    {@code /dev/i2c-N}'s N
     * @param currentMonitor         which current monitor
     * @param currentMonitorAddress  its address
     * @param shuntOhms              its shunt resistor
     * @param thermometerAddress     the TMP117-class handpiece thermometer
     * @param handpieceMemoryAddress the identity EEPROM (24AA02E48 class)
     * @param displayAddress         the SSD1306-class display
     */
    public record I2c(int bus, CurrentMonitor currentMonitor, int currentMonitorAddress, double shuntOhms,
                      int thermometerAddress, int handpieceMemoryAddress, int displayAddress) {

        /** Each device's address by its key, for the rule that they differ. */
        List<Object[]> addresses(int expanderAddress) {
            return List.of(new Object[] {"currentMonitorAddress", currentMonitorAddress},
                    new Object[] {"panel.expanderAddress", expanderAddress},
                    new Object[] {"thermometerAddress", thermometerAddress},
                    new Object[] {"handpieceMemoryAddress", handpieceMemoryAddress},
                    new Object[] {"displayAddress", displayAddress});
        }
    }

    /**
     * The practitioner's inputs (low: pressed). Start/stop and the footswitch are on GPIO lines of their own, so a
     * stop never waits on a bus; the other buttons are on an MCP23017 I2C expander (the header has too few lines
     * for every button besides the TMC2209's step, direction and UART lines): its address on the I2C bus and each
     * button's expander line, 0 to 7 for GPA0 to GPA7, 8 to 15 for GPB0 to GPB7. The cartridge's two coding
     * contacts are on the expander too: a cartridge grounds none, one or both, and the code they make (bit 0 the
     * first contact, bit 1 the second, grounded is 1) is 1 + the index of its type in the profile's
     * {@code cartridges} list (so at most three types); 0 is a cartridge that does not tell its type.
     */
    public record Panel(int startStop, int footswitch, int expanderAddress, int depthUp, int depthDown, int rateUp,
                        int rateDown, int preset, int acknowledge, int confirm, int cartridgeCode0, int cartridgeCode1) {

        /** Each expander button's line by its key, for the rule that they differ. */
        List<Object[]> expanderLines() {
            return List.of(new Object[] {"depthUp", depthUp}, new Object[] {"depthDown", depthDown},
                    new Object[] {"rateUp", rateUp}, new Object[] {"rateDown", rateDown},
                    new Object[] {"preset", preset}, new Object[] {"acknowledge", acknowledge},
                    new Object[] {"confirm", confirm}, new Object[] {"cartridgeCode0", cartridgeCode0},
                    new Object[] {"cartridgeCode1", cartridgeCode1});
        }
    }

    /** Every GPIO line the wiring uses, with the key that names it (for the rule that they differ). */
    public List<Object[]> gpioLines() {
        List<Object[]> l = new ArrayList<>();
        l.add(new Object[] {"hardware.motor.enablePin", motor.enablePin()});
        l.add(new Object[] {"hardware.motor.brakeMonitorPin", motor.brakeMonitorPin()});
        l.add(new Object[] {"hardware.motor.enableTimerFeedPin", motor.enableTimerFeedPin()});
        l.add(new Object[] {"hardware.indexPin", indexPin});
        l.add(new Object[] {"hardware.collar.enablePin", collar.enablePin()});
        l.add(new Object[] {"hardware.collar.homeSwitchPin", collar.homeSwitchPin()});
        if (collar.tmc2209() != null) {
            l.add(new Object[] {"hardware.collar.tmc2209.stepPin", collar.tmc2209().stepPin()});
            l.add(new Object[] {"hardware.collar.tmc2209.dirPin", collar.tmc2209().dirPin()});
        }
        l.add(new Object[] {"hardware.panel.startStop", panel.startStop()});
        l.add(new Object[] {"hardware.panel.footswitch", panel.footswitch()});
        l.add(new Object[] {"hardware.cartridgePresentPin", cartridgePresentPin});
        l.add(new Object[] {"hardware.ledRedPin", ledRedPin});
        l.add(new Object[] {"hardware.ledGreenPin", ledGreenPin});
        l.add(new Object[] {"hardware.ledBluePin", ledBluePin});
        l.add(new Object[] {"hardware.buzzerPin", buzzerPin});
        return l;
    }
}
