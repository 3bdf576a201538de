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
 * {@link StuckSensorCheck}'s dead current monitor judged on a block's mean just under its line: half the
 * current the motor's friction torque needs (0.5 x 0.3 mN m / 0.010 N m/A = 0.015 A on the sim motor).
 * A monitor that reads a few mA while the shaft turns (its offset, its noise) is as dead as one reading
 * 0: StuckSensorCheckTest has the readings of 0 and 0.016 A; without this a line moved far below
 * 0.015 A, or a block's sum taken for its mean, went unnoticed (the mutation evidence in docs/safety.md).
 */
@Tag("H35")
class StuckSensorCheckBlockTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;

    private final TestSensors sensors = new TestSensors();
    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(SIM);
    private final StuckSensorCheck check = new StuckSensorCheck(
            new SafetyInputs(SIM, drive, null, null, null, sensors, sensors, TickTrace.system(), null));

    @Test
    void givenACurrentReadingJustUnderHalfTheFrictionCurrentWhileTheShaftTurns_thenF26AfterThreeBlocksOf32Ticks() {
        sensors.amps = 0.0149;
        // edges every 50 ms (20 Hz): the first period is measured at 50 ms, and the blocks count from there
        for (long t = 0; t <= 145 * MS; t += MS) {
            if (t % (50 * MS) == 0) {
                hw.edges.add(t);
                drive.readEdges();
            }
            sensors.celsius = 30 + t / 1e9; // a temperature that follows
            assertThat(check.check(t, PenState.RUNNING)).as("at %d ms", t / MS)
                    .isEqualTo(t == 145 * MS ? FaultCode.F26_SENSOR_STUCK : null);
        }
        assertThat(check.detail()).isEqualTo("motor current reads 0.015 A while the shaft turns at 20.0 Hz");
    }
}
