package com.needlepen.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The cam follower's mean contact force, whose friction heats the nose (H47, H53). */
class FollowerContactForceTest {

    private static final MotorLimits SIM = ProfileLoader.bundled("sim").motorLimits();

    @Test
    void givenADepth_thenTheInsertionShareIsTheRisingArcOfTheRevolutionWithTheTipsOut() {
        // stroke 3 mm, e 1.5 mm: at 1.5 mm the tips are out from 90° to 270°, going in from 90° to 180°: a quarter
        assertThat(SIM.insertionShare(1.5)).isCloseTo(0.25, within(1e-12));
        // at the whole stroke they are out all the way round: going in for half of it
        assertThat(SIM.insertionShare(3.0)).isCloseTo(0.5, within(1e-12));
        assertThat(SIM.insertionShare(4.0)).isCloseTo(0.5, within(1e-12));
        assertThat(SIM.insertionShare(0.0)).isZero();
        assertThat(SIM.insertionShare(-0.1)).isZero();
        // at 1.0 mm: cos θ0 = 1/1.5 - 1, θ0 = 109.47°, (180 - 109.47) / 360
        assertThat(SIM.insertionShare(1.0)).isCloseTo((180.0 - Math.toDegrees(Math.acos(-1.0 / 3.0))) / 360.0, within(1e-12));
    }

    @Test
    void givenTheSimProfile_thenTheContactForceIsTheSpringAtMeanLiftAndTheHeaviestCartridgesInsertion() {
        // 3 N + 0.8 N/mm x 1.5 mm; the 36-pin at its 1.5 mm: 36 x 0.15 N over a quarter turn (the 12-pin at the
        // profile's 2.5 mm: 12 x 0.15 x 0.366 = 0.66 N; the 24-pin at 2.0 mm: 24 x 0.15 x 0.304 = 1.09 N)
        assertThat(SIM.followerContactForceN()).isCloseTo(3.0 + 0.8 * 1.5 + 36 * 0.15 * 0.25, within(1e-9));
    }
}
