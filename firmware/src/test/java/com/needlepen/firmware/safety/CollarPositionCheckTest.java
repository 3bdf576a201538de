package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.collar.TestCollarStepper;
import com.needlepen.firmware.state.PenState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link CollarPositionCheck}'s bounds in steps of the sim profile (3,200 steps/mm): while the collar
 * moves, 5 % of the travel plus 316.5 steps of slack (317 at 10 steps of travel); standing still, 60.5
 * steps shallower, and deeper 60.5 steps on the loaded flank (reached moving shallower by at least the
 * 160-step flank) or 220.5 off it. Integer disagreements sit one step either side of each bound. A
 * stepper whose count and sensed position the test sets; CollarPositionSensorTest holds the simulated
 * collar's cases.
 */
@Tag("H41")
class CollarPositionCheckTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");

    private final TestCollarStepper collar = TestCollarStepper.withItsOwnSensor();
    private final CollarPositionCheck check = new CollarPositionCheck(
            new SafetyInputs(SIM, null, null, collar, null, null, null, null, null));
    private long t;

    private FaultCode tick(PenState state) {
        t += 1_000_000L;
        return check.check(t, state);
    }

    /** Homed at 1,000 steps, the sensor agreeing; the check based there. */
    private void homedAt1000() {
        collar.position = 1_000;
        collar.sensed = 1_000;
        assertThat(tick(PenState.HOMING)).isNull();
        collar.sensed = 1_500; // re-zeroed as homing ends: seen in the next state's first tick
        assertThat(tick(PenState.READY)).isNull();
        assertThat(tick(PenState.READY)).isNull();
    }

    @Test
    void givenTheCollarMovingTenStepsEitherWay_thenTheSensorMayDisagreeBy317Steps_not318() {
        homedAt1000();
        collar.moving = true;
        collar.position = 1_010;
        collar.sensed = 1_500 + 10 + 317;
        assertThat(tick(PenState.READY)).isNull();
        collar.position = 990;
        collar.sensed = 1_500 - 10 - 317;
        assertThat(tick(PenState.READY)).isNull();
        collar.sensed = 1_500 - 10 - 318;
        assertThat(tick(PenState.READY)).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        assertThat(check.detail()).isEqualTo("over -0.003 mm of commanded travel the collar's position sensor moved"
                + " -0.103 mm (0.099 mm allowed): the collar is not following its steps, or the sensor is stuck");
    }

    @Test
    void givenAMoveThatEnds_thenTheSensorIsJudgedOnceMoreAsItStops_andFromThereTheCollarMustStandStill() {
        homedAt1000();
        collar.moving = true;
        collar.position = 1_400;
        collar.sensed = 1_900;
        assertThat(tick(PenState.READY)).isNull();
        collar.moving = false;
        collar.sensed = 1_900 + 20 + 317 + 1; // 400 steps: 20 of scale, 317 slack
        assertThat(tick(PenState.READY)).as("the tick it stopped").isEqualTo(FaultCode.F30_COLLAR_MOVED);
    }

    @Test
    void givenTheCollarStandingStillOffItsLoadedFlank_thenItMayMove220StepsDeeperAnd60Shallower() {
        homedAt1000();
        collar.sensed = 1_500 + 220;
        assertThat(tick(PenState.RUNNING)).isNull();
        collar.sensed = 1_500 - 60;
        assertThat(tick(PenState.RUNNING)).isNull();
        collar.sensed = 1_500 + 221;
        assertThat(tick(PenState.RUNNING)).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        assertThat(check.detail()).isEqualTo("the collar moved 0.069 mm deeper while its stepper stood still at 1000"
                + " steps (0.069 mm allowed for the press): the needles are deeper than set");
        collar.sensed = 1_500 - 61;
        assertThat(tick(PenState.RUNNING)).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        assertThat(check.detail()).isEqualTo("the collar moved 0.019 mm shallower while its stepper stood still at 1000"
                + " steps (0.019 mm allowed for the press): the needles are shallower than set");
    }

    /** Moves the collar shallower from 1,000 to {@code to} and lets it settle there. */
    private void movedShallowerTo(long to) {
        collar.moving = true;
        collar.position = 950;
        collar.sensed = 1_450;
        assertThat(tick(PenState.READY)).isNull();
        collar.position = to;
        collar.sensed = 500 + to;
        assertThat(tick(PenState.READY)).isNull();
        collar.moving = false;
        assertThat(tick(PenState.READY)).isNull();
    }

    @Test
    void givenTheCollarSettledAfterMovingShallowerByTheWholeFlank_thenItMayMoveOnly60StepsDeeper() {
        homedAt1000();
        movedShallowerTo(840);
        collar.sensed = 500 + 840 + 60;
        assertThat(tick(PenState.RUNNING)).isNull();
        collar.sensed = 500 + 840 + 61;
        assertThat(tick(PenState.RUNNING)).isEqualTo(FaultCode.F30_COLLAR_MOVED);
    }

    @Test
    void givenTheCollarSettledAfterMovingShallowerByLessThanTheFlank_thenItMayStillTakeUpThePlay() {
        homedAt1000();
        movedShallowerTo(841);
        collar.sensed = 500 + 841 + 220;
        assertThat(tick(PenState.RUNNING)).isNull();
        collar.sensed = 500 + 841 + 221;
        assertThat(tick(PenState.RUNNING)).isEqualTo(FaultCode.F30_COLLAR_MOVED);
    }

    @Test
    void givenHoming_thenAnyDisagreementIsTheNewBase() {
        homedAt1000();
        collar.sensed = 9_999;
        assertThat(tick(PenState.HOMING)).isNull();
        assertThat(tick(PenState.BOOT)).isNull();
        collar.sensed = 5_000;
        assertThat(tick(PenState.READY)).isNull();
        collar.sensed = 5_000 + 221;
        assertThat(tick(PenState.READY)).isEqualTo(FaultCode.F30_COLLAR_MOVED);
    }

    @Test
    void givenTheCollarTurningRoundFromDeeperToShallowerWithoutStopping_thenTheFlankCountsFromTheTurn() {
        homedAt1000();
        collar.moving = true;
        collar.position = 1_100;
        collar.sensed = 1_600;
        assertThat(tick(PenState.READY)).isNull();
        collar.position = 1_200;
        collar.sensed = 1_700;
        assertThat(tick(PenState.READY)).isNull();
        collar.position = 1_100; // turned round at 1,200 without a still tick
        collar.sensed = 1_600;
        assertThat(tick(PenState.READY)).isNull();
        collar.position = 1_040;
        collar.sensed = 1_540;
        assertThat(tick(PenState.READY)).isNull();
        collar.moving = false;
        assertThat(tick(PenState.READY)).isNull();
        collar.sensed = 1_540 + 61; // 160 steps shallower than the turn: on the loaded flank
        assertThat(tick(PenState.RUNNING)).isEqualTo(FaultCode.F30_COLLAR_MOVED);
    }
}
