package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Test;

/** Parking and cam stepping take their brake time, stillness, nudge and drive pulse from the profile's tuning. */
class CamParkerTuningTest {

    private static final long MS = 1_000_000L;

    /** Ticks a parker braked at 0 with the cam stopped off its index; returns when it first nudged and at what duty. */
    private static long[] firstNudge(DeviceProfile profile) {
        FakeDriveHardware hw = new FakeDriveHardware();
        StrokeDrive drive = hw.drive(profile);
        CamParker parker = new CamParker(drive, profile.tuning());
        parker.start(0);
        for (long t = MS; t < 500 * MS; t += MS) {
            drive.readEdges();
            parker.periodic(t);
            if (hw.duty > 0) {
                return new long[] {t / MS, Math.round(hw.duty * 1000)};
            }
        }
        throw new AssertionError("never nudged");
    }

    @Test
    void givenTheShippedTuning_whenTheCamStopsOffItsIndex_thenItIsNudgedAfterTheBrakeAtEightPercent() {
        long[] nudge = firstNudge(ProfileLoader.bundled("sim"));

        assertThat(nudge[0]).as("ms: the 30 ms brake outlasts the 20 ms of stillness").isEqualTo(30);
        assertThat(nudge[1]).as("duty in thousandths").isEqualTo(80);
    }

    @Test
    void givenALongerBrakeAndASofterNudgeInTheProfile_whenTheCamStopsOffItsIndex_thenTheParkerUsesThem() {
        long[] longerBrake = firstNudge(FakeDriveHardware.simWith("minBrakeMillis: 30", "minBrakeMillis: 45"));
        long[] softer = firstNudge(FakeDriveHardware.simWith("nudgeDutyFraction: 0.08", "nudgeDutyFraction: 0.06"));

        assertThat(longerBrake[0]).isEqualTo(45);
        assertThat(softer[1]).isEqualTo(60);
    }

    @Test
    void givenALongerStillnessThanTheBrake_whenParking_thenTheShaftMustBeQuietThatLongFirst() {
        long[] nudge = firstNudge(FakeDriveHardware.simWith("stillForMillis: 20", "stillForMillis: 60"));

        assertThat(nudge[0]).isEqualTo(61);
    }

    @Test
    void givenABrakingCurrentAboveTheProfilesStillThreshold_whenParking_thenTheShaftIsNotYetStill() {
        DeviceProfile profile = ProfileLoader.bundled("sim");
        FakeDriveHardware hw = new FakeDriveHardware();
        hw.currentAmps = 0.03;
        StrokeDrive drive = hw.drive(profile);
        CamParker shipped = new CamParker(drive, profile.tuning());
        shipped.start(0);
        for (long t = MS; t <= 100 * MS; t += MS) {
            drive.readEdges();
            shipped.periodic(t);
        }
        assertThat(hw.duty).as("0.03 A is above the shipped 0.02 A: still braking").isZero();

        DeviceProfile tolerant = FakeDriveHardware.simWith("stillAmps: 0.02", "stillAmps: 0.05");
        FakeDriveHardware hw2 = new FakeDriveHardware();
        hw2.currentAmps = 0.03;
        StrokeDrive drive2 = hw2.drive(tolerant);
        CamParker tuned = new CamParker(drive2, tolerant.tuning());
        tuned.start(0);
        for (long t = MS; t <= 100 * MS && hw2.duty == 0; t += MS) {
            drive2.readEdges();
            tuned.periodic(t);
        }
        assertThat(hw2.duty).as("below the tuned 0.05 A: still, so nudged").isPositive();
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
