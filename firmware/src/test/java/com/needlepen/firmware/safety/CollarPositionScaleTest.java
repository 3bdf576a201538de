package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.collar.TestCollarStepper;
import com.needlepen.firmware.state.PenState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link CollarPositionCheck}'s measured scale, its move bounds with it, and its anchor, in steps of the
 * sim profile (3,200 steps/mm): a leg is sampled from 160 steps past its turn (the play) every 16 steps,
 * taken if it spans at least 1,920 steps (0.6 mm), its slope within 5 % of 1, and it is longer than the
 * one held; a move is then allowed 64 steps (0.02 mm) of scale over the measured span, plus 316.5 steps
 * of slack, or 156.5 on the deeper side of a move that only went shallower from the loaded flank; the
 * anchor (the last settle in CHECKING) allows 156.5 steps plus the scale's part, plus 160 for the play
 * (on its deeper side only when the anchor was off the loaded flank). The collar moves 8 steps a tick.
 */
@Tag("H41")
class CollarPositionScaleTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");

    private final TestCollarStepper collar = TestCollarStepper.withItsOwnSensor();
    private final CollarPositionCheck check = new CollarPositionCheck(
            new SafetyInputs(SIM, null, null, collar, null, null, null, null, null));
    private long t;

    private FaultCode tick(PenState state) {
        t += 1_000_000L;
        return check.check(t, state);
    }

    /** Homed at 0, the sensor agreeing. */
    private void homed() {
        assertThat(tick(PenState.HOMING)).isNull();
        assertThat(tick(PenState.READY)).isNull();
    }

    /** Moves the count to {@code to}, 8 steps a tick, the sensor following at {@code scale} from where it was. */
    private FaultCode move(PenState state, long to, double scale) {
        collar.moving = true;
        long fromCount = collar.position;
        long fromSensed = collar.sensed;
        while (collar.position != to) {
            long left = to - collar.position;
            collar.position += Long.signum(left) * Math.min(8, Math.abs(left));
            collar.sensed = fromSensed + Math.round(scale * (collar.position - fromCount));
            FaultCode fault = tick(state);
            if (fault != null) {
                return fault;
            }
        }
        return null;
    }

    /** The move ends: one tick still. */
    private FaultCode stop(PenState state) {
        collar.moving = false;
        return tick(state);
    }

    /** Homed, then a leg in CHECKING from 0 to 4,000 at 1.04 that settles there (off the loaded flank). */
    private void measuredAt104() {
        homed();
        assertThat(move(PenState.CHECKING, 4_000, 1.04)).isNull();
        assertThat(stop(PenState.CHECKING)).isNull();
        assertThat(tick(PenState.READY)).isNull();
    }

    @Test
    void givenAOneWayLegInChecking_thenItsLeastSquaresSlopeIsTheScale_overTheSpanPastThePlay() {
        homed();
        assertThat(check.scale()).isEqualTo(1.0);
        assertThat(check.scaleSpanSteps()).isZero();
        assertThat(move(PenState.CHECKING, 4_000, 1.04)).isNull();
        assertThat(check.scaleSpanSteps()).as("not taken until the leg ends").isZero();
        assertThat(stop(PenState.CHECKING)).isNull();
        assertThat(tick(PenState.READY)).isNull();
        assertThat(check.scale()).isCloseTo(1.04, within(1e-4));
        assertThat(check.scaleSpanSteps()).as("from 160 to 4,000").isEqualTo(3_840.0);
    }

    @Test
    void givenALegThatTurns_thenTheTurnEndsIt_andTheLegBackIsMeasuredFromThePlayPastTheTurn() {
        homed();
        assertThat(move(PenState.CHECKING, 4_000, 1.04)).isNull();
        assertThat(move(PenState.CHECKING, 1_000, 1.04)).isNull();
        assertThat(check.scaleSpanSteps()).as("the first leg, ended by the turn").isEqualTo(3_840.0);
        assertThat(stop(PenState.CHECKING)).isNull();
        assertThat(tick(PenState.READY)).isNull();
        assertThat(check.scaleSpanSteps()).as("the leg back, 2,840 steps, is shorter: the first is kept")
                .isEqualTo(3_840.0);
    }

    @Test
    void givenALongerLegLater_thenItReplacesTheScale_aShorterOneDoesNot() {
        measuredAt104();
        assertThat(move(PenState.CHECKING, 6_000, 1.02)).isNull(); // 2,000 - 160: shorter
        assertThat(tick(PenState.READY)).isNull();
        assertThat(check.scale()).isCloseTo(1.04, within(1e-4));
        collar.position = 0;
        collar.sensed = 0;
        homed();
        assertThat(move(PenState.CHECKING, 5_000, 0.97)).isNull();
        assertThat(tick(PenState.READY)).isNull();
        assertThat(check.scale()).isCloseTo(0.97, within(1e-4));
        assertThat(check.scaleSpanSteps()).as("160 to 4,992, the last sample 16 steps on").isEqualTo(4_832.0);
    }

    @Test
    void givenALegOf1920StepsPastThePlay_thenItIsTaken_and1904AreNot() {
        homed();
        assertThat(move(PenState.CHECKING, 160 + 1_904, 1.03)).isNull();
        assertThat(tick(PenState.READY)).isNull();
        assertThat(check.scaleSpanSteps()).isZero();
        assertThat(check.scale()).isEqualTo(1.0);
        collar.position = 0;
        collar.sensed = 0;
        homed();
        assertThat(move(PenState.CHECKING, 160 + 1_920, 1.03)).isNull();
        assertThat(tick(PenState.READY)).isNull();
        assertThat(check.scaleSpanSteps()).isEqualTo(1_920.0);
        assertThat(check.scale()).isCloseTo(1.03, within(1e-3));
    }

    @Test
    void givenASlopeOutsideTheProfilesTolerance_eitherWay_thenItIsNotTaken() {
        homed();
        assertThat(move(PenState.CHECKING, 4_000, 1.06)).isNull();
        assertThat(tick(PenState.READY)).isNull();
        assertThat(check.scaleSpanSteps()).isZero();
        collar.position = 0;
        collar.sensed = 0;
        homed();
        assertThat(move(PenState.CHECKING, 4_000, 0.94)).isNull();
        assertThat(tick(PenState.READY)).isNull();
        assertThat(check.scaleSpanSteps()).isZero();
        collar.position = 0;
        collar.sensed = 0;
        homed();
        assertThat(move(PenState.CHECKING, 4_000, 0.955)).isNull();
        assertThat(tick(PenState.READY)).isNull();
        assertThat(check.scale()).isCloseTo(0.955, within(1e-4));
    }

    @Test
    void givenLegsInReadyOrRunning_thenTheyAreNotMeasured_theNeedlesMayRunAndTheThreadWalk() {
        homed();
        assertThat(move(PenState.READY, 4_000, 1.04)).isNull();
        assertThat(stop(PenState.READY)).isNull();
        assertThat(move(PenState.RUNNING, 0, 1.04)).isNull();
        assertThat(stop(PenState.RUNNING)).isNull();
        assertThat(check.scaleSpanSteps()).isZero();
    }

    @Test
    void givenHomingsApproach_thenItIsMeasured_endedByTheTickAfterHoming_butNotABootLeg() {
        assertThat(tick(PenState.BOOT)).isNull();
        assertThat(move(PenState.BOOT, -4_000, 1.04)).isNull();
        assertThat(tick(PenState.HOMING)).isNull();
        assertThat(check.scaleSpanSteps()).as("BOOT: not measured").isZero();
        assertThat(move(PenState.HOMING, -8_000, 0.97)).isNull();
        collar.moving = false;
        collar.position = 0; // re-zeroed as homing ends
        collar.sensed = 0;
        assertThat(tick(PenState.READY)).isNull();
        assertThat(check.scale()).isCloseTo(0.97, within(1e-4));
        assertThat(check.scaleSpanSteps()).isEqualTo(3_840.0);
    }

    @Test
    void givenTheMeasuredScale_thenAMoveMayDisagreeByTheScalesPartOverTheSpanPlusTheSlack_366Steps_not367() {
        measuredAt104();
        long startSensed = collar.sensed;
        assertThat(move(PenState.READY, 7_000, check.scale())).isNull();
        collar.sensed = startSensed + Math.round(check.scale() * 3_000) + 366; // 3,000 x 64 / 3,840 = 50, + 316.5
        assertThat(tick(PenState.READY)).isNull();
        collar.sensed = startSensed + Math.round(check.scale() * 3_000) + 367;
        assertThat(tick(PenState.READY)).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        assertThat(check.detail()).startsWith("over 0.938 mm of commanded travel").contains("(0.115 mm allowed)");
        collar.sensed = startSensed + Math.round(check.scale() * 3_000) - 367;
        assertThat(tick(PenState.READY)).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        collar.sensed = startSensed + Math.round(check.scale() * 3_000) - 366;
        assertThat(tick(PenState.READY)).isNull();
    }

    @Test
    void givenNoMeasuredScale_thenAMoveIsAllowedTheProfilesToleranceOfItsTravel() {
        homed();
        assertThat(check.scaleAllowance(3_000)).isEqualTo(150.0);
        assertThat(check.scaleAllowance(-3_000)).isEqualTo(150.0);
        measuredAt104();
        assertThat(check.scaleAllowance(-3_000)).isEqualTo(50.0);
        assertThat(check.scaleAllowance(3_840)).isEqualTo(64.0);
    }

    /** Measured at 1.04, then shallower to 3,000 in READY, settled there on the loaded flank. */
    private long onTheLoadedFlankAt3000() {
        measuredAt104();
        assertThat(move(PenState.READY, 3_000, check.scale())).isNull();
        assertThat(stop(PenState.READY)).isNull();
        return collar.sensed;
    }

    @Test
    void givenAShallowerMoveFromTheLoadedFlank_thenItsDeeperSideLeavesThePlayOut_189Steps_not190() {
        long at3000 = onTheLoadedFlankAt3000();
        assertThat(move(PenState.RUNNING, 1_000, check.scale())).isNull();
        long expected = at3000 + Math.round(check.scale() * -2_000);
        collar.sensed = expected + 189; // 2,000 x 64 / 3,840 = 33.3, + 156.5
        assertThat(tick(PenState.RUNNING)).isNull();
        collar.sensed = expected - 349; // the shallower side keeps the play: 33.3 + 316.5
        assertThat(tick(PenState.RUNNING)).isNull();
        collar.sensed = expected + 190;
        assertThat(tick(PenState.RUNNING)).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        assertThat(check.detail()).startsWith("over -0.625 mm of commanded travel").contains("(0.059 mm allowed)");
        collar.sensed = expected - 350;
        assertThat(tick(PenState.RUNNING)).isEqualTo(FaultCode.F30_COLLAR_MOVED);
    }

    @Test
    void givenAMoveFromTheLoadedFlankThatWentDeeperOnTheWay_thenItsDeeperSideKeepsThePlay() {
        long at3000 = onTheLoadedFlankAt3000();
        assertThat(move(PenState.RUNNING, 3_008, check.scale())).isNull();
        assertThat(move(PenState.RUNNING, 1_000, check.scale())).isNull();
        collar.sensed = at3000 + Math.round(check.scale() * -2_000) + 349;
        assertThat(tick(PenState.RUNNING)).isNull();
    }

    @Test
    void givenAShallowerMoveFromOffTheLoadedFlank_thenItsDeeperSideKeepsThePlay() {
        measuredAt104();
        long at4000 = collar.sensed;
        assertThat(move(PenState.RUNNING, 2_000, check.scale())).isNull();
        collar.sensed = at4000 + Math.round(check.scale() * -2_000) + 349;
        assertThat(tick(PenState.RUNNING)).isNull();
    }

    @Test
    void givenWalksBakedIntoSettledMoves_thenTheAnchorFindsThemAddingUp() {
        measuredAt104();
        assertThat(move(PenState.CHECKING, 3_000, check.scale())).isNull();
        assertThat(stop(PenState.CHECKING)).isNull(); // the anchor: 3,000 on the loaded flank
        long anchor = collar.sensed;
        assertThat(move(PenState.RUNNING, 2_000, check.scale())).isNull();
        collar.sensed += 150; // within the move's 16.7 + 156.5 and the anchor's
        assertThat(stop(PenState.RUNNING)).isNull();
        assertThat(move(PenState.RUNNING, 1_000, check.scale())).isNull();
        collar.sensed = anchor + Math.round(check.scale() * -2_000) + 150 + 39; // anchor: 33.3 + 156.5
        assertThat(tick(PenState.RUNNING)).isNull();
        collar.sensed += 1;
        assertThat(tick(PenState.RUNNING)).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        assertThat(check.detail()).isEqualTo("the collar stands 0.059 mm deeper than its steps say since it last"
                + " settled with the needles still, -0.625 mm of travel ago (0.059 mm allowed): the needles are deeper"
                + " than set");
    }

    @Test
    void givenTheAnchorOffTheLoadedFlank_thenItsDeeperSideAllowsThePlay_andItsShallowerSideAlways() {
        measuredAt104(); // the anchor: 4,000, reached moving deeper
        long anchor = collar.sensed;
        assertThat(move(PenState.RUNNING, 3_000, check.scale())).isNull();
        collar.sensed += 100;
        assertThat(stop(PenState.RUNNING)).isNull();
        assertThat(move(PenState.RUNNING, 3_008, check.scale())).isNull(); // deeper first: the move's own bound keeps the play
        assertThat(move(PenState.RUNNING, 2_000, check.scale())).isNull();
        long expected = anchor + Math.round(check.scale() * -2_000);
        collar.sensed = expected + 349; // 33.3 + 156.5 + 160
        assertThat(tick(PenState.RUNNING)).isNull();
        collar.sensed = expected + 350;
        assertThat(tick(PenState.RUNNING)).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        assertThat(check.detail()).startsWith("the collar stands 0.109 mm deeper");
    }

    @Test
    void givenALegAsLongAsTheOneHeld_thenItDoesNotReplaceIt() {
        measuredAt104();
        collar.position = 0;
        collar.sensed = 0;
        homed();
        assertThat(move(PenState.CHECKING, 4_000, 0.98)).isNull(); // the same 3,840 steps
        assertThat(tick(PenState.READY)).isNull();
        assertThat(check.scale()).isCloseTo(1.04, within(1e-4));
    }

    @Test
    void givenWalksBakedIntoSettledMoves_thenTheAnchorFindsThemWhileTheCollarStandsStill() {
        measuredAt104();
        assertThat(move(PenState.CHECKING, 3_000, check.scale())).isNull();
        assertThat(stop(PenState.CHECKING)).isNull(); // the anchor: 3,000 on the loaded flank
        long anchor = collar.sensed;
        assertThat(move(PenState.RUNNING, 2_000, check.scale())).isNull();
        collar.sensed += 150;
        assertThat(stop(PenState.RUNNING)).isNull(); // settled 150 deeper, on the loaded flank
        long expected = anchor + Math.round(check.scale() * -1_000) + 150;
        collar.sensed = expected + 23; // still: 23 of its 60.5; the anchor: 173 of 16.7 + 156.5
        assertThat(tick(PenState.RUNNING)).isNull();
        collar.sensed = expected + 24;
        assertThat(tick(PenState.RUNNING)).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        assertThat(check.detail()).startsWith("the collar stands 0.054 mm deeper than its steps say");
    }

    @Test
    void givenASettleLessThanThePlayShallowerThanATurn_thenTheNextMoveFromItKeepsThePlayOnItsDeeperSide() {
        measuredAt104(); // turned at 4,000 after moving deeper
        assertThat(move(PenState.READY, 3_920, check.scale())).isNull(); // 80 shallower: not past the play
        assertThat(stop(PenState.READY)).isNull();
        long from = collar.sensed;
        assertThat(move(PenState.READY, 2_920, check.scale())).isNull();
        collar.sensed = from + Math.round(check.scale() * -1_000) + 300; // 16.7 + 316.5 allowed
        assertThat(tick(PenState.READY)).isNull();
    }

    @Test
    void givenTheOldJudgement_thenNoScaleIsMeasuredAndNoAnchorJudged() {
        CollarPositionCheck old = new CollarPositionCheck(
                new SafetyInputs(SIM, null, null, collar, null, null, null, null, null), false);
        t += 1_000_000L;
        assertThat(old.check(t, PenState.HOMING)).isNull();
        collar.moving = true;
        for (long c = 8; c <= 4_000; c += 8) {
            collar.position = c;
            collar.sensed = Math.round(1.04 * c);
            t += 1_000_000L;
            assertThat(old.check(t, PenState.CHECKING)).isNull();
        }
        collar.moving = false;
        t += 1_000_000L;
        assertThat(old.check(t, PenState.READY)).isNull();
        assertThat(old.scaleSpanSteps()).isZero();
        assertThat(old.scale()).isEqualTo(1.0);
    }
}
