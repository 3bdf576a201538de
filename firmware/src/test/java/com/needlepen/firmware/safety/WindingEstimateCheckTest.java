package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.drive.FakeDriveHardware;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.drive.WindingEstimates;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.state.PenState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link WindingEstimateCheck} at its line: the running estimate at the profile's 100 °C is F24, just under it
 * not; only in RUNNING and CHECKING; not a number fails while running, and in CHECKING before the first
 * measurement waits for the probe's own check. WindingRunningEstimateTest shows it on the simulated pen.
 */
@Tag("H33")
class WindingEstimateCheckTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");

    private final TestSensors sensors = new TestSensors();
    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(SIM);
    private final WindingEstimateCheck check = new WindingEstimateCheck(
            new SafetyInputs(SIM, drive, null, null, null, sensors, sensors, TickTrace.system(), null));

    @Test
    void givenTheEstimateAtItsLimit_thenF24_andJustUnderItNot() {
        WindingEstimates.measured(drive.windingEstimate(), 99.999, SIM.motor().resistanceOhmAt(99.999));
        assertThat(check.check(0, PenState.RUNNING)).isNull();
        WindingEstimates.measured(drive.windingEstimate(), 100.0, SIM.motor().resistanceOhmAt(100));
        assertThat(check.check(0, PenState.RUNNING)).isEqualTo(FaultCode.F24_WINDING_OVERTEMP);
        assertThat(check.check(0, PenState.CHECKING)).isEqualTo(FaultCode.F24_WINDING_OVERTEMP);
        assertThat(check.detail()).isEqualTo("winding estimated at 100.0 °C while running (0.00 W into it), limit 100 °C");
        for (PenState s : PenState.values()) {
            if (s != PenState.RUNNING && s != PenState.CHECKING) {
                assertThat(check.check(0, s)).as("%s is not judged", s).isNull();
            }
        }
    }

    @Test
    void givenNoMeasurementYet_thenCheckingWaitsForTheProbe_andRunningFails() {
        assertThat(check.check(0, PenState.CHECKING)).isNull();
        assertThat(check.check(0, PenState.RUNNING)).isEqualTo(FaultCode.F24_WINDING_OVERTEMP);
    }

    @Test
    void givenAPathFoundLost_thenTheDetailSaysWhatWasMeasuredAgainstWhatTheModelAllowed() {
        WindingEstimates.measured(drive.windingEstimate(), 40, SIM.motor().resistanceOhmAt(40));
        WindingEstimates.measured(drive.windingEstimate(), 100, SIM.motor().resistanceOhmAt(100));
        assertThat(check.check(0, PenState.RUNNING)).isEqualTo(FaultCode.F24_WINDING_OVERTEMP);
        assertThat(check.detail()).isEqualTo("winding estimated at 100.0 °C while running (0.00 W into it; its path for"
                + " heat lost: measured 100.0 °C where the model allowed 40.0 °C), limit 100 °C");
    }
}
