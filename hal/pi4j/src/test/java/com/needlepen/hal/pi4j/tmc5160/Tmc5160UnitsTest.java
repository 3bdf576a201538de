package com.needlepen.hal.pi4j.tmc5160;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Unit conversions against figures worked by hand from the datasheet's formulas (section 12.1):
 * v = v_chip * fCLK / 2 / 2^23, a = a_chip * fCLK^2 / (512 * 256) / 2^24.
 */
class Tmc5160UnitsTest {

    private final Tmc5160Units internal = new Tmc5160Units(12e6, 8);

    @Test
    void atTheInternal12MHzClockOneVelocityLsbIs0Point715StepsPerSecondAndOneAccelerationLsb65Point5() {
        assertThat(internal.stepsPerSecondPerLsb()).isEqualTo(12e6 / 16_777_216.0);         // 0.71526
        assertThat(internal.stepsPerSecond2PerLsb()).isCloseTo(65.4836, within(1e-4));     // 1.44e14 / 2^41
    }

    @Test
    void twoMillimetresPerSecondAndTwentyPerSecondSquaredOnTheSimCollarAreVmax8948AndAmax977() {
        assertThat(internal.velocity(6400, Tmc5160Units.VMAX_LIMIT)).isEqualTo(8948);     // 6400 / 0.71526 = 8947.8
        assertThat(internal.acceleration(64_000)).isEqualTo(977);                          // 64000 / 65.4836 = 977.35
    }

    @Test
    void anExternal16MHzClockScalesBoth() {
        Tmc5160Units external = new Tmc5160Units(16e6, 8);
        assertThat(external.velocity(6400, Tmc5160Units.VMAX_LIMIT)).isEqualTo(6711);     // 6400 * 2^24 / 16e6
        assertThat(external.acceleration(6400)).isEqualTo(55);                             // 6400 * 2^41 / 2.56e14 = 54.98
    }

    @Test
    void registersAreClampedToTheirWidthsAndAnAccelerationNeverRoundsToZero() {
        assertThat(internal.velocity(1e9, Tmc5160Units.VMAX_LIMIT)).isEqualTo((1 << 23) - 512);
        assertThat(internal.acceleration(1e9)).isEqualTo(0xFFFF);
        assertThat(internal.acceleration(10)).isEqualTo(1);
        assertThat(internal.velocity(-5, Tmc5160Units.VSTART_LIMIT)).isZero();
    }

    @Test
    void tstepIsTheClocksBetweenTwo256thMicrostepsSoTcoolthrsFor2400StepsPerSecondAt8MicrostepsIs156() {
        assertThat(internal.tstep(2400)).isEqualTo(156);                                   // 12e6 / (2400 * 32)
        assertThat(new Tmc5160Units(12e6, 256).tstep(76_800)).isEqualTo(156);            // the same speed at 256
        assertThat(internal.tstep(0)).isEqualTo((1 << 20) - 1);
    }

    @Test
    void mresFollowsTheDatasheetsTableAndRefusesWhatIsNotAPowerOfTwo() {
        assertThat(Tmc5160Registers.mres(256)).isZero();
        assertThat(Tmc5160Registers.mres(8)).isEqualTo(5);
        assertThat(Tmc5160Registers.mres(1)).isEqualTo(8);
        assertThatThrownBy(() -> Tmc5160Registers.mres(12))
                .hasMessage("TMC5160 microsteps 12 not allowed: a power of two from 1 to 256");
    }

    @Test
    void encConstIsMicrostepsPerCountIn16Point16() {
        assertThat(Tmc5160Settings.collar(3200, 200, 8, 20, 20, 10, 0).encConst()).isEqualTo(0x0006_4000);  // 6.25
        assertThat(Tmc5160Settings.collar(1000, 200, 8, 20, 20, 10, 0).encConst()).isEqualTo(128_000);       // 1.953125 * 65536
    }

    @Test
    void settingsOutOfBoundsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new Tmc5160Settings(12e6, 8, 3200, 512, 32, 20, 10, 0, 2400, 0, 10, false, 1))
                .hasMessage("TMC5160 setting runCurrent = 32.0 not allowed: 0 to 31");
        assertThatThrownBy(() -> new Tmc5160Settings(12e6, 8, 3200, 512, 20, 20, 10, 0, 2400, 20, 10, false, 1))
                .hasMessage("TMC5160 setting stopStepsPerS = 10.0 not allowed: above 0 and at least startStepsPerS");
    }
}
