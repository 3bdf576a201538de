package com.needlepen.firmware.collar;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.CollarSpec;
import com.needlepen.config.ProfileLoader;
import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationPoint;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link DepthPositioner}'s decisions on a collar stepper the test moves, on the sim profile's
 * nominal map (3,200 steps/mm, home at -0.6 mm: 0 mm is step 1,920): the limit (clamped to the hard
 * stop, a command past it clamped and flagged for F09), a deeper target passed by the 0.05 mm flank
 * (160 steps) and approached from below, a shallower one gone to straight, a collar already on its
 * loaded flank left there only after moving shallower by the whole flank, and while the needles run
 * the 0.1 mm (320 steps) approach unless the collar has moved deeper that far since it turned round.
 */
@Tag("H10")
@Tag("H42")
class DepthPositionerTest {

    private static final CollarSpec SPEC = ProfileLoader.bundled("sim").collar();
    private static final long ZERO = 1_920;     // 0 mm
    private static final long FLANK = 160;      // 0.05 mm
    private static final long APPROACH = 320;   // 0.1 mm

    private final TestCollarStepper collar = TestCollarStepper.movedByTheTest();
    private final DepthPositioner positioner = new DepthPositioner(collar, SPEC, new NominalDepthMap(SPEC), 1.5);

    private static long steps(double mm) {
        return ZERO + Math.round(mm * 3_200);
    }

    private long lastTarget() {
        return collar.targets.get(collar.targets.size() - 1);
    }

    /** The collar put at {@code position} (its arrival seen by the positioner's tracking). */
    private void at(long position) {
        collar.position = position;
        collar.moving = false;
        positioner.track();
    }

    @Test
    void givenTheLimit_thenItIsTheSetLimitsSteps_clampedToTheHardStop_andTheNominalHardStopOnRequest() {
        assertThat(positioner.limitSteps()).isEqualTo(steps(1.5));
        positioner.setLimitMm(2.5);
        assertThat(positioner.limitSteps()).isEqualTo(steps(2.5));
        positioner.setLimitMm(3.5);
        assertThat(positioner.limitSteps()).isEqualTo(steps(SPEC.absoluteMaxDepthMm()));
        positioner.setLimitMm(1.0);
        positioner.setNominalAbsoluteLimit();
        assertThat(positioner.limitSteps()).isEqualTo(steps(2.8));
        assertThat(positioner.nominalSteps(1.0)).isEqualTo(steps(1.0));
    }

    @Test
    void givenADepthPastTheLimit_thenTheCollarGoesToTheLimitOnly_andTheViolationIsFlaggedUntilCleared() {
        at(ZERO);
        positioner.moveTo(1.5);
        assertThat(positioner.limitViolated()).as("exactly the limit").isFalse();
        positioner.moveTo(2.0);
        assertThat(positioner.limitViolated()).isTrue();
        assertThat(lastTarget()).as("straight to the limit: no flank past it").isEqualTo(steps(1.5));
        assertThat(positioner.targetMm()).isEqualTo(1.5);
        assertThat(collar.speeds.get(0)).isEqualTo(6_400.0);
        collar.arrive();
        positioner.track();
        assertThat(positioner.settled()).as("no approach leg to come back from").isTrue();
        positioner.periodic();
        assertThat(collar.targets).hasSize(2);
        positioner.clearViolation();
        assertThat(positioner.limitViolated()).isFalse();
    }

    @Test
    void givenADeeperDepth_thenTheCollarPassesItByTheFlankAndComesBack_andIsSettledOnlyThere() {
        at(ZERO);
        positioner.moveTo(1.0);
        assertThat(positioner.targetMm()).isEqualTo(1.0);
        assertThat(lastTarget()).isEqualTo(steps(1.0) + FLANK);
        positioner.periodic();
        assertThat(collar.targets).as("nothing sent while the collar moves").hasSize(1);
        assertThat(positioner.settled()).isFalse();
        collar.arrive();
        positioner.track();
        assertThat(positioner.settled()).isFalse();
        positioner.periodic();
        assertThat(lastTarget()).isEqualTo(steps(1.0));
        collar.arrive();
        positioner.track();
        positioner.periodic();
        assertThat(collar.targets).hasSize(2);
        assertThat(positioner.settled()).isTrue();
        assertThat(positioner.collarSteps()).isEqualTo(steps(1.0));
        assertThat(positioner.collarDepthMm()).isEqualTo(1.0);
    }

    @Test
    void givenAShallowerDepth_thenTheCollarGoesStraightThere() {
        at(steps(1.2));
        positioner.moveTo(0.5);
        assertThat(lastTarget()).isEqualTo(steps(0.5));
        positioner.periodic();
        collar.arrive();
        positioner.periodic();
        assertThat(collar.targets).hasSize(1);
    }

    @Test
    void givenTheCollarAlreadyAtTheTarget_thenItStaysOnlyIfItGotThereMovingShallowerByTheWholeFlank() {
        at(steps(1.0) + FLANK);
        at(steps(1.0)); // 160 steps shallower: on the loaded flank
        positioner.moveTo(1.0);
        assertThat(lastTarget()).isEqualTo(steps(1.0));

        at(steps(1.0) + FLANK - 1);
        at(steps(1.0)); // 159 steps shallower: maybe still in the play
        positioner.moveTo(1.0);
        assertThat(lastTarget()).isEqualTo(steps(1.0) + FLANK);

        at(steps(1.0) - 500);
        at(steps(1.0)); // arrived moving deeper
        positioner.moveTo(1.0);
        assertThat(lastTarget()).isEqualTo(steps(1.0) + FLANK);
    }

