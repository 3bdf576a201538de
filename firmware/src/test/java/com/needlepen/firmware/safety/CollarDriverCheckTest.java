package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.collar.TestCollarStepper;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.CollarDriverFault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** F37 on any bit the collar's driver reports, naming each bit it holds and no other. */
@Tag("H54")
class CollarDriverCheckTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");

    private final TestCollarStepper collar = TestCollarStepper.standingStill();
    private final CollarDriverCheck check = new CollarDriverCheck(
            new SafetyInputs(SIM, null, null, collar, null, null, null, null, null));

    @Test
    void givenNoBits_thenNoFault() {
        collar.driverFaults = 0;
        assertThat(check.check(0L, PenState.READY)).isNull();
    }

    @Test
    void givenTwoBits_thenF37NamingExactlyThoseTwo() {
        collar.driverFaults = CollarDriverFault.OVERTEMPERATURE_WARNING.bit() | CollarDriverFault.SCALE_FAULT.bit();
        assertThat(check.check(0L, PenState.RUNNING)).isEqualTo(FaultCode.F37_COLLAR_DRIVER_FAULT);
        assertThat(check.detail()).isEqualTo("the collar's driver reports over-temperature warning, its position scale"
                + " not sound (no answer, a bad frame, the magnet out of range): re-home");
    }

    @Test
    void givenEachBitAlone_thenItsOwnWords() {
        for (CollarDriverFault f : CollarDriverFault.values()) {
            collar.driverFaults = f.bit();
            assertThat(check.check(0L, PenState.READY)).as("%s", f).isEqualTo(FaultCode.F37_COLLAR_DRIVER_FAULT);
            assertThat(check.detail()).as("%s", f).startsWith("the collar's driver reports ")
                    .hasSizeGreaterThan("the collar's driver reports ".length() + 5);
        }
    }
}
