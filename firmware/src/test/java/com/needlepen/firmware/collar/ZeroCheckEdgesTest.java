package com.needlepen.firmware.collar;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link ZeroCheck}'s fast leg at its edges, on a collar stepper the test moves: a switch that
 * closes while the collar is still deeper than the probe's start (0.1 mm, 320 steps) means the collar
 * is shallower than it counts and ends the check there, one that closes exactly at the probe's start
 * as the collar arrives does not until the collar stops; and a check that times out stops the collar.
 */
@Tag("H06")
@Tag("H11")
class ZeroCheckEdgesTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long PROBE_START = 320;

    private final TestCollarStepper collar = TestCollarStepper.movedByTheTest();
    private final ZeroCheck zero = new ZeroCheck(collar, SIM.collar(), SIM.tuning().zeroCheck());

    @Test
    void givenTheSwitchClosingWhileTheFastLegIsStillDeeperThanTheProbesStart_thenTheCheckTripsThere() {
        collar.position = 3_000;
        zero.start(0);
        assertThat(collar.targets).containsExactly(PROBE_START);
        collar.position = PROBE_START + 1;
        collar.pressed = true;
        assertThat(zero.periodic(1_000_000L)).isEqualTo(ZeroCheck.Phase.SETTLE);
        assertThat(collar.stops).isEqualTo(1);
        assertThat(zero.found()).isTrue();
        assertThat(zero.offsetSteps()).isEqualTo(PROBE_START + 1);
    }

    @Test
    void givenTheSwitchClosedExactlyAtTheProbesStartWhileTheCollarStillMoves_thenTheFastLegGoesOn_andTripsAsItStops() {
        collar.position = 3_000;
        zero.start(0);
        collar.position = PROBE_START;
        collar.pressed = true;
        assertThat(zero.periodic(1_000_000L)).isEqualTo(ZeroCheck.Phase.TO_PROBE_START);
        assertThat(collar.stops).isZero();
        collar.moving = false;
        assertThat(zero.periodic(2_000_000L)).isEqualTo(ZeroCheck.Phase.SETTLE);
        assertThat(zero.offsetSteps()).isEqualTo(PROBE_START);
    }

    @Test
    void givenTheFastLegArrivingWithTheSwitchOpen_thenTheProbeSearchesPastTheSwitch() {
        collar.position = 3_000;
        zero.start(0);
        collar.arrive();
        assertThat(zero.periodic(1_000_000L)).isEqualTo(ZeroCheck.Phase.PROBE);
        assertThat(collar.targets).containsExactly(PROBE_START, -960L);
    }

    @Test
    void givenACheckThatTimesOut_thenTheCollarIsStopped() {
        collar.position = 3_000;
        zero.start(0);
        assertThat(zero.periodic(ZeroCheck.TIMEOUT_NANOS)).isEqualTo(ZeroCheck.Phase.TO_PROBE_START);
        assertThat(collar.stops).isZero();
        assertThat(zero.periodic(ZeroCheck.TIMEOUT_NANOS + 1)).isEqualTo(ZeroCheck.Phase.DONE);
        assertThat(zero.timedOut()).isTrue();
        assertThat(collar.stops).isEqualTo(1);
    }
}
