package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H47: the nose estimate's gradient follows the drive's heat through its filter, tick by tick: it builds
 * with {@code thermal.gradientRiseSeconds} (120 s on the sim profile) and falls with
 * {@code thermal.gradientFallSeconds} (300 s), each step the time since the last update over that time
 * constant. NoseTemperatureTest judges the steady states; without these a filter that jumps to its
 * target in one tick (making the estimate lead the nose) went unnoticed (the mutation evidence in
 * docs/safety.md).
 */
@Tag("H47")
class NoseTemperatureGradientTest {

    private static final long SECOND = 1_000_000_000L;
    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");

    private final NoseTemperature nose = new NoseTemperature(new TestAnalogSensors(), SIM, true);
    private final double hand = SIM.thermal().handOffsetK();
    private final double rise = SIM.thermal().gradientRiseSeconds();
    private final double fall = SIM.thermal().gradientFallSeconds();
    /** The steady gradient of 1 A in the hot winding, at rest (no ripple, no friction), K. */
    private final double target = SIM.motorLimits().hotResistanceOhm() * SIM.thermal().noseGradientKPerW();

    @Test
    void givenHeatFromAnUpdateOn_thenTheGradientBuildsByTheTimeSinceTheLastUpdateOverTheRiseTime() {
        assertThat(rise).isEqualTo(120.0);
        nose.update(10 * SECOND, 1.0, 0.0, 0.0); // the first update: no time has passed, nothing builds
        assertThat(nose.heatWatts()).isCloseTo(SIM.motorLimits().hotResistanceOhm(), within(1e-12));
        assertThat(nose.compensationK()).isEqualTo(hand);
        nose.update(11 * SECOND, 1.0, 0.0, 0.0);
        double g1 = target * 1.0 / rise;
        assertThat(nose.compensationK() - hand).isCloseTo(g1, within(1e-12));
        nose.update(13 * SECOND, 1.0, 0.0, 0.0);
        double g2 = g1 + (target - g1) * 2.0 / rise;
        assertThat(nose.compensationK() - hand).isCloseTo(g2, within(1e-12));
    }

    @Test
    void givenTheHeatGone_thenTheGradientFallsByTheTimeSinceTheLastUpdateOverTheFallTime() {
        nose.update(0, 1.0, 0.0, 0.0);
        for (long s = 1; s <= 5_000; s++) {
            nose.update(s * SECOND, 1.0, 0.0, 0.0);
        }
        double g = nose.compensationK() - hand;
        assertThat(g).isCloseTo(target, within(1e-6));
        nose.update(5_004 * SECOND, 0.0, 0.0, 0.0);
        assertThat(nose.compensationK() - hand).isCloseTo(g - g * 4.0 / fall, within(1e-12));
    }
}
