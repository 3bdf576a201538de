package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.safety.CollarCheck;
import com.needlepen.firmware.safety.CollarPositionCheck;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import com.needlepen.firmware.behaviour.FaultInjectionTest.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The collar's zero check before every run and at the end of a session after a run (H05, H06 in
 * docs/safety.md): the collar goes to its home switch and back before the needles move, so steps
 * lost or a collar pushed back while it stood still (which the stepper driver cannot see) are
 * found before they reach skin. In virtual time, on the simulated pen at 1.0 mm and 100 Hz.
 */
class CollarZeroCheckTest {

    /** The simulated pen (sim profile, 1.0 mm, 100 Hz) with {@code checks}; events go to {@code sink}. */
    static PenBench bench(Function<SafetyInputs, List<SafetyCheck>> checks, EventSink sink) {
        return new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, 91, sink, checks)
                .insertCartridge("C-ZERO");
    }

    static PenBench bench(Function<SafetyInputs, List<SafetyCheck>> checks) {
        return bench(checks, new EventSink());
    }

    /** A first run of 500 ms on skin, then stopped and parked. */
    static PenBench afterOneRun(PenBench b) {
        b.ready();
        b.sim.setSkinContact(true);
        b.click(PanelButton.START_STOP);
        assertThat(b.controller.status().state()).as("every run starts with a zero check").isEqualTo(PenState.CHECKING);
        b.running().run(500 * MS);
        b.click(PanelButton.START_STOP);
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.READY, S)).isTrue();
        return b;
    }

    /**
     * The standard checks without the collar's position sensor check (F30, H41), which now sees a collar
     * pushed back or slipping the moment it moves: the zero check these tests show is the second line,
     * for a collar that moved while its sensor did not see it.
     */
    static List<SafetyCheck> withoutPositionCheck(SafetyInputs in) {
        List<SafetyCheck> all = new ArrayList<>(SafetyChecks.standard(in));
        all.removeIf(CollarPositionCheck.class::isInstance);
        return all;
    }

    static List<SafetyCheck> withoutCollarCheck(SafetyInputs in) {
        List<SafetyCheck> all = withoutPositionCheck(in);
        all.removeIf(CollarCheck.class::isInstance);
        return all;
    }

    @Test
    void givenAHealthyCollarWhenStartingAfterARunThenTheZeroCheckPassesWithinMicronsAndTheRunStarts() {
        EventSink sink = new EventSink();
        PenBench b = afterOneRun(bench(SafetyChecks::standard, sink));
        assertThat(b.controller.status().zeroCheckDue()).isTrue();
        long excursions = b.sim.trueExcursions();
        long asked = b.runner.nowNanos();
        b.click(PanelButton.START_STOP);
        assertThat(b.controller.status().state()).isEqualTo(PenState.CHECKING);
        assertThat(b.runner.runUntil(() -> b.controller.status().state() != PenState.CHECKING, 5 * S)).isTrue();
        long tookMs = (b.runner.nowNanos() - asked) / 1_000_000;
        assertThat(b.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(b.controller.status().zeroChecks()).isEqualTo(2);
        var check = sink.events.stream().filter(e -> e.type().equals("collar.check")).reduce((x, y) -> y)
                .orElseThrow();
        double offset = ((Number) check.fields().get("offsetMm")).doubleValue();
        System.out.printf("zero check before a run at 1.0 mm: %d ms, switch found %.4f mm from the count%n", tookMs, offset);
        assertThat(Math.abs(offset)).isLessThan(0.01);
        assertThat(check.fields().get("found")).isEqualTo(true);
        assertThat(tookMs).as("virtual time: travel 1.6 mm each way at 2 mm/s plus the probe").isBetween(1_000L, 3_000L);
        assertThat(b.sim.trueExcursions()).as("no strokes while checking").isEqualTo(excursions);
        assertThat(Math.abs(b.controller.status().collarDepthMm() - 1.0)).isLessThan(1e-3);
    }

    @Test
    void givenTheFootswitchLetGoWhileCheckingThenThePenReturnsToReadyWithoutStroking() {
        PenBench b = afterOneRun(bench(SafetyChecks::standard));
        long excursions = b.sim.trueExcursions();
        b.sim.press(PanelButton.FOOTSWITCH);
        b.runner.runFor(300 * MS);
        assertThat(b.controller.status().state()).isEqualTo(PenState.CHECKING);
        b.sim.release(PanelButton.FOOTSWITCH);
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.READY, 100 * MS)).isTrue();
        assertThat(b.runner.runUntil(() -> b.controller.status().readyToStart(), 5 * S)).isTrue();
        assertThat(b.sim.trueExcursions()).isEqualTo(excursions);
        assertThat(b.controller.status().zeroCheckDue()).as("a cancelled check proves nothing").isTrue();
    }

    @Tag("H05")
    @Test
    void givenTheCollarPushedBackWhileRunningThenTheNextStartFaultsBeforeTheNeedlesMove() {
        EventSink sink = new EventSink();
        PenBench b = bench(CollarZeroCheckTest::withoutPositionCheck, sink).ready();
        b.sim.setSkinContact(true);
        b.click(PanelButton.START_STOP).running();
        b.runner.runFor(300 * MS);
        b.sim.inject(SimFault.COLLAR_PUSHED_BACK); // the collar stands still: no stall flag
        b.runner.runFor(200 * MS);
        assertThat(b.controller.status().state()).as("unseen while it runs").isEqualTo(PenState.RUNNING);
        b.click(PanelButton.START_STOP);
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.READY, S)).isTrue();

        long excursions = b.sim.trueExcursions();
        long asked = b.runner.nowNanos();
        b.click(PanelButton.START_STOP);
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.FAULT, 3 * S)).isTrue();
        System.out.printf("H05: F16 %d ms after the start was asked: %s%n", (b.runner.nowNanos() - asked) / 1_000_000,
                b.controller.status().faultDetail());
        assertThat(b.controller.status().fault()).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
        assertThat(b.controller.status().faultDetail()).contains("deeper");
        assertThat(b.sim.trueExcursions()).as("the needles never moved").isEqualTo(excursions);
        assertThat(b.sim.motorDriverEnabled()).isFalse();
        CamAngle.assertTipsHiddenByTheCam(b.sim, b.profile);
        assertThat(b.controller.sessions().endedSessions()).singleElement()
                .satisfies(s -> assertThat(s.endReason()).startsWith("fault F16"));
        assertThat(sink.events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("fault");
            assertThat(e.fields().get("code")).isEqualTo("F16");
        });
    }

    @Tag("H05")
    @Test
    void givenTheCollarPushedBackWithoutTheCollarCheckThenTheNextRunGoesDeeperThanSet() {
        PenBench b = afterOneRun(bench(CollarZeroCheckTest::withoutCollarCheck));
        b.sim.inject(SimFault.COLLAR_PUSHED_BACK);
        b.click(PanelButton.START_STOP);
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.RUNNING, 5 * S)).isTrue();
        b.sim.resetPeakProtrusion();
        b.runner.runFor(500 * MS);
        System.out.printf("H05 without CollarCheck: peak %.3f mm at a set depth of 1.0 mm%n",
                b.sim.peakProtrusionMm());
        assertThat(b.sim.peakProtrusionMm()).as("needles 0.3 mm deeper than set").isGreaterThan(1.25);
    }

    @Tag("H05")
    @Test
    void givenTheCollarPushedBackInTheLastRunWhenTheSessionEndsThenItsRecordEndsWithF16() {
        PenBench b = afterOneRun(bench(CollarZeroCheckTest::withoutPositionCheck));
        b.sim.inject(SimFault.COLLAR_PUSHED_BACK);
        b.controller.submit(com.needlepen.firmware.Request.endSession());
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.FAULT, 5 * S)).isTrue();
        assertThat(b.controller.status().fault()).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
        assertThat(b.controller.sessions().endedSessions()).singleElement()
                .satisfies(s -> assertThat(s.endReason()).startsWith("fault F16"));
    }

    @Test
    void givenAHealthyCollarWhenTheSessionEndsAfterARunThenItIsCompletedAfterTheCheck() {
        PenBench b = afterOneRun(bench(SafetyChecks::standard));
        b.controller.submit(com.needlepen.firmware.Request.endSession());
        b.runner.runFor(5 * MS);
        assertThat(b.controller.status().state()).isEqualTo(PenState.CHECKING);
        assertThat(b.controller.sessions().current()).as("open until the check has passed").isNotNull();
        assertThat(b.runner.runUntil(() -> b.controller.sessions().current() == null, 5 * S)).isTrue();
        assertThat(b.controller.status().state()).isEqualTo(PenState.READY);
        assertThat(b.controller.sessions().endedSessions()).singleElement()
                .satisfies(s -> assertThat(s.endReason()).isEqualTo("completed"));
        assertThat(b.controller.status().zeroCheckDue()).isFalse();
    }

    @Tag("H06")
    @Test
    void givenStepsLostWhileTheCollarStoodStillThenTheNextStartFaultsBeforeTheNeedlesMove() {
        PenBench b = afterOneRun(bench(CollarZeroCheckTest::withoutPositionCheck));
        b.sim.inject(SimFault.COLLAR_STEPS_LOST);
        b.runner.runFor(100 * MS);
        assertThat(b.controller.status().state()).isEqualTo(PenState.READY);
        long excursions = b.sim.trueExcursions();
        b.click(PanelButton.START_STOP);
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.FAULT, 3 * S)).isTrue();
        assertThat(b.controller.status().fault()).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
        assertThat(b.controller.status().faultDetail()).contains("shallower");
        assertThat(b.sim.trueExcursions()).isEqualTo(excursions);
    }

    @Tag("H06")
    @Test
    void givenStepsLostWhileTheCollarMovesThenTheDriversStallFlagFaultsAtOnce() {
        PenBench b = afterOneRun(bench(SafetyChecks::standard));
        b.controller.submit(com.needlepen.firmware.Request.depth(1.5));
        b.runner.runFor(50 * MS);
        long injected = b.runner.nowNanos();
        b.sim.inject(SimFault.COLLAR_STEPS_LOST);
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.FAULT, 5 * MS)).isTrue();
        System.out.printf("H06 while moving: F16 after %d ms%n", (b.runner.nowNanos() - injected) / 1_000_000);
        assertThat(b.controller.status().fault()).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
        assertThat(b.controller.status().faultDetail()).contains("stall");
    }

    @Tag("H12")
    @Test
    void givenAHomeSwitchStuckOpenAfterARunThenTheNextStartNamesTheSwitchNotLostSteps() {
        PenBench b = afterOneRun(bench(SafetyChecks::standard));
        b.sim.inject(SimFault.HOME_SWITCH_STUCK_RELEASED);
        long excursions = b.sim.trueExcursions();

        b.click(PanelButton.START_STOP);
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.FAULT, 5 * S)).isTrue();

        System.out.println("switch stuck open: " + b.controller.status().fault().shortCode() + " " + b.controller.status().faultDetail());
        assertThat(b.controller.status().fault()).isEqualTo(FaultCode.F18_HOME_SWITCH_OPEN);
        assertThat(b.controller.status().faultDetail()).contains("the switch never closed").contains("shallow stop");
        assertThat(b.sim.trueExcursions()).as("the needles never moved").isEqualTo(excursions);
    }
}
