package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** H47: the applied part's estimate from the thermistor's reading, its lag and the drive's heat. */
@Tag("H47")
class NoseTemperatureTest {

    private static final long MS = 1_000_000L;
    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");

    @Test
    void givenNoHeatAndASteadyReading_thenTheEstimateIsTheReadingPlusTheHandsOffset() {
        TestAnalogSensors s = new TestAnalogSensors();
        NoseTemperature nose = new NoseTemperature(s, SIM, true);
        for (long t = 0; t <= 10_000; t++) {
            nose.update(t * MS, 0.0, 0.0, 0.0);
        }
        assertThat(nose.celsius()).isCloseTo(30.0 + SIM.thermal().handOffsetK(), within(1e-9));
    }

    @Test
    void givenAReadingRisingOneKelvinASecond_thenTheLagIsAddedBack() {
        TestAnalogSensors s = new TestAnalogSensors();
        NoseTemperature nose = new NoseTemperature(s, SIM, true);
        for (long t = 0; t <= 5_000; t++) {
            s.celsius = 30.0 + t / 1000.0;
            nose.update(t * MS, 0.0, 0.0, 0.0);
        }
        // a first-order sensor reads its body lag x rate late: 5 s x 1 K/s
        assertThat(nose.celsius() - s.celsius).isCloseTo(5.0 + SIM.thermal().handOffsetK(), within(0.01));
        // a falling reading is left as it is: never lower than read
        for (long t = 5_001; t <= 10_000; t++) {
            s.celsius = 35.0 - (t - 5_000) / 1000.0;
            nose.update(t * MS, 0.0, 0.0, 0.0);
        }
        assertThat(nose.celsius() - s.celsius).isCloseTo(SIM.thermal().handOffsetK(), within(1e-9));
    }

    @Test
    void givenTheDriveMakingHeatForLong_thenTheGradientIsTheHeatTimesTheProfilesKelvinPerWatt() {
        TestAnalogSensors s = new TestAnalogSensors();
        NoseTemperature nose = new NoseTemperature(s, SIM, true);
        double rate = 150.0;
        double duty = 0.8;
        for (long t = 0; t <= 3_600_000; t += 10) {
            nose.update(t * MS, 0.2, duty, rate);
        }
        double hot = SIM.motorLimits().hotResistanceOhm();
        double ripple = 12.0 * duty * (1 - duty) * SIM.thermal().pwmRippleAmpsPerVolt();
        double omega = 2 * Math.PI * rate;
        // the follower at its rating: mu x (3 N preload + 0.8 N/mm x 1.5 mm + 36 x 0.15 N over a quarter turn
        // at 1.5 mm) x 2.5 mm
        double followerNm = SIM.thermal().followerFrictionMax() * (3.0 + 0.8 * 1.5 + 36 * 0.15 * 0.25) * 0.0025;
        double heat = (0.04 + ripple * ripple / 12) * hot + (SIM.motor().frictionTorqueNm() + followerNm) * omega
                + SIM.motor().viscousNmPerRadPerS() * omega * omega;
        assertThat(nose.heatWatts()).isCloseTo(heat, within(1e-12));
        assertThat(nose.celsius() - 30.0).isCloseTo(heat * SIM.thermal().noseGradientKPerW() + SIM.thermal().handOffsetK(),
                within(1e-6));
    }

    @Test
    void givenAReadingThatIsNotANumber_thenTheEstimateIsNotANumberAndWithoutTheCompensationTheBareReading() {
        TestAnalogSensors s = new TestAnalogSensors();
        NoseTemperature nose = new NoseTemperature(s, SIM, true);
        NoseTemperature bare = new NoseTemperature(s, SIM, false);
        nose.update(0, 0.5, 0.5, 100);
        bare.update(0, 0.5, 0.5, 100);
        assertThat(bare.celsius()).isEqualTo(30.0);
        s.celsius = Double.NaN;
        assertThat(nose.celsius()).isNaN();
    }
}
