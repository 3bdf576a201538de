package com.needlepen.hal.pi4j.i2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.needlepen.hal.pi4j.bus.BusException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Tmp117Test {

    private final VirtualNanos clock = new VirtualNanos();
    private Tmp117Model chip;
    private Tmp117 driver;

    @BeforeEach
    void setUp() throws BusException {
        chip = new Tmp117Model(0x48, clock);
        driver = new Tmp117(chip, Tmp117.Settings.handpiece());
        driver.start();
    }

    @Test
    void startChecksTheDeviceIdThenWritesContinuousEightAveragesShortestCycle() {
        assertThat(chip.reads).containsExactly(Tmp117.REG_DEVICE_ID);
        // MOD 00, CONV 000, AVG 01: 0x0020
        assertThat(chip.writes).containsExactly(new byte[] {0x01, 0x00, 0x20});
        assertThat(driver.conversionPeriodNanos()).isEqualTo(125_000_000L);
    }

    @Test
    void anotherPartIsRefused() {
        Tmp117Model other = new Tmp117Model(0x48, clock);
        other.deviceId = 0x1116; // a TMP116
        assertThatThrownBy(() -> new Tmp117(other, Tmp117.Settings.handpiece()).start())
                .hasMessage("TMP117 at 0x48 is not a TMP117: device id 0x1116; expected 0x0117 in bits 11..0");
    }

    @Test
    void temperatureInSteps_of7_8125MilliCelsiusBothSigns() throws BusException {
        chip.trueCelsius = 34.2;
        clock.advanceMicros(125_000);
        assertThat(driver.poll()).isTrue();
        assertThat(driver.celsius()).isEqualTo(4378 * 0.0078125); // 34.203125
        chip.trueCelsius = -10.5;
        clock.advanceMicros(125_000);
        assertThat(driver.poll()).isTrue();
        assertThat(driver.celsius()).isEqualTo(-10.5);
        assertThat(chip.temp).isEqualTo(0xFAC0); // -1344 in two's complement
    }

    @Test
    void onlyAResultFlaggedDataReadyIsRead() throws BusException {
        clock.advanceMicros(100_000);
        assertThat(driver.poll()).isFalse();
        assertThat(driver.celsius()).isNaN(); // nothing converted yet: the register holds -256 °C
        clock.advanceMicros(25_000);
        chip.reads.clear();
        assertThat(driver.poll()).isTrue();
        assertThat(chip.reads).containsExactly(Tmp117.REG_CONFIG, Tmp117.REG_TEMP);
        chip.trueCelsius = 40;
        assertThat(driver.poll()).isFalse(); // the flag was cleared by the read
        assertThat(driver.celsius()).isEqualTo(25.0);
    }

    @Test
    void theResetValueIsNotATemperature() throws BusException {
        chip.dataReady = true; // a flag seen before the first result (a glitch): -256 °C is not taken
        assertThat(driver.poll()).isTrue();
        assertThat(driver.celsius()).isNaN();
    }

    @Test
    void aPartThatResetIsFoundAtTheNextPoll() throws BusException {
        clock.advanceMicros(125_000);
        driver.poll();
        chip.powerOnReset();
        assertThatThrownBy(driver::poll)
                .hasMessage("TMP117 at 0x48 reads configuration 0x0220, 0x0020 was written: the part reset");
        assertThat(driver.celsius()).isNaN();
    }

    @Test
    void noAnswerThrows() {
        chip.present = false;
        assertThatThrownBy(driver::poll).isInstanceOf(BusException.class);
    }
}
