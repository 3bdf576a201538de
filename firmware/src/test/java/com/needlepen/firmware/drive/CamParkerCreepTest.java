package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link CamParker}'s creep and kick (H51, H34), each decision at its edge on a drive whose current the
 * test sets from the duty the parker last commanded: the creep's duty, its brake at the index, its stall
 * and its 300 ms; the kick's start duty, its ramp while held, its end over the top (current below half its
 * peak, not before the nudge length; or the back-EMF above 200 rad/s), at the index, after 120 ms.
 */
@Tag("H51")
@Tag("H34")
class CamParkerCreepTest {

    private static final long MS = 1_000_000L;
    private static final long ZEROED = 300 * MS;
    /** The sim profile's winding at 20 °C and hot, Ω. */
    private static final double COLD_OHM = 2.5;

    private final DeviceProfile profile = ProfileLoader.bundled("sim");
    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(profile);
    private final CamParker parker = new CamParker(drive, profile.tuning());
    /** The current the fake reads at each tick, from the duty last commanded. */
    private DoubleUnaryOperator current = duty -> 0.0;

    /** Zeroes the monitor at rest, then starts parking: after a run ({@code afterRun}) or at power-on. */
    private void zeroAndStart(boolean afterRun) {
        drive.disable();
        for (long t = MS; t <= ZEROED; t += MS) {
            drive.readEdges();
            drive.periodic(t);
        }
        if (afterRun) {
            parker.startAfterRun(ZEROED, true);
        } else {
            parker.start(ZEROED);
        }
    }

    /** As after a run that just stopped. */
    private void zeroAndStart() {
        zeroAndStart(true);
    }

    private CamParker.Result tick(long t) {
        hw.currentAmps = current.applyAsDouble(hw.duty);
        drive.readEdges();
        CamParker.Result r = parker.periodic(t);
        drive.periodic(t);
        return r;
    }

    /** Ticks from ZEROED + 1 ms until the duty turns positive; returns that tick's time after ZEROED, ms. */
    private long untilDriven(long fromMs, long toMs) {
        for (long ms = fromMs; ms <= toMs; ms++) {
            tick(ZEROED + ms * MS);
            if (hw.duty > 0) {
                return ms;
            }
        }
        throw new AssertionError("not driven by " + toMs + " ms");
    }

    /** Ticks until the duty drops to a brake; returns that tick's time after ZEROED, ms. */
    private long untilBraked(long fromMs, long toMs) {
        for (long ms = fromMs; ms <= toMs; ms++) {
            tick(ZEROED + ms * MS);
            if (hw.duty == 0) {
                return ms;
            }
        }
        throw new AssertionError("not braked by " + toMs + " ms");
    }

    private double creepDuty(double volts) {
        return CamParker.CREEP_TORQUE_NM / profile.motor().torqueConstantNmPerA()
                * profile.motorLimits().hotResistanceOhm() / volts;
    }

    @Test
    void givenTheCamStillOffItsIndex_thenItCreepsAtTheDutyThatMakes2mNmOnAHeldHotWinding_forTheSupplyMeasured() {
        zeroAndStart();
        assertThat(untilDriven(1, 100)).as("after the 30 ms brake").isEqualTo(30);
        assertThat(hw.duty).isCloseTo(creepDuty(12), within(1e-12)).isCloseTo(0.055, within(0.0005));

        FakeDriveHardware low = new FakeDriveHardware();
        low.supplyVolts = 10;
        assertThat(low.drive(profile).dutyForHeldTorque(CamParker.CREEP_TORQUE_NM)).isCloseTo(creepDuty(10), within(1e-12));
    }

    @Test
    void givenASupplyThatReadsNotANumberOrNothing_thenAnOpenLoopDriveIsNotSized_andNoDutyIsAboveTheProfilesHighest() {
        hw.supplyVolts = Double.NaN;
        assertThat(drive.dutyForHeldTorque(0.002)).isZero();
        hw.supplyVolts = 0;
        assertThat(drive.dutyForHeldTorque(0.002)).isZero();
        hw.supplyVolts = 12;
        assertThat(drive.dutyForHeldTorque(1.0)).isEqualTo(profile.motor().maxDutyFraction());
        assertThat(drive.backEmfRadPerS(0.2, 0.5)).isCloseTo((6.0 - 0.2 * COLD_OHM) / 0.010, within(1e-9));
        // no winding measured yet: the cold winding's resistance
        assertThat(drive.measuredBackEmfRadPerS(0.2, 0.5)).isCloseTo((6.0 - 0.2 * COLD_OHM) / 0.010, within(1e-9));
    }

