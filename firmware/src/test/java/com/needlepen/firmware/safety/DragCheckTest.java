package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.collar.DepthPositioner;
import com.needlepen.firmware.collar.NominalDepthMap;
import com.needlepen.firmware.collar.TestCollarStepper;
import com.needlepen.firmware.drive.FakeDriveHardware;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.session.SessionRecorder;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link DragCheck} at its edges (H53): the torque a sound drive may need at 100 Hz with a 36-pin at
 * 1.0 mm, with its margin, is 2.157 mN m (0.2157 A on the sim motor at the back-EMF of 100 Hz): just under it
 * for ever is no fault,
 * just over it is F36 at the second window and not at the first; judged only in RUNNING after spin-up,
 * on through set-rate changes; a current that is not a number fails safe.
 */
@Tag("H53")
class DragCheckTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;
    /** Tf + b ω + the follower at its rating + the 36-pin's skin work at 1.0 mm, plus 10 % and 0.3 mN m, over k. */
    private static final double ALLOWED_AMPS = ((3e-4 + 1e-7 * 2 * Math.PI * 100
            + 0.015 * (3.0 + 0.8 * 1.5 + 36 * 0.15 * 0.25) * 0.0025 + 36 * 0.15 * 0.001 * 1.3 / (2 * Math.PI)) * 1.1
            + 3e-4) / 0.010;

    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(SIM);
    private final TestCollarStepper collar = TestCollarStepper.standingStill();
    private final DepthPositioner positioner = new DepthPositioner(collar, SIM.collar(), new NominalDepthMap(SIM.collar()), 1.5);
    private final SessionRecorder sessions = new SessionRecorder("np-test", TelemetrySink.NONE, "boot");
    private final TestSensors sensors = new TestSensors();
    private final DragCheck check = new DragCheck(
            new SafetyInputs(SIM, drive, positioner, collar, null, sensors, sensors, TickTrace.system(), sessions));
    private long t;

    private void runAt100HzSpunUp() {
        collar.position = 1_920 + 3_200; // 1.0 mm on the nominal map
        sessions.open("36-pin", "C-1", 36, 1_800_000_000_000L, 0, 1.0, 100, null);
        drive.startRun(0, 100);
        check.runStarted(0);
        hw.edgesEvery(10 * MS, MS, 10_000);
        for (t = MS; t < 100 * MS; t += MS) {
            drive.readEdges();
            assertThat(check.check(t, PenState.RUNNING)).as("before spin-up").isNull();
        }
        check.spunUp();
    }

    /**
     * Runs {@code millis} ticks at {@code amps}, the bridge's duty what a shaft at 100 Hz takes with that current
     * (its back-EMF plus the current's drop over the hottest winding: no probe has measured this one), so the
     * drive's power per radian is {@code k amps}; the first fault, or null.
     */
    private FaultCode runFor(long millis, double amps) {
        hw.currentAmps = amps;
        hw.duty = (0.010 * 2 * Math.PI * 100 + amps * SIM.motorLimits().hotResistanceOhm()) / sensors.supplyVolts();
        for (long end = t + millis * MS; t < end; t += MS) {
            drive.readEdges();
            FaultCode f = check.check(t, PenState.RUNNING);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    @Test
    void givenTheCurrentJustUnderASoundDrivesMost_thenNoFaultForLong() {
        runAt100HzSpunUp();
        assertThat(runFor(20_000, ALLOWED_AMPS - 0.001)).isNull();
    }

    @Test
    void givenTheCurrentJustOverIt_thenF36AtTheSecondWindow_notTheFirst() {
        runAt100HzSpunUp();
        long from = t;
        assertThat(runFor(20_000, ALLOWED_AMPS + 0.001)).isEqualTo(FaultCode.F36_DRIVE_DRAGS);
        long after = (t - from) / MS;
        // the window starts at the first tick after spin-up; each is judged at its 500th ms
        assertThat(after).isGreaterThan(DragCheck.WINDOW_MILLIS).isLessThanOrEqualTo(2 * DragCheck.WINDOW_MILLIS + 2);
        assertThat(check.detail()).isEqualTo(String.format(java.util.Locale.ROOT,
                "%.2f mN m at 100.0 Hz, a sound drive needs at most %.2f mN m with its margin",
                (ALLOWED_AMPS + 0.001) * 10, ALLOWED_AMPS * 10));
    }

    @Test
    void givenOneWindowOverAndOneUnder_thenNoFault() {
        runAt100HzSpunUp();
        assertThat(runFor(DragCheck.WINDOW_MILLIS + 1, 2 * ALLOWED_AMPS)).isNull();
        assertThat(runFor(DragCheck.WINDOW_MILLIS, ALLOWED_AMPS - 0.001)).isNull();
        assertThat(runFor(DragCheck.WINDOW_MILLIS, 2 * ALLOWED_AMPS)).as("counted afresh").isNull();
        assertThat(runFor(DragCheck.WINDOW_MILLIS, 2 * ALLOWED_AMPS)).isEqualTo(FaultCode.F36_DRIVE_DRAGS);
    }

    /**
     * A set rate changed after spin-up does not restart the judging: a practitioner who changes the rate every
     * second must not keep a drag from being judged.
     */
    @Test
    void givenANewSetRate_thenTheWindowsGoOn() {
        runAt100HzSpunUp();
        assertThat(runFor(DragCheck.WINDOW_MILLIS + 1, 2 * ALLOWED_AMPS)).isNull();
        drive.setRateHz(105);
        assertThat(runFor(DragCheck.WINDOW_MILLIS, 2 * ALLOWED_AMPS)).as("the second window over")
                .isEqualTo(FaultCode.F36_DRIVE_DRAGS);
    }

    @Test
    void givenNoSpinUpOrAnotherState_thenNeverJudged() {
        collar.position = 1_920 + 3_200;
        drive.startRun(0, 100);
        check.runStarted(0);
        hw.currentAmps = 1.0;
        for (t = MS; t < 5_000 * MS; t += MS) {
            assertThat(check.check(t, PenState.RUNNING)).isNull();
        }
        check.spunUp();
        for (; t < 10_000 * MS; t += MS) {
            assertThat(check.check(t, PenState.STOPPING)).isNull();
        }
        assertThat(check.check(t, PenState.RUNNING)).as("leaving RUNNING ended the judging").isNull();
        assertThat(runFor(5_000, 1.0)).isNull();
    }

    @Test
    void givenACurrentThatIsNotANumber_thenF36() {
        runAt100HzSpunUp();
        assertThat(runFor(20_000, Double.NaN)).isEqualTo(FaultCode.F36_DRIVE_DRAGS);
    }

    /** The monitor's zero, measured at rest, is taken from every reading: a unit reading 20 mA at rest is judged alike. */
    @Test
    void givenAMonitorWithAnOffset_thenItsZeroIsTakenFromTheReadings() {
        collar.position = 1_920 + 3_200;
        hw.currentAmps = 0.020;
        for (t = 0; t < 400 * MS; t += MS) {
            drive.periodic(t); // at rest, the drive off: the zero is measured
        }
        assertThat(drive.currentOffsetAmps()).isCloseTo(0.020, org.assertj.core.data.Offset.offset(1e-9));
        sessions.open("36-pin", "C-1", 36, 1_800_000_000_000L, 0, 1.0, 100, null);
        long start = t;
        drive.startRun(start, 100);
        check.runStarted(start);
        hw.edgesEvery(10 * MS, start + MS, 10_000);
        for (t = start + MS; t < start + 100 * MS; t += MS) {
            drive.readEdges();
            check.check(t, PenState.RUNNING);
        }
        check.spunUp();
        // just under the line once the zero is taken off (the reading itself is 20 mA over it)
        double under = ALLOWED_AMPS - 0.001;
        hw.duty = (0.010 * 2 * Math.PI * 100 + under * SIM.motorLimits().hotResistanceOhm()) / sensors.supplyVolts();
        hw.currentAmps = under + 0.020;
        for (long end = t + 5_000 * MS; t < end; t += MS) {
            drive.readEdges();
            assertThat(check.check(t, PenState.RUNNING)).isNull();
        }
    }

    /** A window with no speed measured (no index edge since the run began) is not judged: the stall checks' case. */
    @Test
    void givenNoSpeedMeasured_thenNotJudged() {
        collar.position = 1_920 + 3_200;
        sessions.open("36-pin", "C-1", 36, 1_800_000_000_000L, 0, 1.0, 100, null);
        drive.startRun(0, 100);
        check.runStarted(0);
        check.spunUp();
        hw.currentAmps = 1.0;
        hw.duty = 0.9;
        for (t = MS; t < 5_000 * MS; t += MS) {
            drive.readEdges();
            assertThat(check.check(t, PenState.RUNNING)).isNull();
        }
        assertThat(check.detail()).startsWith("NaN mN m at 0.0 Hz");
    }
}
