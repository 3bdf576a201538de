package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.MotorSpec;
import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H33: {@link WindingProbe}'s measurement on readings the test writes tick by tick (1 ms ticks): the
 * zero taken from exactly {@value WindingProbe#SAMPLES} readings from 300 ms after the start with the
 * drive off, the pulse at the duty for the probe's current through the cold winding, the current taken
 * from exactly 512 readings from 100 ms into the pulse, less the zero, the bridge's voltage from the
 * supply read at both ends, the brake for 30 ms, then the drive off; the first measurement is the
 * reference, later ones a temperature by copper's coefficient; a current below a quarter of the probe's,
 * or a reading that is not a number, is no measurement. WindingOverTemperatureTest shows the simulated
 * winding; it crosses these edges only as the plant moves (the mutation evidence in docs/safety.md).
 */
@Tag("H33")
class WindingProbeTest {

    private static final long MS = 1_000_000L;
    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");

    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final TestAnalogSensors sensors = new TestAnalogSensors();
    private final StrokeDrive drive = new StrokeDrive(hw, hw, sensors, () -> !hw.isEnabled(), SIM);
    private final WindingProbe probe = drive.windingProbe();
    private final double probeAmps = probe.probeAmps();
    private long t = 1_000 * MS;

    /** One 1 ms tick with the monitor reading {@code amps}; returns the phase after it. */
    private WindingProbe.Phase tick(double amps) {
        t += MS;
        sensors.amps = amps;
        return probe.periodic(t);
    }

    /**
     * A whole measurement: readings of {@code zero} at rest and {@code zero + amps} in the pulse, the supply
     * {@code voltsAtPulse} from the pulse's start; readings outside the sampled stretches are far off, so a
     * sample taken a tick early or late shows.
     */
    private void measure(double zero, double amps, double voltsAtPulse) {
        sensors.volts = 12.0;
        probe.start(t);
        long started = t;
        while (t + MS < started + WindingProbe.ZERO_SETTLE_MILLIS * MS) {
            assertThat(tick(3.0)).isEqualTo(WindingProbe.Phase.ZERO);
        }
        for (int i = 0; i < WindingProbe.SAMPLES - 1; i++) {
            assertThat(tick(zero)).as("zero sample %d", i).isEqualTo(WindingProbe.Phase.ZERO);
        }
        assertThat(tick(zero)).isEqualTo(WindingProbe.Phase.PULSE);
        long pulse = t;
        sensors.volts = voltsAtPulse;
        while (t + MS < pulse + WindingProbe.SETTLE_MILLIS * MS) {
            assertThat(tick(-3.0)).isEqualTo(WindingProbe.Phase.PULSE);
        }
        for (int i = 0; i < WindingProbe.SAMPLES - 1; i++) {
            assertThat(tick(zero + amps)).as("pulse sample %d", i).isEqualTo(WindingProbe.Phase.PULSE);
        }
        assertThat(tick(zero + amps)).isEqualTo(WindingProbe.Phase.RELEASE);
        long release = t;
        while (t + MS < release + WindingProbe.RELEASE_MILLIS * MS) {
            assertThat(tick(0.0)).isEqualTo(WindingProbe.Phase.RELEASE);
            assertThat(hw.isEnabled()).as("braking, still enabled").isTrue();
        }
        assertThat(tick(0.0)).isEqualTo(WindingProbe.Phase.DONE);
    }

    @Test
    void givenAWholeMeasurement_thenEachStepComesOnItsTickAndTheFirstIsTheReference() {
        // 1.5 x the current the motor's friction torque needs: 1.5 x 0.3 mN m / 0.010 N m/A on the sim motor
        assertThat(probeAmps).isCloseTo(0.045, within(1e-12));
        hw.enable(0);
        hw.setDutyFraction(0.5);
        probe.start(t);
        assertThat(hw.isEnabled()).as("the start turns the drive off for the zero").isFalse();
        assertThat(probe.drivesTheBridge()).isFalse();
        probe.abort();

        measureWatchingTheDrive(0.02, probeAmps);
        assertThat(probe.done()).isTrue();
        assertThat(probe.measurements()).isEqualTo(1);
        assertThat(probe.lastAmps()).isCloseTo(probeAmps, within(1e-12));
        double duty = probeAmps * SIM.motor().resistanceOhm20C() / 12.0;
        // the bridge's voltage from the supply read at the pulse's two ends (12 V, then 11 V)
        double ohms = 0.5 * (12.0 + 11.0) * duty / probeAmps;
        assertThat(probe.lastOhms()).isCloseTo(ohms, within(1e-9));
        assertThat(probe.referenceOhms()).isEqualTo(probe.lastOhms());
        assertThat(probe.referenceCelsius()).isEqualTo(30.0);
        assertThat(probe.lastCelsius()).isEqualTo(30.0);
    }

    /** {@link #measure} for the first measurement, watching the drive: off for the zero, the pulse's duty, the brake, off. */
    private void measureWatchingTheDrive(double zero, double amps) {
        sensors.volts = 12.0;
        probe.start(t);
        long started = t;
        while (t + MS < started + WindingProbe.ZERO_SETTLE_MILLIS * MS) {
            tick(3.0);
        }
        for (int i = 0; i < WindingProbe.SAMPLES; i++) {
            assertThat(hw.isEnabled()).isFalse();
            tick(zero);
        }
        assertThat(probe.phase()).isEqualTo(WindingProbe.Phase.PULSE);
        assertThat(probe.drivesTheBridge()).isTrue();
        assertThat(hw.isEnabled()).isTrue();
        assertThat(hw.duty).isEqualTo(probeAmps * SIM.motor().resistanceOhm20C() / 12.0);
        long pulse = t;
        sensors.volts = 11.0;
        while (t + MS < pulse + WindingProbe.SETTLE_MILLIS * MS) {
            tick(-3.0);
        }
        for (int i = 0; i < WindingProbe.SAMPLES; i++) {
            assertThat(hw.braked).isFalse();
            tick(zero + amps);
        }
        assertThat(probe.phase()).isEqualTo(WindingProbe.Phase.RELEASE);
        assertThat(probe.drivesTheBridge()).isTrue();
        assertThat(hw.braked).isTrue();
        assertThat(hw.duty).isZero();
        assertThat(hw.isEnabled()).isTrue();
        long release = t;
        while (t + MS < release + WindingProbe.RELEASE_MILLIS * MS) {
            tick(0.0);
        }
        assertThat(hw.isEnabled()).isTrue();
        tick(0.0);
        assertThat(probe.phase()).isEqualTo(WindingProbe.Phase.DONE);
        assertThat(probe.drivesTheBridge()).isFalse();
        assertThat(hw.isEnabled()).as("the drive off after the brake").isFalse();
        assertThat(tick(5.0)).isEqualTo(WindingProbe.Phase.DONE);
    }

    @Test
    void givenALaterMeasurementWithLessCurrent_thenTheWindingIsWarmerByCoppersCoefficient_andTheReferenceStays() {
        measure(0.0, probeAmps, 12.0);
        double reference = probe.referenceOhms();
        sensors.celsius = 45.0; // the thermistor's reading at a later measurement does not move the reference
        measure(0.0, probeAmps / 1.2, 12.0);
        assertThat(probe.measurements()).isEqualTo(2);
        assertThat(probe.referenceOhms()).isEqualTo(reference);
        assertThat(probe.referenceCelsius()).isEqualTo(30.0);
        assertThat(probe.lastOhms()).isCloseTo(1.2 * reference, within(1e-9));
        assertThat(probe.lastCelsius()).isCloseTo(30.0 + 0.2 / MotorSpec.COPPER_ALPHA_PER_K, within(1e-6));
    }

    @Test
    void givenTooLittleCurrentToHaveBeenRead_thenNoMeasurement_andTheNextGoodOneIsTheReference() {
        measure(0.01, Math.nextDown(WindingProbe.MIN_CURRENT_SHARE * probeAmps) - 1e-6, 12.0);
        assertThat(probe.measurements()).isEqualTo(1);
        assertThat(probe.lastOhms()).isNaN();
        assertThat(probe.lastCelsius()).isNaN();
        assertThat(probe.referenceOhms()).isNaN();

        sensors.celsius = 33.0;
        measure(0.01, probeAmps, 12.0);
        assertThat(probe.referenceCelsius()).isEqualTo(33.0);
        assertThat(probe.lastCelsius()).isEqualTo(33.0);
        assertThat(probe.referenceOhms()).isCloseTo(SIM.motor().resistanceOhm20C(), within(1e-9));
    }

    @Test
    void givenAMeanCurrentExactlyAQuarterOfTheProbes_thenItIsAMeasurement() {
        double line = WindingProbe.MIN_CURRENT_SHARE * probeAmps;
        // 511 readings of a value near the line with a short mantissa (their sum exact) and one that brings
        // the sum exactly to 512 x the line: the mean is the line to the last bit
        double near = Math.scalb(Math.floor(Math.scalb(line, 40)), -40);
        double last = WindingProbe.SAMPLES * line - (WindingProbe.SAMPLES - 1) * near;
        probe.start(t);
        long started = t;
        while (probe.phase() != WindingProbe.Phase.PULSE) {
            tick(0.0);
        }
        long pulse = t;
        while (t + MS < pulse + WindingProbe.SETTLE_MILLIS * MS) {
            tick(0.0);
        }
        for (int i = 0; i < WindingProbe.SAMPLES - 1; i++) {
            tick(near);
        }
        assertThat(tick(last)).isEqualTo(WindingProbe.Phase.RELEASE);
        assertThat(started).isLessThan(pulse);
        assertThat(probe.lastAmps()).isEqualTo(line);
        assertThat(probe.lastOhms()).isNotNaN();
    }

    @Test
    void givenAReadingThatIsNotANumberInTheZeroOrThePulse_thenNoMeasurement() {
        measure(Double.NaN, probeAmps, 12.0);
        assertThat(probe.lastAmps()).isNaN();
        assertThat(probe.lastOhms()).isNaN();
        assertThat(probe.lastCelsius()).isNaN();
        assertThat(probe.referenceOhms()).isNaN();
        measure(0.0, Double.NaN, 12.0);
        assertThat(probe.measurements()).isEqualTo(2);
        assertThat(probe.lastOhms()).isNaN();
        assertThat(probe.referenceOhms()).isNaN();
    }

    /** Starts a probe at the supply {@code volts} and ticks it out of its zero; returns the phase it went to. */
    private WindingProbe.Phase afterTheZeroAt(double volts) {
        sensors.volts = volts;
        probe.start(t);
        WindingProbe.Phase phase;
        do {
            assertThat(probe.done()).isFalse();
            phase = tick(0.0);
        } while (phase == WindingProbe.Phase.ZERO);
        return phase;
    }

    @Test
    void givenNoSupplyOrOneThatIsNotANumber_thenNoPulseAndAMeasurementThatFailed() {
        measure(0.0, probeAmps, 12.0);
        assertThat(probe.lastOhms()).isNotNaN();
        long measurements = probe.measurements();
        for (double volts : new double[] {0.0, Double.NaN, -12.0, Double.POSITIVE_INFINITY}) {
            assertThat(afterTheZeroAt(volts)).as("supply %s V", volts).isEqualTo(WindingProbe.Phase.DONE);
            assertThat(probe.done()).isTrue();
            assertThat(hw.isEnabled()).isFalse();
            assertThat(probe.measurements()).as("a failed measurement is one, for the check to judge").isEqualTo(++measurements);
            assertThat(probe.lastOhms()).isNaN();
            assertThat(probe.lastCelsius()).isNaN();
            measure(0.0, probeAmps, 12.0); // a good one between
            measurements++;
        }
    }

    @Test
    void givenAFailedMeasurement_thenTheDriveIsLeftOffWhateverEnabledItMeanwhile() {
        sensors.volts = Double.NaN;
        probe.start(t);
        tick(0.0);
        hw.enable(t); // something enabled the drive while the zero was taken
        WindingProbe.Phase phase;
        do {
            phase = tick(0.0);
        } while (phase == WindingProbe.Phase.ZERO);
        assertThat(phase).isEqualTo(WindingProbe.Phase.DONE);
        assertThat(hw.isEnabled()).isFalse();
    }

    @Test
    void givenASupplyThatMakesTheDutyExactlyATenth_thenNoPulse_andOneThatMakesItJustLess_thenThePulse() {
        // the duty for 45 mA through 2.5 ohm at about 1.125 V; the supply whose division gives exactly 0.1
        double volts = probeAmps * SIM.motor().resistanceOhm20C() / 0.1;
        for (int i = 0; i < 8 && probeAmps * SIM.motor().resistanceOhm20C() / volts < 0.1; i++) {
            volts = Math.nextDown(volts);
        }
        assertThat(probeAmps * SIM.motor().resistanceOhm20C() / volts).isEqualTo(0.1);
        assertThat(afterTheZeroAt(volts)).isEqualTo(WindingProbe.Phase.DONE);
        assertThat(hw.isEnabled()).isFalse();
        assertThat(afterTheZeroAt(Math.nextUp(volts))).isEqualTo(WindingProbe.Phase.PULSE);
        assertThat(hw.isEnabled()).isTrue();
        assertThat(hw.duty).isLessThan(0.1);
    }

    @Test
    void givenAProbeAbortedInEachPhase_thenTheDriveIsOffAndTheProbeIdle_andAnIdleOrDoneProbeIsLeftAsItIs() {
        probe.start(t);
        tick(0.0);
        probe.abort();
        assertThat(probe.phase()).isEqualTo(WindingProbe.Phase.IDLE);

        probe.start(t);
        while (probe.phase() != WindingProbe.Phase.PULSE) {
            tick(0.0);
        }
        assertThat(hw.isEnabled()).isTrue();
        probe.abort();
        assertThat(probe.phase()).isEqualTo(WindingProbe.Phase.IDLE);
        assertThat(hw.isEnabled()).isFalse();

        probe.start(t);
        while (probe.phase() != WindingProbe.Phase.RELEASE) {
            tick(probeAmps);
        }
        assertThat(hw.isEnabled()).isTrue();
        probe.abort();
        assertThat(probe.phase()).isEqualTo(WindingProbe.Phase.IDLE);
        assertThat(hw.isEnabled()).isFalse();

        hw.enable(t); // a run after an idle probe: aborting it again must not touch the drive
        probe.abort();
        assertThat(hw.isEnabled()).isTrue();
        probe.start(t);
        while (probe.phase() != WindingProbe.Phase.DONE) {
            tick(probeAmps);
        }
        hw.enable(t);
        probe.abort();
        assertThat(probe.phase()).isEqualTo(WindingProbe.Phase.DONE);
        assertThat(hw.isEnabled()).isTrue();
    }

    /**
     * What parking's creep judges a held shaft by (H51): the back-EMF with the winding's resistance as the probe
     * measured it when that lies between the cold and the hot winding's, else with the cold one's.
     */
    @Test
    void givenAMeasurementBetweenColdAndHot_thenTheMeasuredBackEmfTakesIt_andOneAboveTheHotWindingsTakesTheCold() {
        double k = SIM.motor().torqueConstantNmPerA();
        double cold = SIM.motor().resistanceOhm20C();
        measure(0.0, probeAmps / 1.2, 12.0); // 1.2 x the cold winding's 2.5 Ω: 3.0 Ω, under the hot one's 3.27
        assertThat(probe.lastOhms()).isCloseTo(1.2 * cold, within(1e-9));
        sensors.volts = 12.0;
        assertThat(drive.measuredBackEmfRadPerS(0.3, 0.1)).isCloseTo((12.0 * 0.1 - 0.3 * 1.2 * cold) / k, within(1e-6));
        assertThat(drive.backEmfRadPerS(0.3, 0.1)).as("the cold winding's, always").isCloseTo((1.2 - 0.3 * cold) / k,
                within(1e-6));
        measure(0.0, probeAmps / 1.5, 12.0); // 3.75 Ω: hotter than the winding can be, a measurement not trusted
        assertThat(probe.lastOhms()).isGreaterThan(SIM.motorLimits().hotResistanceOhm());
        sensors.volts = 12.0;
        assertThat(drive.measuredBackEmfRadPerS(0.3, 0.1)).isCloseTo((1.2 - 0.3 * cold) / k, within(1e-6));
    }
}
