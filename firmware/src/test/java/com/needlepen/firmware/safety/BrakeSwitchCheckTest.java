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
 * {@link BrakeSwitchCheck}'s judgements at their edges, on a drive whose enable and brake monitor the
 * test sets: the relay's settling time (20 ms) to the nanosecond, the supply line (half the profile's
 * minimum) exactly on it, and the detail each disagreement gives the technician. BrakeMonitorTest
 * shows the simulated relay's failures; there the settling time and the supply line are only crossed
 * as the plant moves, so a bound moved by one went unnoticed (the mutation evidence in docs/safety.md).
 */
@Tag("H30")
class BrakeSwitchCheckTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;

    private final TestSensors sensors = new TestSensors();
    private final FakeDriveHardware hw = new FakeDriveHardware();
    /** What the relay's monitor contact says: true for "released, the brake closed". */
    private boolean monitorSaysClosed;
    private final StrokeDrive drive = new StrokeDrive(hw, hw, sensors, () -> monitorSaysClosed, SIM);
    private final BrakeSwitchCheck check = new BrakeSwitchCheck(
            new SafetyInputs(SIM, drive, null, null, null, sensors, sensors, TickTrace.system(), null));

    @Test
    void givenTheEnableLowAndTheMonitorSayingEnergised_thenNoFaultWithinTheSettlingTime_andF33ExactlyAtItsEnd() {
        monitorSaysClosed = false;
        drive.periodic(100 * MS); // the tick that sees the enable low
        assertThat(check.check(100 * MS + BrakeSwitchCheck.SETTLE_NANOS - 1, PenState.READY)).isNull();
        assertThat(check.check(100 * MS + BrakeSwitchCheck.SETTLE_NANOS, PenState.READY))
                .isEqualTo(FaultCode.F33_BRAKE_SWITCH_FAILED);
        assertThat(check.detail()).isEqualTo("the drive's enable has been low for 20 ms and the brake relay's monitor"
                + " contact still says energised: the brake switch does not close (an armature or coil driver stuck,"
                + " a welded monitor contact) or its monitor input is shorted");
    }

    @Test
    void givenTheEnableLowAndTheMonitorSayingReleased_thenNoFaultHoweverLong() {
        monitorSaysClosed = true;
        drive.periodic(0);
        assertThat(check.check(BrakeSwitchCheck.SETTLE_NANOS, PenState.READY)).isNull();
        assertThat(check.check(60_000 * MS, PenState.READY)).isNull();
    }

    @Test
    void givenTheEnableHighAndTheMonitorSayingReleased_withTheSupplyExactlyOnItsPresentLine_thenF33AtTheSettlingTimesEnd() {
        hw.enable(0);
        monitorSaysClosed = true;
        sensors.volts = SupplyLostCheck.FRACTION * SIM.supply().minVolts(); // 5.7 V: the supply counts as present
        drive.periodic(0);
        assertThat(check.check(BrakeSwitchCheck.SETTLE_NANOS - 1, PenState.RUNNING)).isNull();
        assertThat(check.check(BrakeSwitchCheck.SETTLE_NANOS, PenState.RUNNING)).isEqualTo(FaultCode.F33_BRAKE_SWITCH_FAILED);
        assertThat(check.detail()).isEqualTo("the drive has been enabled for 20 ms with the supply present and the brake"
                + " relay's monitor contact still says released: the brake contact is welded shut or the monitor's"
                + " wire is broken");
        assertThat(check.check(45 * MS, PenState.RUNNING)).isEqualTo(FaultCode.F33_BRAKE_SWITCH_FAILED);
        assertThat(check.detail()).contains("enabled for 45 ms");
    }

    @Test
    void givenTheEnableHighAndTheMonitorSayingReleased_withTheSupplyJustBelowItsPresentLineOrNotANumber_thenNoFault() {
        // a supply that is gone releases the relay whatever the enable: the monitor is right to say released
        hw.enable(0);
        monitorSaysClosed = true;
        drive.periodic(0);
        sensors.volts = Math.nextDown(SupplyLostCheck.FRACTION * SIM.supply().minVolts());
        assertThat(check.check(BrakeSwitchCheck.SETTLE_NANOS, PenState.RUNNING)).isNull();
        sensors.volts = Double.NaN; // F19 and F21 judge that reading
        assertThat(check.check(BrakeSwitchCheck.SETTLE_NANOS, PenState.RUNNING)).isNull();
    }

    @Test
    void givenTheEnableHighAndTheMonitorSayingEnergised_thenNoFault() {
        hw.enable(0);
        monitorSaysClosed = false;
        drive.periodic(0);
        assertThat(check.check(60_000 * MS, PenState.RUNNING)).isNull();
    }

    @Test
    void givenTheEnableChangedSinceTheLastTick_thenItIsNotJudgedUntilATickHasSeenItAndTheSettlingTimePassed() {
        monitorSaysClosed = false; // a relay that lags its coil: still energised just after the enable dropped
        hw.enable(0);
        drive.periodic(0);
        hw.disable(); // a dead-man dropping the enable between ticks
        assertThat(check.check(500 * MS, PenState.RUNNING)).isNull();
        drive.periodic(500 * MS);
        assertThat(check.check(500 * MS + BrakeSwitchCheck.SETTLE_NANOS - 1, PenState.READY)).isNull();
        assertThat(check.check(500 * MS + BrakeSwitchCheck.SETTLE_NANOS, PenState.READY))
                .isEqualTo(FaultCode.F33_BRAKE_SWITCH_FAILED);
    }
}
