package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Test;

/**
 * {@link CamStepper}, which turns the cam one revolution at a time while the collar is calibrated:
 * each step starts on its period's tick (not one later), a pulse ends on the index edge only once it
 * has driven 5 ms, the cam must be still (20 ms of a quiet current, counted afresh for every step)
 * before the next pulse, and a pulse that finds no edge in 500 ms brakes and reports the stall. On
 * the drive's fake hardware, in virtual time: the test says when edges come.
 */
class CamStepperTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;
    private static final double PULSE = SIM.tuning().camStepping().driveDutyFraction();

    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(SIM);
    private final CamStepper stepper = new CamStepper(drive, SIM.tuning());

    /** One control tick at {@code t}: the edges that came, the stepper, then the drive. */
    private CamStepper.Result tick(long t, boolean edge) {
        if (edge) {
            hw.edges.add(t);
        }
        drive.readEdges();
        CamStepper.Result r = stepper.periodic(t);
        drive.periodic(t);
        return r;
    }

    /** The current monitor zeroed at rest, as at power-on (the stillness test reads the zeroed current). */
    private long zeroedAtRest() {
        long t = 0;
        for (; t < 300 * MS; t += MS) {
            drive.readEdges();
            drive.periodic(t);
        }
        assertThat(drive.zeroedAverageAmps()).isZero();
        return t;
    }

    @Test
    void givenStepsAHundredTimesASecond_thenEachPulseStartsOnItsTick_endsOnAnEdgeAfter5ms_andWaitsForAStillCam() {
        long t0 = zeroedAtRest();
        hw.setDutyFraction(0.3);
        stepper.start(t0, 100); // a step every 10 ms: the settling decides the pace
        assertThat(hw.braked).as("start brakes").isTrue();

        assertThat(tick(t0, false)).isEqualTo(CamStepper.Result.BUSY);
        assertThat(hw.duty).as("the first pulse on the start's own tick").isEqualTo(PULSE);
        assertThat(tick(t0 + 3 * MS, true)).isEqualTo(CamStepper.Result.BUSY);
        assertThat(hw.duty).as("an edge 3 ms into the pulse: the cam left its index, not a revolution").isEqualTo(PULSE);
        for (long t = t0 + 4 * MS; t <= t0 + 7 * MS; t += MS) {
            tick(t, false);
            assertThat(hw.duty).as("no edge at %d ms", (t - t0) / MS).isEqualTo(PULSE);
        }
        tick(t0 + 8 * MS, true);
        assertThat(hw.braked).isTrue();
        assertThat(stepper.revolutions()).isEqualTo(1);

        for (long t = t0 + 9 * MS; t <= t0 + 28 * MS; t += MS) {
            tick(t, false);
            assertThat(hw.duty).as("settling at %d ms", (t - t0) / MS).isZero();
        }
        tick(t0 + 29 * MS, false); // quiet 20 ms: still, the step is over
        assertThat(hw.duty).isZero();
        tick(t0 + 30 * MS, false);
        assertThat(hw.duty).as("the next step, overdue, at once").isEqualTo(PULSE);

        tick(t0 + 35 * MS, true); // an edge exactly 5 ms into the pulse ends it
        assertThat(hw.braked).isTrue();
        assertThat(stepper.revolutions()).isEqualTo(2);
        for (long t = t0 + 36 * MS; t <= t0 + 55 * MS; t += MS) {
            tick(t, false);
            assertThat(hw.duty).as("the stillness counted afresh, at %d ms", (t - t0) / MS).isZero();
        }
        tick(t0 + 56 * MS, false);
        tick(t0 + 57 * MS, false);
        assertThat(hw.duty).isEqualTo(PULSE);

        for (long t = t0 + 58 * MS; t <= t0 + 557 * MS; t += MS) {
            assertThat(tick(t, false)).as("driving %d ms without an edge", (t - t0 - 57 * MS) / MS)
                    .isEqualTo(CamStepper.Result.BUSY);
        }
        assertThat(hw.duty).isEqualTo(PULSE);
        assertThat(tick(t0 + 558 * MS, false)).isEqualTo(CamStepper.Result.STALLED);
        assertThat(hw.braked).isTrue();
        assertThat(stepper.revolutions()).isEqualTo(2);
    }

    @Test
    void givenTwoStepsASecond_thenTheNextPulseWaitsForItsPeriod() {
        long t0 = zeroedAtRest();
        stepper.start(t0, 2); // a step every 500 ms
        tick(t0, false);
        tick(t0 + 10 * MS, true);
        assertThat(hw.braked).isTrue();
        for (long t = t0 + 11 * MS; t < t0 + 500 * MS; t += MS) {
            tick(t, false);
            assertThat(hw.duty).as("at %d ms", (t - t0) / MS).isZero();
        }
        tick(t0 + 500 * MS, false);
        assertThat(hw.duty).isEqualTo(PULSE);
    }
}
