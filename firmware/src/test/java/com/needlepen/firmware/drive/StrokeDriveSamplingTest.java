package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.config.TuningSpec;
import org.junit.jupiter.api.Test;

/**
 * What {@link StrokeDrive} samples every tick, at its edges: the index level held active across ticks
 * up to two loop periods apart (2 ms on the sim profile) and not across a longer gap; the current
 * monitor zeroed while the shaft is braked or disabled, never while it is driven; a new run's index
 * pattern starting empty; the driver's dead-man as the driver reports it. And the regulator's
 * breakaway, which grows only once the shaft has been held past its 50 ms grace, not at it.
 */
class StrokeDriveSamplingTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;

    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(SIM);

    @Test
    void givenTheLevelSampledActiveTwoMillisecondsApart_thenItHasBeenActiveSinceTheFirst_andNotAcrossALongerGap() {
        hw.indexActive = true;
        drive.periodic(0);
        drive.periodic(2 * MS);
        drive.periodic(4 * MS);
        assertThat(drive.indexActiveForNanos(4 * MS)).isEqualTo(4 * MS);
        assertThat(drive.indexActiveForNanos(6 * MS)).as("asked two periods after the last sample").isEqualTo(6 * MS);
        assertThat(drive.indexActiveForNanos(6 * MS + 1)).as("the level may have dropped since").isZero();
        drive.periodic(6 * MS + 1);
        assertThat(drive.indexActiveForNanos(6 * MS + 1)).as("a gap: counted afresh").isZero();
        hw.indexActive = false;
        drive.periodic(7 * MS);
        assertThat(drive.indexActiveForNanos(7 * MS)).isZero();
    }

    @Test
    void givenTheShaftBrakedWithTheDriverEnabled_thenTheCurrentMonitorIsZeroedThere() {
        drive.startRun(0, 100);
        drive.brake();
        hw.currentAmps = 0.012; // the monitor's own offset
        for (long t = 0; t <= 300 * MS; t += MS) {
            drive.readEdges();
            drive.periodic(t);
        }
        assertThat(drive.currentOffsetAmps()).isEqualTo(0.012, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(drive.zeroedAverageAmps()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void givenAMonitorWhoseOffsetIsBelowZeroAndWhoseMagnitudeIsOfItsReading_thenTheZeroIsTakenOnTheSignedReading() {
        drive.startRun(0, 100);
        drive.brake();
        // the part's offset below zero; its magnitude, taken of the reading with the offset in, reads +20 mA at rest
        hw.signedAmps = -0.020;
        for (long t = 0; t <= 300 * MS; t += MS) {
            drive.readEdges();
            drive.periodic(t);
        }
        assertThat(drive.currentOffsetAmps()).isCloseTo(-0.020, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(drive.zeroedAmps()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-12));
        // the winding's 0.5 A forward reads 0.48 A: zeroed, 0.5 A (a zero taken on the magnitude would say 0.46 A, and
        // 0.04 A of a shaft at rest)
        hw.signedAmps = 0.480;
        assertThat(drive.zeroedAmps()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void givenTheShaftDriven_thenItsCurrentIsNeverTakenForTheZero() {
        drive.startRun(0, 100);
        hw.currentAmps = 0.5;
        for (long t = 0; t <= 500 * MS; t += MS) {
            drive.readEdges();
            drive.periodic(t);
        }
        assertThat(drive.currentOffsetAmps()).isZero();
        assertThat(drive.zeroedAverageAmps()).as("no zero measured yet").isNaN();
    }

    @Test
    void givenIrregularEdgesInARun_thenTheNextRunsPatternStartsEmpty() {
        drive.startRun(0, 100);
        hw.edges.add(0L);
        hw.edges.add(10 * MS);
        hw.edges.add(24 * MS);
        hw.edges.add(26 * MS);
        drive.readEdges();
        assertThat(drive.indexPattern().periods()).isPositive();
        drive.brake();
        drive.startRun(100 * MS, 100);
        assertThat(drive.indexPattern().periods()).isZero();
        assertThat(drive.indexPattern().irregularPeriods()).isZero();
        assertThat(drive.indexPattern().tooShortPeriods()).isZero();
    }

    @Test
    void givenADriverWhoseDeadmanExpired_thenTheDriveSaysSo() {
        assertThat(drive.deadmanExpired()).isFalse();
        hw.deadmanExpired = true;
        assertThat(drive.deadmanExpired()).isTrue();
    }

    @Test
    void givenAHeldShaftWithoutEdges_thenTheBreakawayGrowsOnlyPastTheGrace_notAtIt() {
        TuningSpec.Regulator tuning = SIM.tuning().rateRegulator();
        RateRegulator at = new RateRegulator(0.010, 2.5, 0.0003, 0.9, tuning);
        RateRegulator past = new RateRegulator(0.010, 2.5, 0.0003, 0.9, tuning);
        RateRegulator free = new RateRegulator(0.010, 2.5, 0.0003, 0.9, tuning);
        at.start(0, 100);
        past.start(0, 100);
        free.start(0, 100);
        long t = 0;
        for (t = MS; t <= 200 * MS; t += MS) { // the ramp over (167 ms); 1.5 periods at 100 Hz is under the grace
            at.update(t, 0, false, 12, 0, true);
            past.update(t, 0, false, 12, 0, true);
            free.update(t, 0, false, 12, 0, false);
        }
        long grace = tuning.stallGraceNanos();
        assertThat(grace).isEqualTo(50 * MS);
        double dutyAt = at.update(t, 0, false, 12, grace, true);
        double dutyPast = past.update(t, 0, false, 12, grace + 1, true);
        double dutyFree = free.update(t, 0, false, 12, grace, false);
        assertThat(dutyAt).as("held for exactly the grace: no boost yet").isEqualTo(dutyFree);
        assertThat(dutyPast).isGreaterThan(dutyAt);
    }
}
