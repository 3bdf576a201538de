package com.needlepen.hal.pi4j.i2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.needlepen.hal.pi4j.bus.BusException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Ina226Test {

    private final VirtualNanos clock = new VirtualNanos();
    private Ina226Model chip;
    private Ina226 driver;

    @BeforeEach
    void setUp() throws BusException {
        chip = new Ina226Model(0x40, clock, 0.01);
        chip.vbusVolts = 12.0;
        driver = new Ina226(chip, Ina226.Settings.motorAndSupply());
        driver.start();
    }

    @Test
    void calibrationIsTheDatasheetFormula() {
        // 0.00512 / (0.25 mA x 0.01 ohm) = 2048
        assertThat(Ina226.calibration(0.01, 0.00025)).isEqualTo(2048);
        // 2 mohm and 1 mA (a 10 A range): 2560
        assertThat(Ina226.calibration(0.002, 0.001)).isEqualTo(2560);
        // 0.00512 / (0.2 mA x 0.015 ohm) = 1706.67: truncated
        assertThat(Ina226.calibration(0.015, 0.0002)).isEqualTo(1706);
        assertThatThrownBy(() -> Ina226.calibration(0.01, 0.00001)).hasMessageContaining("does not fit the register");
    }

    @Test
    void startChecksTheIdsThenWritesConfigurationAndCalibration() {
        assertThat(chip.reads.subList(0, 2)).containsExactly(Ina226.REG_MANUFACTURER_ID, Ina226.REG_DIE_ID);
        // bits 14..12 = 100, AVG 000 (1), VBUSCT 000 (140 us), VSHCT 010 (332 us), MODE 111
        assertThat(chip.writes).containsExactly(new byte[] {0x00, 0x40, 0x17}, new byte[] {0x05, 0x08, 0x00});
        assertThat(driver.conversionPeriodNanos()).isEqualTo(472_000L);
        assertThat(driver.currentLsbAmps()).isCloseTo(0.00025, within(1e-15));
    }

    @Test
    void aPartThatIsNotAnIna226IsRefused() {
        Ina226Model other = new Ina226Model(0x40, clock, 0.01);
        other.dieId = 0x2270; // an INA260 answers at the same addresses
        assertThatThrownBy(() -> new Ina226(other, Ina226.Settings.motorAndSupply()).start())
                .hasMessage("INA226 at 0x40 is not an INA226: manufacturer id 0x5449, die id 0x2270; expected 0x5449 and 0x2260");
        assertThat(other.writes).isEmpty();
    }

    @Test
    void currentWithItsSignAndTheBusIn1_25MillivoltSteps() throws BusException {
        chip.trueAmps = 1.5;
        chip.vbusVolts = 12.6;
        clock.advanceMicros(472);
        assertThat(driver.poll()).isTrue();
        // 1.5 A x 0.01 ohm = 15 mV = 6000 counts of 2.5 uV; x 2048 / 2048 x 0.25 mA
        assertThat(driver.amps()).isCloseTo(1.5, within(1e-12));
        assertThat(driver.busVolts()).isCloseTo(12.6, within(1e-12)); // 10080 x 1.25 mV
        chip.trueAmps = -0.37;
        clock.advanceMicros(472);
        assertThat(driver.poll()).isTrue();
        assertThat(driver.amps()).isCloseTo(-0.37, within(1e-12));
        assertThat(chip.current).isEqualTo(0x10000 - 1480);
    }

    @Test
    void onlyAConversionFlaggedByCvrfIsRead() throws BusException {
        chip.trueAmps = 0.2;
        clock.advanceMicros(400);
        assertThat(driver.poll()).isFalse();
        assertThat(chip.reads.get(chip.reads.size() - 1)).isEqualTo(Ina226.REG_MASK_ENABLE);
        clock.advanceMicros(100);
        chip.reads.clear();
        assertThat(driver.poll()).isTrue();
        assertThat(chip.reads).containsExactly(Ina226.REG_MASK_ENABLE, Ina226.REG_CURRENT, Ina226.REG_BUS);
        // reading Mask/Enable cleared CVRF: the same conversion is not read again
        chip.trueAmps = 0.9;
        assertThat(driver.poll()).isFalse();
        assertThat(driver.amps()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void theMathOverflowFlagIsNotANumber() throws BusException {
        Ina226Model part = new Ina226Model(0x41, clock, 0.01);
        Ina226 fine = new Ina226(part, new Ina226.Settings(0.01, 0.0001, 0, 0, 2, Ina226.MODE_SHUNT_AND_BUS_CONTINUOUS));
        fine.start(); // Cal 5120: the current register overflows at 3.28 A, before the shunt clips at 8.19 A
        part.trueAmps = 4.0;
        clock.advanceMicros(472);
        assertThat(fine.poll()).isTrue();
        assertThat(part.ovf).isTrue();
        assertThat((short) part.current).isEqualTo((short) 40000); // wrapped: -2.55 A, a plausible number
        assertThat(fine.amps()).isNaN();
        part.trueAmps = 3.0;
        clock.advanceMicros(472);
        fine.poll();
        assertThat(fine.amps()).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void aShuntAtFullScaleIsNotANumber() throws BusException {
        chip.trueAmps = 9.0; // 90 mV over a 81.92 mV range
        clock.advanceMicros(472);
        driver.poll();
        assertThat(chip.ovf).isFalse();
        assertThat(driver.amps()).isNaN();
        chip.trueAmps = -9.0;
        clock.advanceMicros(472);
        driver.poll();
        assertThat(driver.amps()).isNaN();
        assertThat(driver.busVolts()).isCloseTo(12.0, within(1e-12)); // the bus is still good
    }

    @Test
    void aPartThatResetIsFoundWithinEightConversions() throws BusException {
        clock.advanceMicros(472);
        driver.poll();
        chip.powerOnReset(); // 4127h: 16 averages of 1.1 + 1.1 ms; calibration 0
        int polls = 0;
        BusException thrown = null;
        while (thrown == null && polls < 20) {
            clock.advanceMicros(35_200);
            polls++;
            try {
                driver.poll();
            } catch (BusException e) {
                thrown = e;
            }
        }
        assertThat(polls).isLessThanOrEqualTo(Ina226.VERIFY_EVERY);
        assertThat(thrown).hasMessage("INA226 at 0x40 reads calibration 0x0000, 0x0800 was written: the part reset");
    }

    @Test
    void noAnswerThrows() {
        chip.present = false;
        assertThatThrownBy(driver::poll).isInstanceOf(BusException.class).hasMessageContaining("no ACK");
    }
}
