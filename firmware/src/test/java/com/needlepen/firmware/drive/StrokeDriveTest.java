package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link StrokeDrive} on a drive whose inputs the test sets: every index edge counted however many
 * arrive in a tick, a new run measures afresh, and the regulator's breakaway judges a shaft by the
 * age of its last index edge (a held shaft with no edge is pushed; one whose edges keep coming is
 * not). H02: a blind or silent index must not look like a stall.
 */
@Tag("H02")
class StrokeDriveTest {

    private static final long MS = 1_000_000L;
    private final DeviceProfile profile = ProfileLoader.bundled("sim");
    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(profile);

    private double feedForward(double hz) {
        var m = profile.motor();
        double ke = m.torqueConstantNmPerA();
        return (ke * 2 * Math.PI * hz + m.resistanceOhm20C() * m.frictionTorqueNm() / ke) / hw.supplyVolts();
    }

    @Test
    void givenSeventyEdgesInOneTick_thenAllAreCounted() {
        hw.edgesEvery(100_000L, 0, 70); // more than the 64 a drain takes at once
        assertThat(drive.readEdges()).isEqualTo(70);
        assertThat(drive.edgesThisTick()).isEqualTo(70);
        hw.edgesEvery(100_000L, 8 * MS, 3);
        assertThat(drive.readEdges()).isEqualTo(3);
        assertThat(drive.strokes()).isEqualTo(73);
    }

    @Test
    void givenAnEarlierRunsEdges_whenANewRunStarts_thenNothingIsMeasuredYet() {
        hw.edgesEvery(10 * MS, 0, 5);
        drive.readEdges();
        assertThat(drive.hasMeasurement()).isTrue();
        assertThat(drive.hasEdge()).isTrue();
        drive.startRun(100 * MS, 100);
        assertThat(drive.hasMeasurement()).isFalse();
        assertThat(drive.hasEdge()).isFalse();
    }

    @Test
    void givenAHeldShaftWithoutEdgesInTheSoftStart_thenTheBreakawayPushes_butWithEdgesComingItDoesNot() {
        hw.currentAmps = 3.0; // the current of a held shaft at any soft-start duty
        drive.startRun(1_000 * MS, 100);
        for (long t = 1_001 * MS; t <= 1_100 * MS; t += MS) {
            drive.readEdges();
            drive.periodic(t);
        }
        assertThat(hw.duty).as("no edge for 100 ms: stalled, pushed").isGreaterThan(feedForward(drive.referenceHz()) + 0.01);

        FakeDriveHardware hw2 = new FakeDriveHardware();
        StrokeDrive turning = hw2.drive(profile);
        hw2.currentAmps = 3.0;
        turning.startRun(1_000 * MS, 100);
        for (long t = 1_001 * MS; t <= 1_100 * MS; t += MS) {
            if ((t / MS) % 20 == 0) {
                hw2.edges.add(t - MS / 2);
            }
            turning.readEdges();
            turning.periodic(t);
        }
        assertThat(hw2.duty).as("an edge every 20 ms: turning, the ramp's feed-forward only")
                .isCloseTo(feedForward(turning.referenceHz()), within(1e-12));
    }
}