    @Test
    void givenACreepThatReachesTheIndex_thenBrakedTheTickItReadsActive_andParkedOnceStill() {
        zeroAndStart();
        untilDriven(1, 100);
        tick(ZEROED + 31 * MS);
        assertThat(hw.duty).as("still creeping").isPositive();
        hw.indexActive = true;
        assertThat(tick(ZEROED + 32 * MS)).isEqualTo(CamParker.Result.BUSY);
        assertThat(hw.braked).isTrue();
        long t = 32;
        CamParker.Result r = CamParker.Result.BUSY;
        while (r == CamParker.Result.BUSY && t < 200) {
            r = tick(ZEROED + ++t * MS);
        }
        assertThat(r).isEqualTo(CamParker.Result.PARKED);
        assertThat(t).as("the brake's 30 ms from the index").isEqualTo(62);
    }

    @Test
    void givenACreepThatNeitherStallsNorReachesTheIndex_thenBrakedAt300ms_andTheNextMoveIsAKickAtTheNudgeDuty() {
        zeroAndStart();
        long creep = untilDriven(1, 100);
        assertThat(untilBraked(creep + 1, 1_000)).isEqualTo(creep + CamParker.CREEP_MILLIS);
        long kick = untilDriven(creep + CamParker.CREEP_MILLIS + 1, 1_000);
        assertThat(kick).as("after the brake's 30 ms").isEqualTo(creep + CamParker.CREEP_MILLIS + 30);
        assertThat(hw.duty).isEqualTo(profile.tuning().parking().nudgeDutyFraction());
        assertThat(parker.kicks()).isEqualTo(1);
        assertThat(parker.creeps()).isEqualTo(1);
    }

    @Test
    void givenAParkingAtPowerOnOrInHoming_thenACreepThatFellIsFollowedByACreep_notAKick() {
        zeroAndStart(false);
        long creep = untilDriven(1, 100);
        long braked = untilBraked(creep + 1, 1_000);
        untilDriven(braked + 1, 1_000);
        assertThat(hw.duty).as("a creep again").isEqualTo(creepDuty(12));
        assertThat(parker.kicks()).isZero();
        assertThat(parker.creeps()).isEqualTo(2);
    }

    @Test
    void givenAnIndexEdgeDuringParking_thenKicksAreAllowedFromThen() {
        zeroAndStart(false);
        long creep = untilDriven(1, 100);
        hw.edges.add(ZEROED + (creep + 1) * MS); // the creep passes the window (and overshoots it)
        long braked = untilBraked(creep + 1, 1_000);
        untilDriven(braked + 1, 1_000);
        assertThat(parker.kicks()).isEqualTo(1);
    }

    @Test
    void givenAnIndexNotTrusted_thenParkingNudgesAtTheProfilesDutyForItsLength_anotherParkingCreepsAgain() {
        zeroAndStart();
        parker.startAfterRun(ZEROED, false); // after F32
        long nudge = untilDriven(1, 100);
        assertThat(hw.duty).isEqualTo(profile.tuning().parking().nudgeDutyFraction());
        assertThat(untilBraked(nudge + 1, 100) - nudge).as("the nudge's 12 ms").isEqualTo(12);
        parker.startAfterRun(ZEROED + 200 * MS, true);
        for (long ms = 201; hw.duty == 0 && ms < 400; ms++) {
            tick(ZEROED + ms * MS);
        }
        assertThat(hw.duty).as("trusted again: a creep").isEqualTo(creepDuty(12));
    }

    @Test
    void givenACreepHeldOnARisingSide_thenBrakedOnce20msStanding_notBefore_andThenKicked() {
        current = duty -> duty * 12 / COLD_OHM; // a held shaft: no back-EMF
        zeroAndStart();
        long creep = untilDriven(1, 100);
        long braked = untilBraked(creep + 1, 400);
        // the mean of 8 readings holds the brake's zeros for 8 ticks, then 20 ms standing
        assertThat(braked - creep).isBetween(CamParker.CREEP_STALL_MILLIS, CamParker.CREEP_STALL_MILLIS + 9);
        assertThat(untilDriven(braked + 1, 400)).isEqualTo(braked + 30);
        assertThat(hw.duty).as("a kick").isEqualTo(profile.tuning().parking().nudgeDutyFraction());
    }

