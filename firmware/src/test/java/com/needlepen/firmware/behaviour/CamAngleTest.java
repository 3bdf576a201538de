package com.needlepen.firmware.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The fault tests' "needles retracted" judges the cam's angle: a cam stopped at ±100° hides the
 * tips at 1.0 mm (so a depth check passes it) but is not parked, and must fail.
 */
class CamAngleTest {

    @Test
    void givenACamStoppedAt100DegreesAt1mmThenTheDepthLooksHiddenButTheCamAngleCheckFails() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 5).insertCartridge().ready();
        assertThat(CamAngle.parkedLimitDeg(bench.profile)).isCloseTo(36.87, org.assertj.core.api.Assertions.within(0.01));
        CamAngle.assertTipsHiddenByTheCam(bench.sim, bench.profile); // parked by the firmware at BOOT
        for (double deg : new double[] {100.0, -100.0}) {
            bench.sim.placeCamAt(Math.toRadians(deg));
            assertThat(bench.sim.tipProtrusionMm()).as("what the old depth check saw").isLessThanOrEqualTo(-0.2);
            assertThatThrownBy(() -> CamAngle.assertTipsHiddenByTheCam(bench.sim, bench.profile))
                    .isInstanceOf(AssertionError.class);
        }
    }
}
