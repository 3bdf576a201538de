package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.AnalogSensors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** F21 at the first reading below half the profile's minimum supply, in any state; not a number counts as lost. */
@Tag("H29")
class SupplyLostCheckTest {

    private static FaultCode at(double volts, PenState state) {
        DeviceProfile sim = ProfileLoader.bundled("sim");
        AnalogSensors sensors = new AnalogSensors() {
            @Override
            public double motorCurrentAmps() {
                return 0.0;
            }

            @Override
            public double motorCurrentSignedAmps() {
                return 0.0;
            }

            @Override
            public double handpieceCelsius() {
                return 25.0;
            }

            @Override
            public double supplyVolts() {
                return volts;
            }
        };
        SupplyLostCheck check = new SupplyLostCheck(new SafetyInputs(sim, null, null, null, null, sensors, null,
                com.needlepen.firmware.loop.TickTrace.system(), null));
        return check.check(0L, state);
    }

    @Test
    void givenTheSupplyJustAboveAndBelowHalfItsMinimum_thenOnlyBelowIsLost_atOnceAndInAnyState() {
        // sim profile: minimum 11.4 V, so lost below 5.7 V; a sag to 9 V is F12's, after its 50 ms
        assertThat(at(9.0, PenState.RUNNING)).isNull();
        assertThat(at(5.71, PenState.RUNNING)).isNull();
        assertThat(at(5.69, PenState.RUNNING)).isEqualTo(FaultCode.F21_SUPPLY_LOST);
        assertThat(at(0.0, PenState.READY)).isEqualTo(FaultCode.F21_SUPPLY_LOST);
        assertThat(at(0.0, PenState.STOPPING)).isEqualTo(FaultCode.F21_SUPPLY_LOST);
    }

    @Test
    void givenASupplyReadingThatIsNotANumber_thenItCountsAsLost() {
        assertThat(at(Double.NaN, PenState.RUNNING)).isEqualTo(FaultCode.F21_SUPPLY_LOST);
    }

    @Test
    void f21IsNeitherParkableNorDriveSuspect() {
        assertThat(FaultCode.F21_SUPPLY_LOST.parkable()).as("an unpowered bridge cannot nudge the cam").isFalse();
        assertThat(FaultCode.F21_SUPPLY_LOST.driveSuspect()).isFalse();
    }
}
