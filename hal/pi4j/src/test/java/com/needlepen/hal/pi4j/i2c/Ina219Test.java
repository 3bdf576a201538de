package com.needlepen.hal.pi4j.i2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.needlepen.hal.pi4j.bus.BusException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Ina219Test {

    private final VirtualNanos clock = new VirtualNanos();
    private Ina219Model chip;
    private Ina219 driver;

    @BeforeEach
    void setUp() throws BusException {
        chip = new Ina219Model(0x40, clock, 0.05);
        driver = new Ina219(chip, Ina219.Settings.motorShunt());
        driver.start();
    }

    @Test
    void calibrationIsTheDatasheetFormulaTruncated() {
        // 0.04096 / (0.0002 A x 0.05 ohm) = 4096 exactly on paper, 4095.99999... in binary: must not be cut to 4095
        assertThat(Ina219.calibration(0.05, 0.0002)).isEqualTo(4096);
        // Adafruit's 32 V / 2 A setting: 0.1 mA and 0.1 ohm
        assertThat(Ina219.calibration(0.1, 0.0001)).isEqualTo(4096);
        // 20 uA and 0.1 ohm: 20480
        assertThat(Ina219.calibration(0.1, 0.00002)).isEqualTo(20480);
        // 0.04096 / (152 uA x 0.01 ohm) = 26947.37: truncated, not rounded
        assertThat(Ina219.calibration(0.01, 0.000152)).isEqualTo(26946); // 26947 with the void bit 0 cleared
        assertThatThrownBy(() -> Ina219.calibration(0.001, 0.0000001))
                .hasMessageContaining("does not fit the register");
    }

    @Test
    void startWritesTheConfigurationAndCalibrationBytes() {
        // BRNG 32 V (bit 13), PG /8 (12..11 = 11), BADC 12-bit (10..7 = 0011), SADC 12-bit (6..3 = 0011), MODE 101
        assertThat(chip.writes).containsExactly(new byte[] {0x00, 0x39, (byte) 0x9D}, new byte[] {0x05, 0x10, 0x00});
        assertThat(chip.config).isEqualTo(0x399D);
        assertThat(chip.cal).isEqualTo(4096);
        assertThat(driver.currentLsbAmps()).isEqualTo(0.0002);
        assertThat(driver.conversionPeriodNanos()).isEqualTo(532_000L);
    }

    @Test
    void currentIsReadWithItsSignInStepsOfTheLsb() throws BusException {
        chip.trueAmps = 1.2345;
        clock.advanceMicros(532);
        assertThat(driver.poll()).isTrue();
        // 1.2345 A x 0.05 ohm = 61.725 mV = 6173 counts of 10 uV; x 4096 / 4096 = 6173 x 0.2 mA
        assertThat(driver.amps()).isCloseTo(1.2346, within(1e-9));

        chip.trueAmps = -0.8; // the shaft gives energy back: current from IN- to IN+
        clock.advanceMicros(532);
        assertThat(driver.poll()).isTrue();
        assertThat(driver.amps()).isCloseTo(-0.8, within(1e-9));
        assertThat(chip.current).isEqualTo(0x10000 - 4000); // two's complement in the register
    }

    @Test
    void onlyAConversionFlaggedReadyIsRead() throws BusException {
        chip.trueAmps = 0.5;
        clock.advanceMicros(500); // the first conversion is not done yet
        assertThat(driver.poll()).isFalse();
        assertThat(driver.amps()).isNaN();
        clock.advanceMicros(40);
        assertThat(driver.poll()).isTrue();
        assertThat(driver.amps()).isCloseTo(0.5, within(1e-9));
        // reading the power register cleared CNVR: the same conversion is not read again
        assertThat(chip.cnvr).isFalse();
        chip.trueAmps = 0.7;
        assertThat(driver.poll()).isFalse();
        assertThat(driver.amps()).isCloseTo(0.5, within(1e-9));
        clock.advanceMicros(532);
        assertThat(driver.poll()).isTrue();
        assertThat(driver.amps()).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void aPollReadsBusThenCurrentThenPowerToClearTheFlag() throws BusException {
        clock.advanceMicros(532);
        chip.reads.clear();
        driver.poll();
        assertThat(chip.reads).containsExactly(Ina219.REG_BUS, Ina219.REG_CURRENT, Ina219.REG_POWER);
    }

    @Test
    void anOverflowIsNotANumber() throws BusException {
        // a calibration that lets the current register overflow before the shunt clips: OVF
        Ina219Model part = new Ina219Model(0x41, clock, 0.05);
        Ina219 fine = new Ina219(part, new Ina219.Settings(0.05, 0.00005, 3, true, 3, 3, Ina219.MODE_SHUNT_CONTINUOUS));
        fine.start();
        part.trueAmps = 2.0; // 10000 shunt counts x Cal 16384 / 4096 = 40000 > 32767
        clock.advanceMicros(532);
        assertThat(fine.poll()).isTrue();
        assertThat(part.ovf).isTrue();
        assertThat(fine.amps()).isNaN();
        part.trueAmps = 1.0;
        clock.advanceMicros(532);
        assertThat(fine.poll()).isTrue();
        assertThat(fine.amps()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aShuntAtFullScaleIsNotANumberEitherWay() throws BusException {
        chip.trueAmps = 7.0; // 350 mV over a 320 mV range: the register clips at 32000
        clock.advanceMicros(532);
        driver.poll();
        assertThat(chip.ovf).isFalse();
        assertThat(driver.amps()).isNaN();
        chip.trueAmps = -7.0;
        clock.advanceMicros(532);
        driver.poll();
        assertThat(driver.amps()).isNaN();
        chip.trueAmps = 6.3; // just inside
        clock.advanceMicros(532);
        driver.poll();
        assertThat(driver.amps()).isCloseTo(6.3, within(1e-9));
    }

    @Test
    void theSupplyPartReadsItsBusIn4MillivoltSteps() throws BusException {
        Ina219Model part = new Ina219Model(0x41, clock, 0.05);
        Ina219 supply = new Ina219(part, Ina219.Settings.supplyBus());
        supply.start();
        assertThat(part.writesTo(Ina219.REG_CONFIG)).containsExactly(0x399E);
        part.inMinusVolts = 12.345;
        clock.advanceMicros(532);
        assertThat(supply.poll()).isTrue();
        assertThat(supply.busVolts()).isCloseTo(12.344, within(1e-9)); // 3086 x 4 mV
    }

    @Test
    void aPartThatResetIsFoundByItsCalibration() throws BusException {
        chip.trueAmps = 0.3;
        for (int i = 0; i < 3; i++) {
            clock.advanceMicros(532);
            driver.poll();
        }
        chip.powerOnReset(); // brown-out: default configuration (both, 1.064 ms), calibration 0, current reads 0
        BusException thrown = null;
        for (int i = 0; i < Ina219.VERIFY_EVERY + 1 && thrown == null; i++) {
            clock.advanceMicros(1064);
            try {
                driver.poll();
            } catch (BusException e) {
                thrown = e;
            }
        }
        assertThat(thrown).hasMessage("INA219 at 0x40 reads calibration 0x0000, 0x1000 was written: the part reset");
        assertThat(driver.amps()).isNaN();
    }

    @Test
    void aPartThatDoesNotAnswerThrows() {
        chip.present = false;
        assertThatThrownBy(driver::poll).isInstanceOf(BusException.class).hasMessageContaining("no ACK from 0x40");
        assertThatThrownBy(driver::start).isInstanceOf(BusException.class);
    }

    @Test
    void startRefusesAPartThatDoesNotKeepItsConfiguration() {
        Ina219Model part = new Ina219Model(0x40, clock, 0.05);
        part.dropWrites = true;
        assertThatThrownBy(() -> new Ina219(part, Ina219.Settings.motorShunt()).start())
                .hasMessage("INA219 at 0x40 reads configuration 0x399f and calibration 0x0000 after 0x399d and 0x1000 were written");
    }

    @Test
    void settingsRefuseTriggeredModes() {
        assertThatThrownBy(() -> new Ina219.Settings(0.05, 0.0002, 3, true, 3, 3, 0b011))
                .hasMessageContaining("is not continuous");
        assertThat(List.of(Ina219.Settings.motorShunt().conversionPeriodNanos(),
                new Ina219.Settings(0.05, 0.0002, 3, true, 0, 3, 0b111).conversionPeriodNanos()))
                .containsExactly(532_000L, 616_000L);
    }
}