    @Test
    void givenTheNeedlesRunning_thenADeeperDepthIsApproachedFromTheApproachLegUnlessTheCollarHasComeDeeperThatFar() {
        positioner.needlesRunning(true);
        at(steps(1.0));
        positioner.moveTo(0.5); // shallower: an approach leg below it
        assertThat(lastTarget()).isEqualTo(steps(0.5) - APPROACH);
        at(steps(0.5) - APPROACH);
        positioner.periodic();
        assertThat(lastTarget()).isEqualTo(steps(0.5));

        at(steps(0.5) - APPROACH + 10); // moving deeper, turned round 320 steps below the target
        positioner.moveTo(0.5);
        assertThat(lastTarget()).as("deeper by the whole approach since it turned round").isEqualTo(steps(0.5));

        at(steps(0.5) - APPROACH + 20);
        positioner.moveTo(0.5 - 1 / 3_200.0); // a target 319 steps past the turning point
        assertThat(lastTarget()).isEqualTo(steps(0.5) - 1 - APPROACH);
    }

    @Test
    void givenTheNeedlesRunningAndTheCollarMovingThroughTheTarget_thenItIsApproachedAgain() {
        positioner.needlesRunning(true);
        at(steps(0.5) - APPROACH - 100);
        at(steps(0.5));
        collar.moving = true;
        positioner.moveTo(0.5);
        assertThat(lastTarget()).isEqualTo(steps(0.5) - APPROACH);
        collar.moving = false;
        positioner.moveTo(0.5);
        assertThat(lastTarget()).isEqualTo(steps(0.5));
    }

    @Test
    void givenACalibration_thenTheMapIsItsPiecewiseLinearFitBothWays() {
        List<CalibrationPoint> points = List.of(new CalibrationPoint(0.0, 2_000, 0.02),
                new CalibrationPoint(1.0, 5_200, 1.04), new CalibrationPoint(2.0, 8_400, 2.01));
        CalibratedDepthMap map = new CalibratedDepthMap(new Calibration("c", "h", "sim", "t", 0L, true, 0, "v",
                "piecewise-linear", points, List.of(0.0, 0.0, 0.0), 0.02));
        assertThat(map.stepsFor(1.04)).isEqualTo(5_200);
        assertThat(map.stepsFor(0.53)).isEqualTo(3_600);
        assertThat(map.depthFor(5_200)).isEqualTo(1.04);
        assertThat(map.depthFor(3_600)).isCloseTo(0.53, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void givenTheNeedlesRunning_thenTheDeeperRunIsCountedFromWhereTheCollarTurnedRound_notFromItsLastTick() {
        positioner.needlesRunning(true);
        at(steps(1.0));
        at(steps(0.5)); // shallower: turned round at 0.5 mm below
        at(steps(0.5) + 100);
        at(steps(0.5) + 200);
        at(steps(0.5) + 300);
        positioner.moveTo(0.5 + 400 / 3_200.0); // 400 steps deeper than the turn: straight there
        assertThat(lastTarget()).isEqualTo(steps(0.5) + 400);
    }

    @Test
    void givenTheNeedlesRunningAndACollarThatStoodStillAfterMovingDeeper_thenItStillCountsAsMovingDeeper() {
        positioner.needlesRunning(true);
        at(steps(1.0));
        at(steps(0.5));
        at(steps(0.5) + 400);
        at(steps(0.5) + 400); // a tick standing still
        positioner.moveTo(0.5 + 500 / 3_200.0);
        assertThat(lastTarget()).isEqualTo(steps(0.5) + 500);
    }

    /** FAULT does not continue two-leg moves: a collar on its way past a deeper target goes to the target instead. */
    @Test
    void givenAFaultWhileTheCollarOvershootsADeeperTarget_thenItIsSentToTheTarget_andOtherMovesAreLeftAlone() {
        at(ZERO);
        positioner.moveTo(1.0); // deeper: past it by the flank first
        assertThat(lastTarget()).isEqualTo(steps(1.0) + FLANK);
        collar.position = steps(0.5); // on its way, still shallower than the target
        positioner.noDeeperThanTarget();
        assertThat(lastTarget()).as("to the target, not past it").isEqualTo(steps(1.0));
        assertThat(collar.targets).hasSize(2);
        collar.arrive();
        positioner.track();
        assertThat(positioner.settled()).as("no approach leg left").isTrue();
        positioner.noDeeperThanTarget();
        assertThat(collar.targets).as("at its target: nothing more").hasSize(2);

        // a shallower target, reached straight: nothing to change, even while it still moves
        positioner.moveTo(0.5);
        assertThat(collar.targets).hasSize(3);
        collar.position = steps(0.8);
        positioner.noDeeperThanTarget();
        assertThat(collar.targets).as("deeper than its target on its way there: sent to the same target again")
                .hasSize(4);
        assertThat(lastTarget()).isEqualTo(steps(0.5));
    }

    @Test
    void givenACollarDeeperThanItsTargetWithNoMoveUnderWay_thenItIsSentBackToIt_butOneAtItsTargetIsNot() {
        at(ZERO);
        positioner.moveTo(0.5);
        collar.arrive();
        positioner.track();
        positioner.periodic();
        collar.arrive();
        positioner.track();
        int sent = collar.targets.size();
        positioner.noDeeperThanTarget();
        assertThat(collar.targets).as("exactly at its target").hasSize(sent);
        collar.position = steps(0.5) + 1; // a step deeper than its target
        positioner.noDeeperThanTarget();
        assertThat(collar.targets).hasSize(sent + 1);
        assertThat(lastTarget()).isEqualTo(steps(0.5));
    }
}
