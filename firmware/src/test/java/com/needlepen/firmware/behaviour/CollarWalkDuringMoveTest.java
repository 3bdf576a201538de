package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.collar.DepthPositioner;
import com.needlepen.firmware.safety.CollarPositionCheck;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.session.CartridgeLedger;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A collar walking while it moves on a command (H41 in docs/safety.md): the depth changed by 1.4 mm
 * while the needles run on skin (5 N, 150 Hz) on np-sim-0155, the sim unit whose collar travels 4.5 %
 * more than nominal per step (the sensor sees 4.5 % more travel than the count on the way shallower,
 * which hides a walk deeper in a slack of the profile's tolerance), and the thread walking deeper at
 * 0.5 mm/s from the instant the depth is asked. The harm is measured against a twin run of the same
 * pen, seed and requests without the walk: how much deeper the collar stands than the twin's when F30
 * latches. With the unit's scale measured while homing and checking, and the play left out of a move
 * that stays on the loaded flank, F30 latches within the move; with the move judged as before (the
 * sensor against nominal steps, 5 % of the travel plus the whole slack), the walk goes on twice as far.
 * In virtual time.
 */
class CollarWalkDuringMoveTest {

    /** The walk found within the move: 0.049 mm (give, lead and sensor errors) + the scale's 0.02 + a tick. */
    static final double BOUND_MM = 0.075;
    static final String UNIT = "np-sim-0155";

    /** Where F30 found the walk: ms after the depth was asked (-1: never), and how much deeper than the twin. */
    record Outcome(long latchedMs, double deeperMm, String detail, PenBench bench) {
    }

    static List<SafetyCheck> checks(SafetyInputs in, boolean tightMoves) {
        List<SafetyCheck> all = new ArrayList<>(SafetyChecks.standard(in));
        all.replaceAll(c -> c instanceof CollarPositionCheck ? new CollarPositionCheck(in, tightMoves) : c);
        return all;
    }

    static PenBench running(double depthMm, boolean tightMoves) {
        return running(UNIT, depthMm, tightMoves);
    }

    static PenBench running(String unit, double depthMm, boolean tightMoves) {
        PenBench b = new PenBench(ProfileLoader.bundled("sim"), "12-pin", depthMm, 150, unit, 41, TelemetrySink.NONE,
                CartridgeLedger.inMemory(), in -> checks(in, tightMoves)).insertCartridge("C-WALK");
        b.ready();
        b.sim.setSkinContact(true);
        b.click(PanelButton.START_STOP).spunUp().run(300 * MS);
        return b;
    }

    /**
     * Runs at {@code fromMm}, asks for {@code toMm} while running and walks the collar from then; returns
     * when F30 latched (or 2 s on), the collar's depth against the twin's at that instant.
     */
    static Outcome walkDuringTheMove(double fromMm, double toMm, boolean tightMoves) {
        PenBench twin = running(fromMm, tightMoves);
        PenBench b = running(fromMm, tightMoves);
        twin.controller.submit(Request.depth(toMm));
        b.controller.submit(Request.depth(toMm));
        b.sim.inject(SimFault.COLLAR_WALKED);
        for (int ms = 1; ms <= 2_000; ms++) {
            twin.run(MS);
            b.run(MS);
            if (b.controller.status().state() == PenState.FAULT) {
                return new Outcome(ms, b.sim.trueDepthMm() - twin.sim.trueDepthMm(), b.controller.status().faultDetail(),
                        b);
            }
        }
        return new Outcome(-1, b.sim.trueDepthMm() - twin.sim.trueDepthMm(), null, b);
    }

    private static void print(String what, Outcome o) {
        System.out.printf(Locale.ROOT, "H41 %s: F30 %d ms after the depth was asked, the collar %.4f mm deeper than"
                + " without the walk: %s%n", what, o.latchedMs(), o.deeperMm(), o.detail());
    }

    @Tag("H41")
    @Test
    void givenTheCollarWalkingWhileTheDepthGoesFrom1_45To0_05WhileRunning_thenF30WithinTheMoveAndItsBound() {
        Outcome o = walkDuringTheMove(1.45, 0.05, true);
        print("walking during 1.45 -> 0.05 mm", o);
        assertThat(o.latchedMs()).as("F30 latched").isPositive();
        assertThat(o.bench().controller.status().fault()).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        assertThat(o.detail()).as("found while the collar moved").contains("of commanded travel");
        assertThat(o.deeperMm()).as("found within the bound").isLessThanOrEqualTo(BOUND_MM);
        o.bench().run(500 * MS);
        assertThat(o.bench().sim.shaftAtRest()).isTrue();
        CamAngle.assertTipsHiddenByTheCam(o.bench().sim, o.bench().profile);
    }

    /**
     * At the limit (the sim profile's 1.5 mm ceiling) the positioner cannot pass the target to come back
     * shallower, so the collar rests off its loaded flank as far as the check can tell, and a press may
     * take up the play deeper: the walk is found within the play more (0.12 mm, docs/safety.md H41).
     */
    @Tag("H41")
    @Test
    void givenTheCollarWalkingWhileTheDepthGoesFromTheCeiling1_5To0_1_thenF30WithinTheWiderBoundOffTheFlank() {
        Outcome o = walkDuringTheMove(1.5, 0.1, true);
        print("walking during 1.5 (the ceiling) -> 0.1 mm", o);
        assertThat(o.bench().controller.status().fault()).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        assertThat(o.deeperMm()).isLessThanOrEqualTo(BOUND_MM + DepthPositioner.FLANK_MM);
        o.bench().run(500 * MS);
        CamAngle.assertTipsHiddenByTheCam(o.bench().sim, o.bench().profile);
    }

    /**
     * The safety property's open case (seed 99 before this fix, its 261st sequence): a collar walking on
     * np-sim-0155 while the depth was lowered from 1.0 to 0.1 mm during a run settled 0.18 mm deeper than
     * set. The same move here, with the fix and with the move judged as before.
     */
    @Tag("H41")
    @Test
    void givenSeed99sCase_theDepthFrom1_0To0_1WhileRunningAndWalking_thenF30WithinTheBound_notPastIt() {
        Outcome fixed = walkDuringTheMove(1.0, 0.1, true);
        Outcome old = walkDuringTheMove(1.0, 0.1, false);
        print("seed 99's case, walking during 1.0 -> 0.1 mm", fixed);
        print("seed 99's case, walking during 1.0 -> 0.1 mm, the old judgement", old);
        assertThat(fixed.bench().controller.status().fault()).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        assertThat(fixed.deeperMm()).isLessThanOrEqualTo(BOUND_MM);
        assertThat(old.deeperMm()).isGreaterThan(BOUND_MM);
        fixed.bench().run(500 * MS);
        CamAngle.assertTipsHiddenByTheCam(fixed.bench().sim, fixed.bench().profile);
    }

    /**
     * Runs at 0.05 mm, walks the collar, and raises the depth one step (0.05 mm, all that is allowed while
     * running) every 40 ms up to 1.45 mm, faster than the collar settles between steps; returns as
     * {@link #walkDuringTheMove}.
     */
    static Outcome walkWhileSteppingDeeper(boolean tightMoves) {
        PenBench twin = running(0.05, tightMoves);
        PenBench b = running(0.05, tightMoves);
        b.sim.inject(SimFault.COLLAR_WALKED);
        double depth = 0.05;
        for (int ms = 1; ms <= 3_000; ms++) {
            if (ms % 40 == 0 && depth < 1.449) {
                depth = Math.round((depth + 0.05) * 100.0) / 100.0;
                twin.controller.submit(Request.depth(depth));
                b.controller.submit(Request.depth(depth));
            }
            twin.run(MS);
            b.run(MS);
            if (b.controller.status().state() == PenState.FAULT) {
                return new Outcome(ms, b.sim.trueDepthMm() - twin.sim.trueDepthMm(), b.controller.status().faultDetail(),
                        b);
            }
        }
        return new Outcome(-1, b.sim.trueDepthMm() - twin.sim.trueDepthMm(), null, b);
    }

    @Tag("H41")
    @Test
    void givenTheCollarWalkingWhileTheDepthIsRaisedStepByStepWhileRunning_thenF30WithinItsBound() {
        Outcome o = walkWhileSteppingDeeper(true);
        print("walking while the depth goes 0.05 -> 1.45 mm a step every 40 ms", o);
        assertThat(o.latchedMs()).as("F30 latched").isPositive();
        assertThat(o.bench().controller.status().fault()).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        assertThat(o.deeperMm()).as("found within the bound").isLessThanOrEqualTo(BOUND_MM);
        o.bench().run(500 * MS);
        assertThat(o.bench().sim.shaftAtRest()).isTrue();
        CamAngle.assertTipsHiddenByTheCam(o.bench().sim, o.bench().profile);
    }

    @Tag("H41")
    @Test
    void givenTheCollarWalkingWhileTheDepthIsRaisedStepByStepJudgedWithTheOldSlack_thenPrintsHowFarItWent() {
        Outcome o = walkWhileSteppingDeeper(false);
        print("walking while the depth goes 0.05 -> 1.45 mm a step every 40 ms, the old judgement", o);
        assertThat(o.deeperMm()).as("the walk goes further than with the fix").isGreaterThan(BOUND_MM);
    }

    @Tag("H41")
    @Test
    void givenTheCollarWalkingDuringALongMoveJudgedWithTheOldSlack_thenTheNeedlesGoFurtherDeeperThanTheBound() {
        Outcome o = walkDuringTheMove(1.45, 0.05, false);
        print("walking during 1.45 -> 0.05 mm, the move judged against nominal steps with 5 % slack", o);
        assertThat(o.deeperMm()).as("the walk hides in the slack").isGreaterThan(BOUND_MM + 0.05);
    }

    /**
     * No walk, no fault: each of the safety property's units, pressed at 2 and at 10 N and lifted in the
     * middle of a move, the depth lowered from 1.45 to 0.05 mm while running and raised again a step every
     * 40 ms to 1.45 mm.
     */
    @Tag("H41")
    @Test
    void givenEachSimUnitPressedFrom2To10N_whenTheDepthGoesDownAndBackUpWhileRunning_thenNoFault() {
        for (String unit : new String[] {"np-sim-0001", "np-sim-0007", "np-sim-0155"}) {
            for (double newtons : new double[] {2, 10}) {
                PenBench b = running(unit, 1.45, true);
                b.sim.setPressForceN(newtons);
                b.controller.submit(Request.depth(0.05));
                b.run(300 * MS);
                b.sim.setSkinContact(false);
                b.run(200 * MS);
                b.sim.setSkinContact(true);
                b.sim.setPressForceN(newtons);
                b.run(700 * MS);
                for (double depth = 0.1; depth < 1.451; depth += 0.05) {
                    b.controller.submit(Request.depth(Math.round(depth * 100.0) / 100.0));
                    b.run(40 * MS);
                }
                b.run(1_000 * MS);
                assertThat(b.controller.status().fault()).as("%s at %.0f N: %s", unit, newtons,
                        b.controller.status().faultDetail()).isNull();
                assertThat(b.controller.status().state()).isEqualTo(PenState.RUNNING);
            }
        }
    }
}
