package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.collar.TestCollarStepper;
import com.needlepen.firmware.collar.ZeroCheck;
import com.needlepen.firmware.state.PenState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link CollarCheck}'s judgements at their edges, on a collar stepper the test sets: the zero
 * check's tolerance (0.02 mm, 64 steps on the sim profile), the switch zone (0.1 mm, 320 steps), a
 * stall while the probe searches shallower (F18, not F16), a check that timed out, and what each
 * fault's detail tells the technician. The simulated collar's cases are in CollarZeroCheckTest.
 */
@Tag("H05")
@Tag("H06")
@Tag("H11")
@Tag("H12")
class CollarCheckTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long TOLERANCE = 64;   // 0.02 mm at 3,200 steps/mm
    private static final long ZONE = 480;       // 0.15 mm: the switch's drift bound (0.1 mm, H50) plus its hysteresis
    private static final long GIVE = 24;        // the calibration's 5 N on the collar's thread: 0.0075 mm (H42)
    private static final long SEARCH = 960;     // the probe's 0.3 mm past the expected switch

    private final TestCollarStepper collar = TestCollarStepper.standingStill();
    private final ZeroCheck zero = new ZeroCheck(collar, SIM.collar(), SIM.tuning().zeroCheck());
    private final CollarCheck check = new CollarCheck(
            new SafetyInputs(SIM, null, null, collar, zero, null, null, null, null));

    /** A zero check whose switch closed {@code offset} steps from where the count expects it. */
    private void zeroCheckFoundTheSwitchAt(long offset) {
        zero.start(0);
        zero.periodic(1_000_000L); // at the probe's start: the probe begins
        collar.position = offset;
        collar.pressed = true;
        zero.periodic(2_000_000L);
        collar.pressed = false;
        zero.periodic(3_000_000L);
        assertThat(zero.done()).isTrue();
        assertThat(zero.offsetSteps()).isEqualTo(offset);
    }

    @Test
    void givenTheProfile_thenTheTestsStepsAreItsTolerancesZoneAndSearch() {
        assertThat(Math.round(SIM.calibration().toleranceMm() * SIM.collar().stepsPerMm())).isEqualTo(TOLERANCE);
        assertThat(Math.round(0.15 * SIM.collar().stepsPerMm())).isEqualTo(ZONE);
        assertThat(Math.round(5 * 0.0015 * SIM.collar().stepsPerMm())).isEqualTo(GIVE);
        assertThat(Math.round(SIM.tuning().zeroCheck().probePastMm() * SIM.collar().stepsPerMm())).isEqualTo(SEARCH);
    }

    @Test
    void givenTheSwitchFoundWithinTheTolerance_thenNoFault_andOneStepPastItEitherWay_thenF16SayingWhichWayAndHowFar() {
        // judged about where the calibration's 5 N puts the collar: GIVE deeper than the unloaded count
        zeroCheckFoundTheSwitchAt(TOLERANCE - GIVE);
        assertThat(check.check(0, PenState.CHECKING)).isNull();
        zeroCheckFoundTheSwitchAt(-TOLERANCE - GIVE);
        assertThat(check.check(0, PenState.CHECKING)).isNull();

        zeroCheckFoundTheSwitchAt(TOLERANCE - GIVE + 1);
        assertThat(check.check(0, PenState.CHECKING)).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
        assertThat(check.detail()).isEqualTo("zero check: home switch closed 0.020 mm shallower than the count expects"
                + " under the calibration's 5 N (tolerance 0.020 mm)");
        zeroCheckFoundTheSwitchAt(-TOLERANCE - GIVE - 1);
        assertThat(check.check(0, PenState.CHECKING)).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);

        zeroCheckFoundTheSwitchAt(-320);
        assertThat(check.check(0, PenState.READY)).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
        assertThat(check.detail()).isEqualTo("zero check: home switch closed 0.093 mm deeper than the count expects"
                + " under the calibration's 5 N (tolerance 0.020 mm)");
    }

    @Test
    void givenTheSwitchNotFoundWithinTheSearch_thenF16SayingThePenCannotTellADeeperCollarFromAnOpenSwitch() {
        zero.start(0);
        zero.periodic(1_000_000L);
        zero.periodic(2_000_000L); // the probe arrived at the end of its search, the switch open
        assertThat(zero.done()).isTrue();
        assertThat(check.check(0, PenState.CHECKING)).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
        assertThat(check.detail()).isEqualTo("zero check: home switch not found within 0.300 mm past where the count"
                + " expects it: the collar is deeper than it counts, or the switch is stuck open (the pen cannot tell"
                + " these apart)");
    }

    @Test
    void givenAZeroCheckThatTimedOut_thenF16ThoughItsOffsetIsZero() {
        collar.moving = true; // a stepper that never stops
        zero.start(0);
        zero.periodic(ZeroCheck.TIMEOUT_NANOS + 1);
        assertThat(zero.timedOut()).isTrue();
        assertThat(zero.offsetSteps()).isZero();
        assertThat(check.check(0, PenState.CHECKING)).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
        assertThat(check.detail()).isEqualTo("zero check did not finish within 10 s: the collar did not stop where it was sent");
    }

    @Test
    void givenAStallWhileTheProbeSearchesShallowerThanTheSwitchByMoreThanTheTolerance_thenF18TheSwitchIsOpen() {
        zero.start(0);
        zero.periodic(1_000_000L);
        assertThat(zero.phase()).isEqualTo(ZeroCheck.Phase.PROBE);
        collar.stalled = true;

        collar.position = -TOLERANCE - 1;
        assertThat(check.check(0, PenState.CHECKING)).isEqualTo(FaultCode.F18_HOME_SWITCH_OPEN);
        collar.position = -SEARCH;
        assertThat(check.check(0, PenState.CHECKING)).isEqualTo(FaultCode.F18_HOME_SWITCH_OPEN);
        assertThat(check.detail()).isEqualTo("the collar stalled 0.300 mm shallower than where the count expects the"
                + " home switch, and the switch never closed: the collar passed it and reached its shallow stop; the"
                + " switch or its wiring is open");
    }

    @Test
    void givenAStallWhileTheProbeSearchesWithinTheToleranceOfTheSwitch_thenF16StepsLostNotAnOpenSwitch() {
        zero.start(0);
        zero.periodic(1_000_000L);
        collar.stalled = true;
        for (long steps : new long[] {-TOLERANCE, 0, TOLERANCE, 100}) {
            collar.position = steps;
            assertThat(check.check(0, PenState.CHECKING)).as("stalled at %d steps", steps)
                    .isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
            assertThat(check.detail()).isEqualTo("the stepper driver reported a stall at " + steps + " steps");
        }
    }

    @Test
    void givenAStallShallowerThanTheSwitchOutsideTheProbe_thenF16() {
        collar.stalled = true;
        collar.position = -SEARCH;
        assertThat(check.check(0, PenState.READY)).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
        assertThat(check.check(0, PenState.CHECKING)).as("checking, but not probing").isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
    }

    @Test
    void givenHomingOrBoot_thenNothingIsJudged() {
        collar.stalled = true;
        collar.pressed = true;
        collar.position = 5_000;
        assertThat(check.check(0, PenState.HOMING)).isNull();
        assertThat(check.check(0, PenState.BOOT)).isNull();
        assertThat(check.check(0, PenState.READY)).isNotNull();
    }

    @Test
    void givenTheSwitchClosedAtTheEdgeOfItsZone_thenNoFault_andOneStepFurther_thenF17SayingWhere() {
        collar.pressed = true;
        collar.position = ZONE;
        assertThat(check.check(0, PenState.READY)).isNull();
        collar.position = ZONE + 1;
        assertThat(check.check(0, PenState.CHECKING)).as("the zero check looks for the switch itself").isNull();
        assertThat(check.check(0, PenState.RUNNING)).isEqualTo(FaultCode.F17_HOME_SWITCH_UNEXPECTED);
        collar.position = 3_200;
        assertThat(check.check(0, PenState.READY)).isEqualTo(FaultCode.F17_HOME_SWITCH_UNEXPECTED);
        assertThat(check.detail()).isEqualTo("home switch closed at 1.000 mm from home");
    }
}
