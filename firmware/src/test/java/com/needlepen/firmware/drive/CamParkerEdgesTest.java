package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link CamParker}'s decisions at their edges, on a drive whose inputs the test sets: parked the tick
 * the brake time is up with the index active (and when), at most 12 nudges for the parker of before
 * H51 (the creep and the kick: {@link CamParkerCreepTest}), the 1 s timeout that
 * turns a brake that does not stop the shaft (a shorted driver) into F10, the brake at the start,
 * and stillness judged afresh after every nudge (H04, H18).
 */
@Tag("H04")
@Tag("H18")
class CamParkerEdgesTest {

    private static final long MS = 1_000_000L;
    private static final long ZEROED = 300 * MS;

    private final DeviceProfile profile = ProfileLoader.bundled("sim");
    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(profile);

    private void zero(StrokeDrive d) {
        d.disable();
        for (long t = MS; t <= ZEROED; t += MS) {
            d.readEdges();
            d.periodic(t);
        }
    }

    private static CamParker.Result tick(StrokeDrive d, CamParker parker, long t) {
        d.readEdges();
        CamParker.Result r = parker.periodic(t);
        d.periodic(t);
        return r;
    }

    @Test
    void givenTheCamAtItsIndexAndStill_thenParkedTheTickTheBrakeTimeIsUp_andWhen() {
        zero(drive);
        hw.indexActive = true;
        CamParker parker = new CamParker(drive, profile.tuning());
        parker.start(ZEROED);
        for (long t = ZEROED + MS; t < ZEROED + 30 * MS; t += MS) {
            assertThat(tick(drive, parker, t)).as("braking, %d ms", (t - ZEROED) / MS).isEqualTo(CamParker.Result.BUSY);
        }
        assertThat(tick(drive, parker, ZEROED + 30 * MS)).isEqualTo(CamParker.Result.PARKED);
        assertThat(parker.parkedAtNanos()).isEqualTo(ZEROED + 30 * MS);
        assertThat(hw.duty).isZero();
    }

    @Test
    void givenADrivingMotorWhenParkingStarts_thenItBrakesAtOnce() {
        drive.startRun(0, 100);
        hw.setDutyFraction(0.5);
        new CamParker(drive, profile.tuning()).start(MS);
        assertThat(hw.braked).isTrue();
        assertThat(hw.duty).isZero();
    }

    @Test
    void givenTheParkerOfBeforeH51AndACamThatNeverReachesItsIndex_thenTwelveNudgesAndThenFailed_beforeTheTimeout() {
        zero(drive);
        CamParker parker = new CamParker(drive, profile.tuning(), false);
        parker.start(ZEROED);
        int nudges = 0;
        int drivenMs = 0;
        boolean wasDriving = false;
        CamParker.Result r = CamParker.Result.BUSY;
        long t = ZEROED;
        while (r == CamParker.Result.BUSY && t < ZEROED + 2_000 * MS) {
            t += MS;
            r = tick(drive, parker, t);
            boolean driving = hw.duty > 0;
            if (driving && !wasDriving) {
                nudges++;
            }
            if (driving) {
                drivenMs++;
            }
            wasDriving = driving;
        }
        assertThat(r).isEqualTo(CamParker.Result.FAILED);
        assertThat(nudges).isEqualTo(12);
        assertThat(drivenMs).as("each nudge the profile's 12 ms").isEqualTo(12 * 12);
        assertThat(t - ZEROED).as("failed after its nudges, not at the timeout").isLessThan(CamParker.TIMEOUT_NANOS);
    }

    @Test
    void givenABrakeThatNeverStopsTheShaft_thenFailedOneNanosecondPastTheSecond_notBefore() {
        zero(drive);
        hw.currentAmps = 0.5; // braking current of a shaft that keeps turning (a shorted driver drives it)
        CamParker parker = new CamParker(drive, profile.tuning());
        parker.start(ZEROED);
        for (long t = ZEROED + MS; t <= ZEROED + CamParker.TIMEOUT_NANOS; t += MS) {
            assertThat(tick(drive, parker, t)).isEqualTo(CamParker.Result.BUSY);
        }
        assertThat(tick(drive, parker, ZEROED + CamParker.TIMEOUT_NANOS + 1)).isEqualTo(CamParker.Result.FAILED);
        assertThat(hw.braked).isTrue();
    }

