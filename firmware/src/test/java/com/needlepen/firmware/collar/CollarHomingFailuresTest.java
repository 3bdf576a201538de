package com.needlepen.firmware.collar;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The two ways {@link CollarHoming} fails after the fast approach found the switch, and what it
 * answers once it is over: a switch still pressed after backing off 0.3 mm (stuck closed), and one
 * that does not close again on the slow approach (H12); a finished or failed homing stays so.
 * CollarHomingTest walks the legs that succeed.
 */
@Tag("H12")
class CollarHomingFailuresTest {

    private static final long MS = 1_000_000L;

    private final TestCollarStepper stepper = TestCollarStepper.movedByTheTest();
    private final CollarHoming homing = new CollarHoming(stepper, ProfileLoader.bundled("sim").collar());

    /** Homing started with the switch open, run until the fast approach closed it at 1,000 steps and backed off. */
    private void backedOffFromTheSwitch() {
        stepper.position = 5_000;
        homing.start(0);
        stepper.position = 1_000;
        stepper.pressed = true;
        assertThat(homing.periodic(MS)).isEqualTo(CollarHoming.Phase.BACK_OFF);
        assertThat(homing.periodic(2 * MS)).isEqualTo(CollarHoming.Phase.BACK_OFF);
        stepper.arrive(); // 0.3 mm back
    }

    @Test
    void givenTheSwitchStillPressedAfterBackingOff_thenFailedSayingSo_andItStaysFailed() {
        backedOffFromTheSwitch();
        int stops = stepper.stops;
        assertThat(homing.periodic(3 * MS)).isEqualTo(CollarHoming.Phase.FAILED);
        assertThat(homing.failure()).isEqualTo("home switch never released after backing off 0.3 mm");
        assertThat(stepper.stops).isEqualTo(stops + 1);
        stepper.pressed = false;
        assertThat(homing.periodic(4 * MS)).isEqualTo(CollarHoming.Phase.FAILED);
    }

    @Test
    void givenTheSwitchNotClosingAgainOnTheSlowApproach_thenFailedSayingSo() {
        backedOffFromTheSwitch();
        stepper.pressed = false;
        assertThat(homing.periodic(3 * MS)).isEqualTo(CollarHoming.Phase.SLOW_APPROACH);
        assertThat(homing.periodic(4 * MS)).as("still moving").isEqualTo(CollarHoming.Phase.SLOW_APPROACH);
        stepper.arrive();
        assertThat(homing.periodic(5 * MS)).isEqualTo(CollarHoming.Phase.FAILED);
        assertThat(homing.failure()).isEqualTo("home switch did not press again on the slow approach");
    }

    @Test
    void givenAHomingNotStartedOrDone_thenPeriodicAnswersItsPhase() {
        assertThat(homing.periodic(MS)).isEqualTo(CollarHoming.Phase.IDLE);
        backedOffFromTheSwitch();
        stepper.pressed = false;
        homing.periodic(3 * MS);
        stepper.position = 1_010;
        stepper.pressed = true;
        assertThat(homing.periodic(4 * MS)).isEqualTo(CollarHoming.Phase.SETTLE);
        assertThat(homing.periodic(5 * MS)).isEqualTo(CollarHoming.Phase.DONE);
        assertThat(homing.periodic(6 * MS)).isEqualTo(CollarHoming.Phase.DONE);
    }
}
