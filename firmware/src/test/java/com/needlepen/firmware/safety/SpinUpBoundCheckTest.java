package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.drive.FakeDriveHardware;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.state.PenState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link SpinUpBoundCheck} at its edges (H52): F35 one nanosecond past the bound and not at it, never once
 * spun up, counted afresh from a set rate changed before spin-up and from every run's start, judged only
 * in RUNNING, and its detail.
 */
@Tag("H52")
class SpinUpBoundCheckTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;

    private final TestSensors sensors = new TestSensors();
    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(SIM);
    private final SpinUpBoundCheck check = new SpinUpBoundCheck(
            new SafetyInputs(SIM, drive, null, null, null, sensors, sensors, TickTrace.system(), null));

    @Test
    void givenARunNeverSpunUp_thenNoFaultAtTheBound_andF35OneNanosecondPastIt() {
        drive.startRun(0, 150);
        check.runStarted(0);
        for (long t = 0; t <= SpinUpBoundCheck.BOUND_NANOS; t += MS) {
            assertThat(check.check(t, PenState.RUNNING)).as("%d ms", t / MS).isNull();
        }
        assertThat(check.check(SpinUpBoundCheck.BOUND_NANOS + 1, PenState.RUNNING))
                .isEqualTo(FaultCode.F35_SPIN_UP_TOO_LONG);
        assertThat(check.detail()).isEqualTo("not at 150.0 Hz within 3000 ms: 0.0 Hz measured");
    }

    @Test
    void givenARunThatSpunUp_thenNeverF35_andANewRunIsJudgedAfresh() {
        drive.startRun(0, 150);
        check.runStarted(0);
        check.spunUp();
        assertThat(check.check(10 * SpinUpBoundCheck.BOUND_NANOS, PenState.RUNNING)).isNull();
        long next = 20 * SpinUpBoundCheck.BOUND_NANOS;
        check.runStarted(next);
        assertThat(check.check(next + SpinUpBoundCheck.BOUND_NANOS, PenState.RUNNING)).isNull();
        assertThat(check.check(next + SpinUpBoundCheck.BOUND_NANOS + 1, PenState.RUNNING))
                .isEqualTo(FaultCode.F35_SPIN_UP_TOO_LONG);
    }

    @Test
    void givenTheSetRateChangedBeforeSpinUp_thenTheBoundCountsFromTheChange() {
        drive.startRun(0, 150);
        check.runStarted(0);
        assertThat(check.check(MS, PenState.RUNNING)).isNull();
        long changed = 2_000 * MS;
        drive.setRateHz(100);
        assertThat(check.check(changed, PenState.RUNNING)).isNull();
        assertThat(check.check(changed + SpinUpBoundCheck.BOUND_NANOS, PenState.RUNNING)).isNull();
        assertThat(check.check(changed + SpinUpBoundCheck.BOUND_NANOS + 1, PenState.RUNNING))
                .isEqualTo(FaultCode.F35_SPIN_UP_TOO_LONG);
    }

    @Test
    void givenNoRunOrAnotherState_thenNoF35HoweverLong() {
        assertThat(check.check(10 * SpinUpBoundCheck.BOUND_NANOS, PenState.RUNNING)).as("no run started").isNull();
        drive.startRun(0, 150);
        check.runStarted(0);
        assertThat(check.check(2 * SpinUpBoundCheck.BOUND_NANOS, PenState.STOPPING)).isNull();
        assertThat(check.check(2 * SpinUpBoundCheck.BOUND_NANOS, PenState.CALIBRATING)).isNull();
        assertThat(check.check(2 * SpinUpBoundCheck.BOUND_NANOS, PenState.RUNNING))
                .isEqualTo(FaultCode.F35_SPIN_UP_TOO_LONG);
    }
}
