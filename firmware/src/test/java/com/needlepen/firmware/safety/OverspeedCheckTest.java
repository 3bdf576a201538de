package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.drive.FakeDriveHardware;
import com.needlepen.firmware.drive.StrokeDrive;
import org.junit.jupiter.api.Test;

/** The overspeed line is the profile's top rate times its tuning.overspeed.maxRateFactor. */
class OverspeedCheckTest {

    /** What the check says of a shaft measured at {@code rateHz}: ten edges at that rate, checked at the last. */
    private static FaultCode at(DeviceProfile profile, double rateHz) {
        FakeDriveHardware hw = new FakeDriveHardware();
        StrokeDrive drive = hw.drive(profile);
        long period = Math.round(1e9 / rateHz);
        hw.edgesEvery(period, 0, 10);
        drive.readEdges();
        OverspeedCheck check = new OverspeedCheck(new SafetyInputs(profile, drive, null, null, null, hw, null,
                com.needlepen.firmware.loop.TickTrace.system(), null));
        return check.check(9 * period, PenState.RUNNING);
    }

    @Test
    void givenTheShippedFactor_whenTheShaftRunsJustBelowAndAboveTenPercentOverTheTopRate_thenOnlyAboveFaults() {
        DeviceProfile sim = ProfileLoader.bundled("sim");

        assertThat(at(sim, 164)).isNull();
        assertThat(at(sim, 166)).isEqualTo(FaultCode.F03_OVERSPEED);
    }

    @Test
    void givenATighterFactorInTheProfile_whenTheShaftRunsFivePercentOver_thenItFaults() {
        DeviceProfile tight = FakeDriveHardware.simWith("maxRateFactor: 1.10", "maxRateFactor: 1.04");

        assertThat(at(tight, 155)).isNull();
        assertThat(at(tight, 157.5)).isEqualTo(FaultCode.F03_OVERSPEED);
    }
}
