package com.needlepen.firmware.collar;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link CollarHoming}, leg by leg, on a stepper the test moves (sim profile: 3,200 steps/mm, 2 mm/s,
 * 3.6 mm of travel): where each leg is sent and how fast, where the zero ends up, and each way it
 * fails (H12). A homing that zeroes at the wrong place puts every depth after it off.
 */
@Tag("H12")
class CollarHomingTest {

    private static final long MS = 1_000_000L;

    private final DeviceProfile sim = ProfileLoader.bundled("sim");
    private final TestCollarStepper stepper = TestCollarStepper.movedByTheTest();
    private final CollarHoming homing = new CollarHoming(stepper, sim.collar());

    @Test
    void givenTheSwitchOpen_thenFastToTheSwitch_backOff_slowlyBack_andTheZeroIsWhereItClosedSlowly() {
        stepper.position = 5_000;
        homing.start(0);
        assertThat(stepper.targets).containsExactly(5_000L - 13_824); // 1.2 x 3.6 mm
        assertThat(stepper.speeds).containsExactly(6_400.0);
        stepper.position = 1_000;
        stepper.pressed = true;
        assertThat(homing.periodic(MS)).isEqualTo(CollarHoming.Phase.BACK_OFF);
        assertThat(stepper.stops).as("stopped where the switch closed").isEqualTo(1);
        homing.periodic(2 * MS);
        assertThat(stepper.targets).last().isEqualTo(1_000L + 960); // 0.3 mm back
        stepper.arrive();
        stepper.pressed = false;
        assertThat(homing.periodic(3 * MS)).isEqualTo(CollarHoming.Phase.SLOW_APPROACH);
        assertThat(stepper.targets).last().isEqualTo(1_960L - 1_920); // 0.6 mm towards the switch
        assertThat(stepper.speeds).last().isEqualTo(640.0);
        stepper.position = 1_010;
        stepper.pressed = true;
        assertThat(homing.periodic(4 * MS)).isEqualTo(CollarHoming.Phase.SETTLE);
        assertThat(homing.lastTripSteps()).isEqualTo(1_010);
        stepper.moving = true; // still coasting to a stop
        assertThat(homing.periodic(5 * MS)).isEqualTo(CollarHoming.Phase.SETTLE);
        stepper.position = 1_012;
        stepper.moving = false;
        assertThat(homing.periodic(6 * MS)).isEqualTo(CollarHoming.Phase.DONE);
        assertThat(stepper.position).as("zero where the switch closed").isEqualTo(2);
        assertThat(homing.failure()).isNull();
    }

    @Test
    void givenTheSwitchPressedAtStart_thenItBacksOffFirst_andASwitchThatStaysPressedFails() {
        stepper.position = 200;
        stepper.pressed = true;
        homing.start(0);
        assertThat(homing.phase()).isEqualTo(CollarHoming.Phase.RELEASE);
        assertThat(stepper.targets).containsExactly(200L + 1_920);
        assertThat(homing.periodic(MS)).as("still moving").isEqualTo(CollarHoming.Phase.RELEASE);
        stepper.arrive();
        assertThat(homing.periodic(2 * MS)).isEqualTo(CollarHoming.Phase.FAILED);
        assertThat(homing.failure()).isEqualTo("home switch never released after backing off 0.6 mm");
        assertThat(stepper.stops).isEqualTo(1);
    }

    @Test
    void givenTheSwitchReleasedAfterBackingOff_thenTheFastApproachBegins() {
        stepper.position = 200;
        stepper.pressed = true;
        homing.start(0);
        stepper.arrive();
        stepper.pressed = false;
        assertThat(homing.periodic(MS)).isEqualTo(CollarHoming.Phase.FAST_APPROACH);
        assertThat(stepper.targets).last().isEqualTo(2_120L - 13_824);
    }

    @Test
    void givenASwitchThatNeverCloses_thenFailedSayingOverHowMuchTravel() {
        homing.start(0);
        stepper.arrive();
        assertThat(homing.periodic(MS)).isEqualTo(CollarHoming.Phase.FAILED);
        assertThat(homing.failure()).isEqualTo("home switch never pressed over 4.3 mm of travel");
    }

    @Test
    void givenAHomingThatTakesFifteenSeconds_thenFailedOnlyPastThem() {
        homing.start(0);
        assertThat(homing.periodic(15_000 * MS)).isEqualTo(CollarHoming.Phase.FAST_APPROACH);
        assertThat(homing.periodic(15_000 * MS + 1)).isEqualTo(CollarHoming.Phase.FAILED);
        assertThat(homing.failure()).isEqualTo("homing took longer than 15 s");
        assertThat(stepper.stops).isEqualTo(1);
    }
}
