package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.collar.ZeroCheck;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.CollarStepper;
import com.needlepen.hal.HoldCurrent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link ProbeStallCheck}'s judgements at their edges, on a collar whose count and position sensor the
 * test sets: the lag bound (0.06 mm, 192 steps on the sim profile) one step either side, the switch's
 * tolerance (0.02 mm, 64 steps) that tells an open switch (F18) from a count that cannot be trusted
 * (F16), and what each detail says. StallGuardThresholdTest shows a simulated collar stopping in the
 * probe; it crosses these bounds only as the plant moves (the mutation evidence in docs/safety.md).
 */
@Tag("H49")
class ProbeStallCheckTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long LAG_BOUND = 192;  // 0.06 mm at 3,200 steps/mm
    private static final long TOLERANCE = 64;   // 0.02 mm

    /** A collar whose count and sensed position the test sets apart. */
    private static final class Collar implements CollarStepper {
        long count;
        long sensed;
        boolean moving;

        @Override public void moveTo(long targetSteps, double maxStepsPerSecond, double accelStepsPerSecond2) {
            moving = true;
        }
        @Override public void stop() {
            moving = false;
        }
        @Override public boolean isMoving() {
            return moving;
        }
        @Override public long positionSteps() {
            return count;
        }
        @Override public void setPositionSteps(long steps) {
            count = steps;
        }
        @Override public long sensedPositionSteps() {
            return sensed;
        }
        @Override public long sensedIndexPhaseSteps() {
            return 0;
        }
        @Override public void setHoldCurrent(HoldCurrent holdCurrent) {
        }
        @Override public HoldCurrent holdCurrent() {
            return HoldCurrent.FULL;
        }
        @Override public boolean homeSwitchPressed() {
            return false;
        }
        @Override public boolean stallDetected() {
            return false;
        }
        @Override public int driverFaults() {
            return 0;
        }
    }

    private final Collar collar = new Collar();
    private final ZeroCheck zero = new ZeroCheck(collar, SIM.collar(), SIM.tuning().zeroCheck());
    private final ProbeStallCheck check = new ProbeStallCheck(
            new SafetyInputs(SIM, null, null, collar, zero, null, null, null, null));

    /** The zero check in its probe, begun with the sensor {@code baseLag} steps ahead of the count. */
    private void inTheProbe(long baseLag) {
        collar.count = 320;
        collar.sensed = 320 + baseLag;
        zero.start(0);
        collar.moving = false; // at the probe's start
        zero.periodic(1_000_000L);
        assertThat(zero.phase()).isEqualTo(ZeroCheck.Phase.PROBE);
    }

    /** The count at {@code count}, the sensor {@code lag} steps behind it (shallower: the probe goes shallower). */
    private void collarAt(long count, long lag, long baseLag) {
        collar.count = count;
        collar.sensed = count + lag + baseLag;
        assertThat(zero.probeLagSteps()).isEqualTo(lag);
    }

    @Test
    void givenTheProfile_thenTheTestsStepsAreItsLagBoundAndTolerance() {
        assertThat(Math.round(ProbeStallCheck.PROBE_LAG_MM * SIM.collar().stepsPerMm())).isEqualTo(LAG_BOUND);
        assertThat(Math.round(SIM.calibration().toleranceMm() * SIM.collar().stepsPerMm())).isEqualTo(TOLERANCE);
    }

    @Test
    void givenACollarExactlyOnTheLagBound_thenNoFault_andOneStepBehindIt_thenF16WithWhereAndHowFarInTheDetail() {
        inTheProbe(7); // a sensor offset at the probe's start is not a lag
        collarAt(0, LAG_BOUND, 7);
        assertThat(check.check(0, PenState.CHECKING)).isNull();
        collarAt(0, LAG_BOUND + 1, 7);
        assertThat(check.check(0, PenState.CHECKING)).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
        assertThat(check.detail()).isEqualTo("the collar stopped in the zero check's probe at 0.000 mm (its position"
                + " sensor 0.060 mm behind the steps): its count cannot be trusted");
        collarAt(160, 320, 7);
        assertThat(check.check(0, PenState.CHECKING)).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
        assertThat(check.detail()).isEqualTo("the collar stopped in the zero check's probe at 0.050 mm (its position"
                + " sensor 0.100 mm behind the steps): its count cannot be trusted");
    }

    @Test
    void givenTheCountExactlyOnTheSwitchsToleranceShallower_thenF16_andOneStepShallower_thenF18TheSwitchIsOpen() {
        inTheProbe(0);
        collarAt(-TOLERANCE, 400, 0);
        assertThat(check.check(0, PenState.CHECKING)).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
        assertThat(check.detail()).startsWith("the collar stopped in the zero check's probe at -0.020 mm");
        collarAt(-TOLERANCE - 1, 400, 0);
        assertThat(check.check(0, PenState.CHECKING)).isEqualTo(FaultCode.F18_HOME_SWITCH_OPEN);
        collarAt(-640, 400, 0);
        assertThat(check.check(0, PenState.CHECKING)).isEqualTo(FaultCode.F18_HOME_SWITCH_OPEN);
        assertThat(check.detail()).isEqualTo("the collar stopped 0.200 mm shallower than where the count expects the"
                + " home switch (its position sensor 0.125 mm behind the probe's steps), and the switch never closed:"
                + " the collar passed it and reached its shallow stop; the switch or its wiring is open");
    }

    @Test
    void givenACollarFarBehindItsSteps_thenNoFaultOutsideTheProbeOrOutsideChecking() {
        inTheProbe(0);
        collarAt(0, 1000, 0);
        assertThat(check.check(0, PenState.READY)).isNull();
        assertThat(check.check(0, PenState.CHECKING)).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
        zero.reset();
        assertThat(check.check(0, PenState.CHECKING)).isNull();
    }
}
