package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.MotorSpec;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.drive.FakeDriveHardware;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.drive.WindingProbe;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.state.PenState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link WindingTemperatureCheck} on winding probes whose readings the test writes: the first
 * measurement after power-on is the reference, at the thermistor's reading, so a reading put exactly on
 * the profile's 100 °C limit is a measurement exactly on it (F24), one a bit below it none; a warmer
 * winding later is F24 with its resistance against the reference in the detail; a measurement that
 * could not be made is F24 saying so; each measurement is judged once. WindingOverTemperatureTest shows
 * the simulated winding; it crosses the limit only as the plant heats (the mutation evidence in
 * docs/safety.md).
 */
@Tag("H33")
class WindingTemperatureCheckTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;

    private final TestSensors sensors = new TestSensors();
    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = new StrokeDrive(hw, hw, sensors, () -> !hw.isEnabled(), SIM);
    private final WindingProbe probe = drive.windingProbe();
    private final WindingTemperatureCheck check = new WindingTemperatureCheck(
            new SafetyInputs(SIM, drive, null, null, null, sensors, sensors, TickTrace.system(), null));
    private long t;

    /** A whole probe, the monitor reading {@code pulseAmps} in its pulse and 0 otherwise; the check ticks until the measurement is made. */
    private void measure(double pulseAmps) {
        long before = probe.measurements();
        probe.start(t);
        while (probe.phase() != WindingProbe.Phase.DONE) {
            t += MS;
            sensors.amps = probe.phase() == WindingProbe.Phase.PULSE ? pulseAmps : 0.0;
            probe.periodic(t);
            if (probe.measurements() == before) {
                assertThat(check.check(t, PenState.CHECKING)).as("before the measurement").isNull();
            }
        }
    }

    @Test
    void givenAMeasurementExactlyAtTheLimit_thenF24OnceWithTheResistanceInTheDetail() {
        assertThat(SIM.motor().maxWindingCelsius()).isEqualTo(100.0);
        sensors.celsius = 100.0; // a pen switched on hot: the reference is the reading
        measure(probe.probeAmps());
        assertThat(probe.lastCelsius()).isEqualTo(100.0);
        assertThat(check.check(t, PenState.CHECKING)).isEqualTo(FaultCode.F24_WINDING_OVERTEMP);
        assertThat(check.detail()).isEqualTo("winding at 100.0 °C (2.500 ohm against 2.500 ohm at 100.0 °C), limit 100 °C");
        assertThat(check.check(t + MS, PenState.CHECKING)).as("judged once").isNull();
    }

    @Test
    void givenAMeasurementJustBelowTheLimit_thenNoFault_andAWarmerWindingLater_thenF24() {
        sensors.celsius = Math.nextDown(100.0);
        measure(probe.probeAmps());
        assertThat(check.check(t, PenState.CHECKING)).isNull();

        sensors.celsius = 40.0;
        measure(probe.probeAmps() * 1.01); // 1 % less resistance: a winding 2.5 K cooler than at the reference
        assertThat(probe.lastCelsius()).isLessThan(100.0);
        assertThat(check.check(t, PenState.CHECKING)).isNull();
        measure(probe.probeAmps() / 1.2); // 20 % more resistance than the reference: 50.9 K warmer
        assertThat(check.check(t, PenState.CHECKING)).isEqualTo(FaultCode.F24_WINDING_OVERTEMP);
        double celsius = Math.nextDown(100.0) + 0.2 / MotorSpec.COPPER_ALPHA_PER_K;
        assertThat(check.detail()).isEqualTo(String.format(java.util.Locale.ROOT,
                "winding at %.1f °C (3.000 ohm against 2.500 ohm at 100.0 °C), limit 100 °C", celsius));
    }

    @Test
    void givenAMeasurementThatCouldNotBeMade_thenF24SayingSo() {
        measure(0.0); // no current read in the pulse
        assertThat(probe.lastCelsius()).isNaN();
        assertThat(check.check(t, PenState.CHECKING)).isEqualTo(FaultCode.F24_WINDING_OVERTEMP);
        assertThat(check.detail()).isEqualTo("the winding's resistance could not be measured (NaN ohm)");
    }

    @Test
    void givenNoMeasurementYet_thenNoFault() {
        assertThat(check.check(0, PenState.READY)).isNull();
        assertThat(check.check(10_000 * MS, PenState.CHECKING)).isNull();
    }
}