    private CamParker.Result lastResult;

    /** Ticks from {@code fromMs} while parking is busy; returns the tick (ms after ZEROED) that ended it, or -1. */
    private long untilNotBusy(long fromMs, long toMs) {
        for (long ms = fromMs; ms <= toMs; ms++) {
            lastResult = tick(ZEROED + ms * MS);
            if (lastResult != CamParker.Result.BUSY) {
                return ms;
            }
        }
        return -1;
    }

    @Test
    void givenACreepDrawingJustOverTwiceItsDutysStallCurrent_thenParkingFailsBrakedSayingSo() {
        double stall = creepDuty(12) * 12 / COLD_OHM;
        current = duty -> duty > 0 ? CamParker.CREEP_DISOBEYED_FACTOR * stall * 1.01 : 0.0; // a latched duty's drive
        zeroAndStart();
        long creep = untilDriven(1, 100);
        long failed = untilNotBusy(creep + 1, creep + 50);
        // the mean of 8 readings passes the line once it holds eight of the drive's
        assertThat(failed - creep).isBetween(8L, 10L);
        assertThat(lastResult).isEqualTo(CamParker.Result.FAILED);
        assertThat(tick(ZEROED + (failed + 1) * MS)).isEqualTo(CamParker.Result.BUSY);
        assertThat(hw.duty).as("braked").isZero();
        assertThat(parker.failure()).contains("the drive does not follow its duty").contains("5.5 %");
        assertThat(drive.stallAmps(0.5)).isCloseTo(12 * 0.5 / COLD_OHM, within(1e-12));
    }

    @Test
    void givenACreepDrawingJustUnderTwiceItsDutysStallCurrent_thenItIsNotFailed_butEndsAsACreepThatStands() {
        double stall = creepDuty(12) * 12 / COLD_OHM;
        // more than a held shaft draws: the back-EMF reads below the stall line, so the creep ends as one that
        // stands, and a kick follows; under the line, the drive is not judged disobedient
        current = duty -> duty > 0 && duty < 0.9 * profile.tuning().parking().nudgeDutyFraction()
                ? CamParker.CREEP_DISOBEYED_FACTOR * stall * 0.99 : 0.0;
        zeroAndStart();
        long creep = untilDriven(1, 100);
        long braked = untilBraked(creep + 1, 1_000);
        assertThat(braked - creep).isBetween(CamParker.CREEP_STALL_MILLIS, CamParker.CREEP_STALL_MILLIS + 9);
        assertThat(untilDriven(braked + 1, 400)).isEqualTo(braked + 30);
        assertThat(hw.duty).as("a kick, not a failure").isEqualTo(profile.tuning().parking().nudgeDutyFraction());
        assertThat(parker.failure()).isNull();
    }

    @Test
    void givenAParkingInFault_thenACreepThatFellIsNotFollowedByAKick_butFailsBrakedAtOnce() {
        current = duty -> duty * 12 / COLD_OHM; // held on a rising side
        zeroAndStart();
        parker.startInFault(ZEROED, true);
        long creep = untilDriven(1, 100);
        assertThat(hw.duty).isEqualTo(creepDuty(12));
        long braked = untilBraked(creep + 1, 400);
        long failed = untilNotBusy(braked + 1, braked + 200);
        assertThat(failed).as("failed once still after the creep's brake, with no kick").isPositive();
        assertThat(lastResult).isEqualTo(CamParker.Result.FAILED);
        assertThat(tick(ZEROED + (failed + 1) * MS)).isEqualTo(CamParker.Result.BUSY);
        assertThat(parker.kicks()).isZero();
        assertThat(hw.duty).isZero();
        assertThat(parker.failure()).contains("no kick may follow in FAULT");
        // the next parking (after an acknowledge, a stop) forgets it
        parker.startAfterRun(ZEROED + 1_000 * MS, true);
        assertThat(parker.failure()).isNull();
    }

    @Test
    void givenACreepThatTurnsJustFasterThanTheStallLine_thenItCreepsOnForIts300ms() {
        // back-EMF 6 rad/s at the creep's duty: turning slowly, not held
        current = duty -> duty > 0 ? (duty * 12 - 6.0 * 0.010) / COLD_OHM : 0.0;
        zeroAndStart();
        long creep = untilDriven(1, 100);
        assertThat(untilBraked(creep + 1, 1_000)).isEqualTo(creep + CamParker.CREEP_MILLIS);
    }

