package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.MotorSpec;
import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link WindingProbe}'s warm reference (H33), on currents the test sets with the handpiece reading 30 °C: a
 * measurement 9.9 K below the handpiece is taken as it is, one 10.1 K below shows the reference was warm and
 * raises it by what shows, and the measurements after it read against the raised reference. WarmReferenceTest
 * shows it on the simulated pen.
 */
@Tag("H33")
class WindingProbeWarmReferenceTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;
    private static final double ALPHA = MotorSpec.COPPER_ALPHA_PER_K;

    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final WindingProbe probe = hw.drive(SIM).windingProbe();
    private long t;

    /** One whole measurement with {@code amps} through the winding while the probe drives it. */
    private double measure(double amps) {
        probe.start(t);
        while (probe.phase() != WindingProbe.Phase.DONE) {
            t += MS;
            hw.currentAmps = probe.phase() == WindingProbe.Phase.PULSE ? amps : 0.0;
            probe.periodic(t);
        }
        return probe.lastCelsius();
    }

    @Test
    void givenAMeasurementFarBelowTheHandpiece_thenTheReferenceWasWarmAndIsRaised_butNotJustWithinTheMargin() {
        double i1 = probe.probeAmps();
        assertThat(measure(i1)).as("the reference, at the handpiece's reading").isEqualTo(30.0);
        assertThat(measure(i1 / (1.0 - 9.9 * ALPHA))).isCloseTo(20.1, within(1e-9));
        assertThat(probe.warmReferences()).isZero();
        assertThat(probe.referenceCelsius()).isEqualTo(30.0);
        assertThat(measure(i1 / (1.0 - 10.1 * ALPHA))).as("10.1 K below: taken as the handpiece's").isEqualTo(30.0);
        assertThat(probe.warmReferences()).isEqualTo(1);
        assertThat(probe.referenceCelsius()).isCloseTo(40.1, within(1e-9));
        assertThat(measure(i1)).as("the reference's own current now reads the raised reference").isCloseTo(40.1,
                within(1e-9));
        assertThat(probe.warmReferences()).isEqualTo(1);
    }
}
