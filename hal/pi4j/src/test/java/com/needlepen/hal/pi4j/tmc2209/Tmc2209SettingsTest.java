package com.needlepen.hal.pi4j.tmc2209;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Tmc2209SettingsTest {

    @Test
    void mresIsTheDatasheetsEncoding() {
        // CHOPCONF.MRES: %0000 = 256 microsteps, %0001..%1000 = 128, 64, 32, 16, 8, 4, 2, full steps
        assertThat(Tmc2209Registers.mres(256)).isZero();
        assertThat(Tmc2209Registers.mres(8)).isEqualTo(5);
        assertThat(Tmc2209Registers.mres(1)).isEqualTo(8);
        assertThatThrownBy(() -> Tmc2209Registers.mres(12)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two in 1..256");
    }

    @Test
    void tstepIsTheClockOverTheRateOf256thSteps() {
        // 2,400 steps/s at 8 microsteps = 76,800 1/256 steps/s; 12 MHz / 76,800 = 156.25 clocks, rounded up
        assertThat(Tmc2209Registers.tstep(2_400, 8)).isEqualTo(157);
        assertThat(Tmc2209Registers.tstep(6_400, 8)).isEqualTo(59);
    }

    @Test
    void settingsOutsideTheRegistersAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new Tmc2209Settings(8, 32, 8, 6, 20, 50, 2_400, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runCurrent (IRUN) 32: must be 0..31");
        assertThatThrownBy(() -> new Tmc2209Settings(8, 20, 8, 6, 1, 50, 2_400, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TPOWERDOWN");
        assertThatThrownBy(() -> new Tmc2209Settings(8, 20, 8, 6, 20, 50, Double.NaN, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stallGuardMinStepsPerSecond");
        assertThatThrownBy(() -> new Tmc2209Settings(8, 20, 8, 6, 20, 50, 2_400, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stallToleranceSteps");
        assertThat(new Tmc2209Settings(8, 20, 8, 6, 20, 50, 2_400, 32).iholdIrun(8)).isEqualTo(0x00061408);
    }
}