    @Test
    void givenAStillnessLongerThanTheBrake_thenAfterANudgeTheShaftMustBeQuietThatLongAgain() {
        DeviceProfile slow = FakeDriveHardware.simWith("stillForMillis: 20", "stillForMillis: 60");
        FakeDriveHardware hw2 = new FakeDriveHardware();
        StrokeDrive d = hw2.drive(slow);
        zero(d);
        CamParker parker = new CamParker(d, slow.tuning());
        parker.start(ZEROED);
        long firstEnd = -1;
        long second = -1;
        boolean wasDriving = false;
        for (long t = ZEROED + MS; t < ZEROED + 600 * MS && second < 0; t += MS) {
            tick(d, parker, t);
            boolean driving = hw2.duty > 0;
            if (wasDriving && !driving && firstEnd < 0) {
                firstEnd = t;
            } else if (driving && !wasDriving && firstEnd >= 0) {
                second = t;
            }
            wasDriving = driving;
        }
        assertThat((second - firstEnd) / MS).as("ms braked between the nudges: the 60 ms of stillness, afresh")
                .isGreaterThanOrEqualTo(60);
    }

    @Test
    void givenTheTimeoutPassingWhileANudgeDrives_thenFailedAndTheNudgeIsBraked() {
        zero(drive);
        CamParker parker = new CamParker(drive, profile.tuning());
        parker.start(ZEROED);
        long quietFrom = ZEROED + 969 * MS; // turning until then: quiet 20 ms later, a nudge 989 to 1,001 ms
        long nudgeStart = -1;
        for (long t = ZEROED + MS; t <= ZEROED + CamParker.TIMEOUT_NANOS; t += MS) {
            if (t < quietFrom) {
                hw.edges.add(t);
            }
            assertThat(tick(drive, parker, t)).isEqualTo(CamParker.Result.BUSY);
            if (nudgeStart < 0 && hw.duty > 0) {
                nudgeStart = t;
            }
        }
        assertThat(nudgeStart - ZEROED).isEqualTo(989 * MS);
        assertThat(hw.duty).as("nudging at the timeout").isPositive();
        assertThat(tick(drive, parker, ZEROED + CamParker.TIMEOUT_NANOS + MS)).isEqualTo(CamParker.Result.FAILED);
        assertThat(hw.braked).isTrue();
        assertThat(hw.duty).isZero();
    }

    @Test
    void givenAParkerUsedAgain_thenTheStillnessIsJudgedAfreshFromItsNewStart() {
        DeviceProfile slow = FakeDriveHardware.simWith("stillForMillis: 20", "stillForMillis: 50");
        FakeDriveHardware hw2 = new FakeDriveHardware();
        StrokeDrive d = hw2.drive(slow);
        zero(d);
        hw2.indexActive = true;
        CamParker parker = new CamParker(d, slow.tuning());
        parker.start(ZEROED);
        long t = ZEROED;
        CamParker.Result r = CamParker.Result.BUSY;
        while (r == CamParker.Result.BUSY) {
            t += MS;
            r = tick(d, parker, t);
        }
        assertThat(r).isEqualTo(CamParker.Result.PARKED);
        long again = t + 100 * MS;
        parker.start(again);
        for (long u = again + MS; u <= again + 50 * MS; u += MS) {
            assertThat(tick(d, parker, u)).as("%d ms into the second park", (u - again) / MS)
                    .isEqualTo(CamParker.Result.BUSY);
        }
        assertThat(tick(d, parker, again + 51 * MS)).isEqualTo(CamParker.Result.PARKED);
    }

    @Test
    void givenABrakingCurrentExactlyAtTheStillLine_thenTheShaftIsNotTakenAsStill_andJustBelowItIs() {
        DeviceProfile exact = FakeDriveHardware.simWith("stillAmps: 0.02", "stillAmps: 0.0625"); // a binary fraction
        FakeDriveHardware hw2 = new FakeDriveHardware();
        StrokeDrive d = hw2.drive(exact);
        zero(d);
        hw2.indexActive = true;
        hw2.currentAmps = 0.0625;
        CamParker parker = new CamParker(d, exact.tuning());
        parker.start(ZEROED);
        long t = ZEROED;
        for (; t < ZEROED + 200 * MS; ) {
            t += MS;
            assertThat(tick(d, parker, t)).isEqualTo(CamParker.Result.BUSY);
        }
        hw2.currentAmps = 0.0624;
        CamParker.Result r = CamParker.Result.BUSY;
        while (r == CamParker.Result.BUSY && t < ZEROED + 400 * MS) {
            t += MS;
            r = tick(d, parker, t);
        }
        assertThat(r).isEqualTo(CamParker.Result.PARKED);
    }
}
