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
 * {@link StuckSensorCheck} at its exact lines, on readings the test sets: a temperature unchanged while
 * the winding took exactly 0.2 J is stuck (and one change starts the count again, and only running
 * counts), and a current below the friction's share for three blocks of 32 ticks while the shaft turns
 * at 20 Hz or faster is dead, not for two blocks. StuckSensorTest shows both on the simulated pen.
 */
@Tag("H35")
class StuckSensorCheckTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;

    private final TestSensors sensors = new TestSensors();
    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(SIM);
    private final StuckSensorCheck check = new StuckSensorCheck(
            new SafetyInputs(SIM, drive, null, null, null, sensors, sensors, TickTrace.system(), null));

    @Test
    void givenATemperatureUnchangedWhileTheWindingTakesExactly02J_thenF26_andJustUnderItNot() {
        sensors.amps = 1.9; // 1.9 A through 2.5 ohm for 20 ms: 0.18 J
        assertThat(check.check(0, PenState.READY)).isNull();
        assertThat(check.check(7_000 * MS, PenState.READY)).as("unchanged 7 s, but no heat counted at rest").isNull();
        assertThat(check.check(7_020 * MS, PenState.RUNNING)).isNull();
        sensors.celsius = 30.01; // it moved: the count starts again
        assertThat(check.check(7_021 * MS, PenState.RUNNING)).isNull();
        sensors.amps = 2.0;
        assertThat(check.check(13_001 * MS, PenState.READY)).as("not running: nothing counted").isNull();
        assertThat(check.check(13_021 * MS, PenState.RUNNING)).as("2 A, 2.5 ohm, 20 ms: 0.2 J")
                .isEqualTo(FaultCode.F26_SENSOR_STUCK);
        assertThat(check.detail()).isEqualTo(
                "handpiece temperature stuck at 30.01 °C for 6.0 s while the winding took 0.2 J");
    }

    @Test
    void givenATemperatureUnchangedWhileTheWindingTakesItsEnergy_thenF26OnlyOnceUnchangedFor6s() {
        sensors.amps = 2.0;
        assertThat(check.check(0, PenState.RUNNING)).isNull();
        assertThat(check.check(20 * MS, PenState.RUNNING)).as("0.2 J, but a live sensor repeats itself that long").isNull();
        assertThat(check.check(5_999 * MS, PenState.RUNNING)).isNull();
        assertThat(check.check(6_000 * MS, PenState.RUNNING)).isEqualTo(FaultCode.F26_SENSOR_STUCK);
        assertThat(check.detail()).startsWith("handpiece temperature stuck at 30.00 °C for 6.0 s");
    }

    /**
     * A live TMP117-class sensor (as the sim models it: a conversion every 125 ms, 0.0078125 °C steps, 0.005 °C rms
     * noise) at a temperature that does not move, the winding taking 0.225 W (0.2 J in 0.9 s): its code repeats
     * for a second now and then, never for 6 s. Half an hour of ticks, no F26; the energy alone would fault.
     */
    @Test
    void givenALiveDigitalSensorAtASteadyTemperatureForHalfAnHour_thenNoF26() {
        java.util.SplittableRandom noise = new java.util.SplittableRandom(11);
        sensors.amps = 0.3;
        double trueCelsius = 36.0; // on a code: it repeats most
        long conversions = 0;
        int longestRepeat = 0;
        int repeat = 0;
        double last = Double.NaN;
        for (long t = 0; t <= 30 * 60_000 * MS; t += MS) {
            if (t % (125 * MS) == 0) {
                double code = Math.rint((trueCelsius + noise.nextGaussian() * 0.005) / 0.0078125) * 0.0078125;
                repeat = code == last ? repeat + 1 : 0;
                longestRepeat = Math.max(longestRepeat, repeat);
                last = code;
                sensors.celsius = code;
                conversions++;
            }
            assertThat(check.check(t, PenState.RUNNING)).as("at %d ms", t / MS).isNull();
        }
        System.out.printf("H35: a live sensor at a steady temperature repeated its code at most %d conversions running"
                + " (%.3f s) in %d%n", longestRepeat, longestRepeat * 0.125, conversions);
        assertThat(longestRepeat * 125L).as("ms of the longest repeat: past 0.2 J's 0.9 s").isGreaterThan(900L);
    }

    @Test
    void givenACurrentReadingZeroWhileTheShaftTurnsAt20Hz_thenF26AfterThreeBlocksOf32Ticks() {
        sensors.amps = 0.0;
        // edges every 50 ms (20 Hz exactly): the first period is measured at 50 ms, and the blocks count from there
        for (long t = 0; t <= 145 * MS; t += MS) {
            if (t % (50 * MS) == 0) {
                hw.edges.add(t);
                drive.readEdges();
            }
            sensors.celsius = 30 + t / 1e9; // a temperature that follows
            assertThat(check.check(t, PenState.RUNNING)).as("at %d ms", t / MS)
                    .isEqualTo(t == 145 * MS ? FaultCode.F26_SENSOR_STUCK : null);
        }
        assertThat(check.detail()).isEqualTo("motor current reads 0.000 A while the shaft turns at 20.0 Hz");
    }

    @Test
    void givenTheCurrentOfAFrictionLoadedShaft_thenNeverDead() {
        sensors.amps = 0.016; // above half the friction torque's current (0.015 A)
        long t = 0;
        for (; t <= 500 * MS; t += MS) {
            if (t % (50 * MS) == 0) {
                hw.edges.add(t);
                drive.readEdges();
            }
            sensors.celsius = 30 + t / 1e9;
            assertThat(check.check(t, PenState.RUNNING)).as("at %d ms", t / MS).isNull();
        }
    }

    /**
     * The dead monitor judged on a block's mean just under its line: half the current the motor's friction
     * torque needs (0.5 x 0.3 mN m / 0.010 N m/A = 0.015 A on the sim motor). A monitor that reads a few mA
     * while the shaft turns (its offset, its noise) is as dead as one reading 0; without this a line moved
     * far below 0.015 A, or a block's sum taken for its mean, went unnoticed (the mutation evidence in
     * docs/safety.md).
     */
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