    /** Runs a parker to its first kick (its creep ends at 300 ms); returns the kick's start, ms after ZEROED. */
    private long toTheKick() {
        zeroAndStart();
        long creep = untilDriven(1, 100);
        untilBraked(creep + 1, 1_000);
        return untilDriven(creep + CamParker.CREEP_MILLIS + 1, 1_000);
    }

    @Test
    void givenAKick_thenItsDutyRisesFiveThousandthsAMillisecondWhileHeld_holdsWhenNot_andEndsOverTheTopOnlyAfter12ms() {
        long kick = toTheKick();
        double nudge = profile.tuning().parking().nudgeDutyFraction();
        current = duty -> duty * 12 / COLD_OHM; // held
        for (int i = 1; i <= 5; i++) {
            tick(ZEROED + (kick + i) * MS);
        }
        assertThat(hw.duty).isCloseTo(nudge + 5 * CamParker.KICK_RAMP_PER_S * 0.001, within(1e-9));
        double held = hw.duty;
        current = duty -> 0.15; // turning: below the held line (0.19 A), below half the peak (0.24 A)
        for (int i = 6; i < 12; i++) {
            tick(ZEROED + (kick + i) * MS);
            assertThat(hw.duty).as("%d ms into the kick: the duty held, the kick on", i).isEqualTo(held);
        }
        tick(ZEROED + (kick + 12) * MS);
        assertThat(hw.duty).as("12 ms: over the top, braked").isZero();
        assertThat(hw.braked).isTrue();
    }

    @Test
    void givenAKickWhoseBackEmfPasses200RadPerS_thenBraked_thoughItsCurrentHasNotFallen() {
        long kick = toTheKick();
        current = duty -> 1.9 * duty * 12 / profile.motorLimits().hotResistanceOhm() / 2; // just held: the ramp goes on
        long t = kick;
        while (hw.duty > 0 && t < kick + 200) {
            t++;
            tick(ZEROED + t * MS);
            double d = hw.duty;
            if (d > 0 && (d * 12 - current.applyAsDouble(d) * COLD_OHM) / 0.010 > CamParker.KICK_OVER_RAD_PER_S) {
                // the next tick reads this back-EMF: braked then
                tick(ZEROED + ++t * MS);
                assertThat(hw.braked).isTrue();
                return;
            }
        }
        throw new AssertionError("the ramp never reached 200 rad/s of back-EMF: braked at " + (t - kick) + " ms");
    }

    @Test
    void givenAKickThatNeverGetsOver_thenBrakedAfter120ms_notBefore() {
        long kick = toTheKick();
        current = duty -> duty * 12 / COLD_OHM; // held throughout: no back-EMF, the current never falls
        for (long ms = kick + 1; ms < kick + CamParker.KICK_MAX_MILLIS; ms++) {
            tick(ZEROED + ms * MS);
            assertThat(hw.duty).as("%d ms into the kick", ms - kick).isPositive();
        }
        tick(ZEROED + (kick + CamParker.KICK_MAX_MILLIS) * MS);
        assertThat(hw.duty).isZero();
        assertThat(hw.braked).isTrue();
    }

    @Test
    void givenAKickThatBringsTheCamToItsIndex_thenBrakedAtOnce() {
        long kick = toTheKick();
        current = duty -> duty * 12 / COLD_OHM;
        tick(ZEROED + (kick + 1) * MS);
        hw.indexActive = true;
        tick(ZEROED + (kick + 2) * MS);
        assertThat(hw.braked).isTrue();
    }

    @Test
    void givenACamThatNeverReachesItsIndex_thenCreepsAndKicksInTurnUntilTheTimeout_andFailedBraked() {
        zeroAndStart();
        CamParker.Result r = CamParker.Result.BUSY;
        long t = ZEROED;
        while (r == CamParker.Result.BUSY && t < ZEROED + 2_000 * MS) {
            t += MS;
            r = tick(t);
        }
        assertThat(r).isEqualTo(CamParker.Result.FAILED);
        assertThat(t - ZEROED).isEqualTo(CamParker.TIMEOUT_NANOS + MS);
        assertThat(hw.braked).isTrue();
        assertThat(parker.creeps()).isEqualTo(3);
        assertThat(parker.kicks()).isEqualTo(2);
    }
}
