package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Test;

/** Parking and cam stepping take their brake time, stillness, nudge and drive pulse from the profile's tuning. */
class CamParkerTuningTest {

    private static final long MS = 1_000_000L;

    /** When the current monitor's zero has been measured on a drive at rest: the parker's time 0 in these tests. */
    private static final long ZEROED = 300 * MS;

    /** Ticks {@code drive} at rest (disabled, no edges) until its current monitor's zero is measured, as BOOT does. */
    private static void zero(StrokeDrive drive) {
        drive.disable();
        for (long t = MS; t <= ZEROED; t += MS) {
            drive.readEdges();
            drive.periodic(t);
        }
        assertThat(drive.zeroedAverageAmps()).as("zeroed").isNotNaN();
    }

    /** One control tick of the parker and the drive, in the controller's order. */
    private static void tick(StrokeDrive drive, CamParker parker, long t) {
        drive.readEdges();
        parker.periodic(t);
        drive.periodic(t);
    }

    /**
     * Ticks a parker braked at 0 with the cam stopped off its index (no current, no index: its creep runs its
     * 300 ms); returns when it first drove (the creep), and when it first kicked and at what duty, in thousandths.
     */
    private static long[] firstNudge(DeviceProfile profile) {
        FakeDriveHardware hw = new FakeDriveHardware();
        StrokeDrive drive = hw.drive(profile);
        zero(drive);
        CamParker parker = new CamParker(drive, profile.tuning());
        parker.startAfterRun(ZEROED, true); // a run that just stopped: it may kick
        long creep = -1;
        boolean braked = false;
        for (long t = ZEROED + MS; t < ZEROED + 800 * MS; t += MS) {
            tick(drive, parker, t);
            if (hw.duty > 0 && creep < 0) {
                creep = (t - ZEROED) / MS;
            } else if (creep >= 0 && hw.duty == 0) {
                braked = true;
            } else if (braked && hw.duty > 0) {
                return new long[] {creep, (t - ZEROED) / MS, Math.round(hw.duty * 1000)};
            }
        }
        throw new AssertionError("never kicked");
    }

    @Test
    void givenAMonitorWhoseOffsetIsNotYetMeasured_whenParking_thenTheShaftIsNeverTakenAsStill() {
        DeviceProfile profile = ProfileLoader.bundled("sim");
        FakeDriveHardware hw = new FakeDriveHardware();
        hw.currentAmps = 0.015; // the monitor's offset: below the 0.02 A threshold, but not zero
        StrokeDrive drive = hw.drive(profile);
        CamParker parker = new CamParker(drive, profile.tuning());
        parker.start(0);
        long nudgedAt = -1;
        for (long t = MS; t < 500 * MS && nudgedAt < 0; t += MS) {
            tick(drive, parker, t);
            if (hw.duty > 0) {
                nudgedAt = t / MS;
            }
        }
        // the zero needs 200 ms at rest without edges and 64 readings; only then is stillness judged
        assertThat(nudgedAt).as("ms").isGreaterThanOrEqualTo(CurrentZero.QUIET_MILLIS + CurrentZero.ZERO_SAMPLES);
        assertThat(drive.currentOffsetAmps()).isCloseTo(0.015, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void givenTheShippedTuning_whenTheCamStopsOffItsIndex_thenItCreepsAfterTheBrakeAndKicksAtEightPercent() {
        long[] nudge = firstNudge(ProfileLoader.bundled("sim"));

        assertThat(nudge[0]).as("ms: the 30 ms brake outlasts the 20 ms of stillness").isEqualTo(30);
        assertThat(nudge[1]).as("ms: the creep's 300 ms, then the brake's 30").isEqualTo(360);
        assertThat(nudge[2]).as("kick duty in thousandths").isEqualTo(80);
    }

    @Test
    void givenALongerBrakeAndASofterNudgeInTheProfile_whenTheCamStopsOffItsIndex_thenTheParkerUsesThem() {
        long[] longerBrake = firstNudge(FakeDriveHardware.simWith("minBrakeMillis: 30", "minBrakeMillis: 45"));
        long[] softer = firstNudge(FakeDriveHardware.simWith("nudgeDutyFraction: 0.08", "nudgeDutyFraction: 0.06"));

        assertThat(longerBrake[0]).isEqualTo(45);
        assertThat(longerBrake[1]).isEqualTo(45 + 300 + 45);
        assertThat(softer[2]).isEqualTo(60);
    }

    @Test
    void givenALongerStillnessThanTheBrake_whenParking_thenTheShaftMustBeQuietThatLongFirst() {
        long[] nudge = firstNudge(FakeDriveHardware.simWith("stillForMillis: 20", "stillForMillis: 60"));

        assertThat(nudge[0]).isEqualTo(61);
        assertThat(nudge[1]).as("quiet 60 ms again after the creep's brake").isEqualTo(61 + 300 + 61);
    }

    @Test
    void givenABrakingCurrentAboveTheProfilesStillThreshold_whenParking_thenTheShaftIsNotYetStill() {
        DeviceProfile profile = ProfileLoader.bundled("sim");
        FakeDriveHardware hw = new FakeDriveHardware();
        StrokeDrive drive = hw.drive(profile);
        zero(drive);
        hw.currentAmps = 0.03;
        CamParker shipped = new CamParker(drive, profile.tuning());
        shipped.start(ZEROED);
        for (long t = ZEROED + MS; t <= ZEROED + 100 * MS; t += MS) {
            tick(drive, shipped, t);
        }
        assertThat(hw.duty).as("0.03 A is above the shipped 0.02 A: still braking").isZero();

        DeviceProfile tolerant = FakeDriveHardware.simWith("stillAmps: 0.02", "stillAmps: 0.05");
        FakeDriveHardware hw2 = new FakeDriveHardware();
        StrokeDrive drive2 = hw2.drive(tolerant);
        zero(drive2);
        hw2.currentAmps = 0.03;
        CamParker tuned = new CamParker(drive2, tolerant.tuning());
        tuned.start(ZEROED);
        for (long t = ZEROED + MS; t <= ZEROED + 100 * MS && hw2.duty == 0; t += MS) {
            tick(drive2, tuned, t);
        }
        assertThat(hw2.duty).as("below the tuned 0.05 A: still, so it creeps").isPositive();
    }

    @Test
    void givenATunedDrivePulse_whenCalibrationStepsTheCam_thenThePulseHasThatDuty() {
        DeviceProfile tuned = FakeDriveHardware.simWith("driveDutyFraction: 0.25", "driveDutyFraction: 0.4");
        FakeDriveHardware hw = new FakeDriveHardware();
        CamStepper stepper = new CamStepper(hw.drive(tuned), tuned.tuning());

        stepper.start(0, 1.5);
        stepper.periodic(MS);

        assertThat(hw.duty).isEqualTo(0.4);
    }
}
