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
 * {@link IndexPlausibilityCheck}'s back-EMF comparison and level bound on inputs the test sets (sim
 * profile: 0.010 V s/rad, 2.5 ohm cold, a 12 V supply): the back-EMF's rate from the driven volts less
 * the winding's drop (the hot resistance for the lowest, 0.9 x the cold for the highest), averaged
 * over 25 ms; an index below 0.6 x the lowest for over 100 ms is F32, above 1.6 x the highest F31; each
 * run and each stop starts the holds and the average afresh; a back-EMF below a quarter of the lowest
 * set rate judges nothing; a level active one set period (10 ms at 100 Hz) is not stuck, past it it
 * is. IndexSensorFaultTest holds the simulated sensor's faults.
 */
@Tag("H44")
@Tag("H45")
@Tag("H46")
class IndexPlausibilityCheckTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;
    private static final double KE_2PI = 0.010 * 2.0 * Math.PI;

    private final TestSensors sensors = new TestSensors();
    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(SIM);
    private final IndexPlausibilityCheck check = new IndexPlausibilityCheck(
            new SafetyInputs(SIM, drive, null, null, null, sensors, sensors, TickTrace.system(), null));
    private long nextEdge;

    /** One tick at {@code t}: index edges every {@code periodNanos}, the drive sampled, the check asked. */
    private FaultCode tick(long t, long periodNanos, PenState state) {
        while (nextEdge <= t) {
            hw.edges.add(nextEdge);
            nextEdge += periodNanos;
        }
        drive.readEdges();
        drive.periodic(t);
        return check.check(t, state);
    }

    private void started(long t, double rateHz, double duty) {
        drive.startRun(t, rateHz);
        drive.brake(); // the regulator left out: the test holds the duty
        hw.duty = duty;
        nextEdge = t;
        check.runStarted(t);
    }

    @Test
    void givenAnIndexAt40HzWhileTheBackEmfSays95Hz_thenF32OnlyPast100ms_andEachRunAndStopStartsTheHoldAfresh() {
        // half of 12 V less 0.3 A through the hot winding: about 80 Hz; an index at 40 Hz is below 0.6 x that
        sensors.amps = 0.3;
        started(0, 40, 0.5);
        long t = 0;
        for (; t <= 80 * MS; t += MS) {
            assertThat(tick(t, 25 * MS, PenState.RUNNING)).as("run 1 at %d ms", t / MS).isNull();
        }
        started(100 * MS, 40, 0.5); // a new run: no stop between
        for (t = 100 * MS; t <= 180 * MS; t += MS) {
            assertThat(tick(t, 25 * MS, PenState.RUNNING)).as("run 2 at %d ms", t / MS).isNull();
        }
        for (; t <= 190 * MS; t += MS) {
            assertThat(tick(t, 25 * MS, PenState.STOPPING)).isNull();
        }
        for (; t <= 270 * MS; t += MS) {
            assertThat(tick(t, 25 * MS, PenState.RUNNING)).as("after a stop, at %d ms", t / MS).isNull();
        }
        FaultCode f = null;
        for (; f == null && t <= 400 * MS; t += MS) {
            f = tick(t, 25 * MS, PenState.RUNNING);
        }
        assertThat(f).isEqualTo(FaultCode.F32_INDEX_EDGES_MISSED);
        assertThat(t - MS).as("the condition held past 100 ms from the first judged tick after the stop")
                .isGreaterThan(290 * MS);
        assertThat(check.detail()).startsWith(String.format(java.util.Locale.ROOT,
                "missed edges: the index rate below the back-EMF's (index 40.0 Hz, back-EMF %.1f Hz",
                (6.0 - 0.3 * SIM.motorLimits().hotResistanceOhm()) / KE_2PI));
    }

    @Test
    void givenAnIndexAt100HzWhileTheBackEmfSays41Hz_thenF31ExtraEdges_judgedOnTheColdWindingsHighestEstimate() {
        // a quarter of 12 V less 0.2 A through 0.9 x 2.5 ohm: 2.55 V, 40.6 Hz; 1.6 x that is below 100 Hz
        sensors.amps = 0.2;
        started(0, 100, 0.25);
        FaultCode f = null;
        long t = 0;
        for (; f == null && t <= 400 * MS; t += MS) {
            f = tick(t, 10 * MS, PenState.RUNNING);
        }
        assertThat(f).isEqualTo(FaultCode.F31_INDEX_IMPLAUSIBLE);
        assertThat(check.detail()).startsWith(String.format(java.util.Locale.ROOT,
                "extra edges: the index rate above the back-EMF's (index 100.0 Hz, back-EMF %.1f Hz, level active 0 ms",
                (3.0 - 0.2 * 0.9 * 2.5) / KE_2PI));
    }

    @Test
    void givenTheIndexAgreeingWithTheBackEmf_thenNoFault_andAfterADutyStepTheAverageSettlesOnTheNewValue() {
        sensors.amps = 0.2;
        double hot = SIM.motorLimits().hotResistanceOhm();
        started(0, 50, 0.5); // (6 - 0.2 x hot) V: about 86 Hz on the hot winding, 88 Hz on the cold
        long t = 0;
        for (; t <= 300 * MS; t += MS) {
            assertThat(tick(t, Math.round(1e9 / 87), PenState.RUNNING)).as("at %d ms", t / MS).isNull();
        }
        hw.duty = 0.25; // the back-EMF falls to about 40 Hz: the index at 87 Hz is now too fast
        FaultCode f = null;
        for (; f == null && t <= 700 * MS; t += MS) {
            f = tick(t, Math.round(1e9 / 87), PenState.RUNNING);
        }
        assertThat(f).isEqualTo(FaultCode.F31_INDEX_IMPLAUSIBLE);
        // the average within 0.2 Hz of the new 40.6 Hz as the 100 ms hold ends: it follows the step over its 25 ms
        assertThat(check.detail()).contains("index 87.0 Hz, back-EMF 40.8 Hz");
        assertThat(hot).isGreaterThan(2.5);
    }

    @Test
    void givenABackEmfBelowAQuarterOfTheLowestSetRate_thenAnIndexFarBelowItIsNotJudged() {
        // 12 V x 0.055 = 0.66 V: 10.5 Hz, under the 12.5 Hz floor; the index at 5 Hz
        started(0, 50, 0.055);
        for (long t = 0; t <= 1_000 * MS; t += MS) {
            assertThat(tick(t, 200 * MS, PenState.RUNNING)).as("at %d ms", t / MS).isNull();
        }
    }

    @Test
    void givenTheIndexLevelActiveOneSetPeriod_thenNotStuck_andOneTickLongerF31StuckActive() {
        started(0, 100, 0.5); // 100 Hz set: 10 ms
        long t = 0;
        for (; t <= 100 * MS; t += MS) {
            assertThat(tick(t, 10 * MS, PenState.RUNNING)).isNull();
        }
        nextEdge = Long.MAX_VALUE; // the sensor stops pulsing, its level stuck active
        hw.indexActive = true;
        long from = t;
        for (; t <= from + 10 * MS; t += MS) {
            assertThat(tick(t, 10 * MS, PenState.RUNNING)).as("active %d ms", (t - from) / MS).isNull();
        }
        assertThat(tick(t, 10 * MS, PenState.RUNNING)).isEqualTo(FaultCode.F31_INDEX_IMPLAUSIBLE);
        assertThat(check.detail()).startsWith("stuck active (").contains("level active 11 ms");
    }

    /** Ticks every millisecond to each of {@code stamps} (an edge at each), asking the check at each. */
    private FaultCode edgesAt(long... stamps) {
        FaultCode f = null;
        long t = lastTick;
        for (long stamp : stamps) {
            for (t = t + MS; t < stamp; t += MS) {
                drive.readEdges();
                drive.periodic(t);
                f = check.check(t, PenState.RUNNING);
                if (f != null) {
                    return f;
                }
            }
            t = stamp;
            hw.edges.add(stamp);
            drive.readEdges();
            drive.periodic(t);
            f = check.check(t, PenState.RUNNING);
            if (f != null) {
                lastTick = t;
                return f;
            }
        }
        lastTick = t;
        return f;
    }

    private long lastTick;

    @Test
    void givenOnePeriodShorterThanTheShaftCanTurn_thenNoFault_andASecondF31() {
        assertThat(drive.indexPattern().shortestPlausibleNanos()).isBetween(3_900_000L, 4_100_000L);
        started(0, 100, 2 * Math.PI * 0.010 * 100 / 12); // the back-EMF at 100 Hz: the index agrees
        nextEdge = Long.MAX_VALUE;
        lastTick = -MS;
        assertThat(edgesAt(0, 10 * MS, 20 * MS, 30 * MS, 33 * MS, 40 * MS, 50 * MS, 60 * MS)).isNull();
        assertThat(drive.indexPattern().tooShortPeriods()).isEqualTo(1);
        assertThat(edgesAt(63 * MS)).isEqualTo(FaultCode.F31_INDEX_IMPLAUSIBLE);
        assertThat(check.detail()).startsWith("periods shorter than the shaft can turn (").endsWith(", 2 too short)");
    }

    @Test
    void givenSevenIrregularPeriods_thenNoFault_andAnEighthF31() {
        started(0, 100, 2 * Math.PI * 0.010 * 85 / 12);
        nextEdge = Long.MAX_VALUE;
        lastTick = -MS;
        // periods alternating 10 and 14 ms: each one after the first irregular against the one before
        long[] stamps = new long[9];
        long t = 0;
        for (int i = 0; i < stamps.length; i++) {
            stamps[i] = t;
            t += (i % 2 == 0 ? 10 : 14) * MS;
        }
        assertThat(edgesAt(stamps)).isNull();
        assertThat(drive.indexPattern().irregularPeriods()).isEqualTo(7);
        assertThat(edgesAt(t)).isEqualTo(FaultCode.F31_INDEX_IMPLAUSIBLE);
        assertThat(check.detail()).startsWith("irregular periods (").contains("8 of 8 periods irregular");
    }

    @Test
    void givenTheDriveAtZeroDutyWhileRunning_thenTheLevelIsNotJudged() {
        started(0, 100, 0.5);
        long t = 0;
        for (; t <= 50 * MS; t += MS) {
            tick(t, 10 * MS, PenState.RUNNING);
        }
        nextEdge = Long.MAX_VALUE;
        hw.indexActive = true;
        hw.duty = 0.0; // coasting between a brake and a nudge: the level may rest on the magnet
        for (; t <= 200 * MS; t += MS) {
            assertThat(tick(t, 10 * MS, PenState.RUNNING)).as("at %d ms", t / MS).isNull();
        }
    }

    @Test
    void givenAnIndexFarAboveTheBackEmfFor80msInEachOfTwoRunsAndAfterAStop_thenNoFault() {
        started(0, 100, 0.25); // 3 V: 47.7 Hz; the index at 100 Hz is above 1.6 x that
        long t = 0;
        for (; t <= 80 * MS; t += MS) {
            assertThat(tick(t, 10 * MS, PenState.RUNNING)).as("run 1 at %d ms", t / MS).isNull();
        }
        started(100 * MS, 100, 0.25);
        for (t = 100 * MS; t <= 180 * MS; t += MS) {
            assertThat(tick(t, 10 * MS, PenState.RUNNING)).as("run 2 at %d ms", t / MS).isNull();
        }
        for (; t <= 190 * MS; t += MS) {
            assertThat(tick(t, 10 * MS, PenState.STOPPING)).isNull();
        }
        for (; t <= 270 * MS; t += MS) {
            assertThat(tick(t, 10 * MS, PenState.RUNNING)).as("after a stop at %d ms", t / MS).isNull();
        }
    }
}
