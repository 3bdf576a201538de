package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.safety.BrakeSwitchCheck;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The brake switch stuck open (H30), found through its relay's force-guided monitor contact
 * ({@link BrakeSwitchCheck}, F33) at power-on and at the first stop after it failed, before the
 * next run; with the check left out the next run goes ahead and the next power loss coasts the
 * needles (PowerLossTest's figure: about 45 revolutions from 150 Hz in air). Also: the monitor's own
 * wiring failing is found, and a healthy switch never alarms over many stops.
 */
class BrakeMonitorTest {

    /**
     * From the stop press to F33: the stop brakes and parks the cam (H04: 100 ms), the driver is
     * disabled, and the relay gets its release time doubled ({@link BrakeSwitchCheck#SETTLE_NANOS}),
     * plus a tick.
     */
    static final long STOP_TO_F33_BOUND_MS = 100 + 20 + 2;
    /** From power-on to F33: the settle time plus a tick (the cam parked at power-on is not nudged). */
    static final long POWER_ON_F33_BOUND_MS = 20 + 2;

    private static List<SafetyCheck> withoutTheBrakeSwitchCheck(SafetyInputs in) {
        List<SafetyCheck> all = new ArrayList<>(SafetyChecks.standard(in));
        assertThat(all.removeIf(BrakeSwitchCheck.class::isInstance)).isTrue();
        return all;
    }

    private static PenBench bench(Function<SafetyInputs, List<SafetyCheck>> checks) {
        return new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 150, 61, TelemetrySink.NONE, checks);
    }

    /** Running at 150 Hz in air, the brake switch fails (latent), and the practitioner stops. */
    private static long failThenStop(PenBench bench) {
        bench.insertCartridge("C").ready();
        bench.click(PanelButton.START_STOP).spunUp().run(300 * MS);
        bench.sim.inject(SimFault.BRAKE_SWITCH_STUCK_OPEN);
        bench.run(500 * MS);
        assertThat(bench.controller.status().state()).as("latent while the bridge is powered").isEqualTo(PenState.RUNNING);
        long stop = bench.now();
        bench.sim.press(PanelButton.START_STOP);
        bench.run(20 * MS);
        bench.sim.release(PanelButton.START_STOP);
        return stop;
    }

    @Tag("H30")
    @Test
    void givenTheBrakeSwitchStuckOpenWhileRunning_whenTheRunStops_thenF33LatchesWithinItsBoundAndNoRunStartsAgain() {
        PenBench bench = bench(SafetyChecks::standard);
        long stop = failThenStop(bench);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S)).isTrue();
        long detected = bench.now() - stop;
        System.out.printf("brake switch stuck open: F33 %.0f ms after the stop press; %s%n", detected / 1e6,
                bench.controller.status().faultDetail());
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F33_BRAKE_SWITCH_FAILED);
        assertThat(detected).as("F33 within %d ms of the stop", STOP_TO_F33_BOUND_MS)
                .isLessThanOrEqualTo(STOP_TO_F33_BOUND_MS * MS);
        bench.runner.runUntil(bench.sim::shaftAtRest, S);
        CamAngle.assertTipsHiddenByTheCam(bench.sim, bench.profile);

        // acknowledging is refused: the pen needs service
        bench.controller.submit(Request.acknowledge());
        bench.run(200 * MS);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.FAULT);
        assertThat(bench.controller.status().lastRefusal()).contains("F33 cannot be acknowledged")
                .contains("power the pen off and have it serviced");
        // and the next start does not move the needles: nothing could stop them if the supply failed
        double turns = bench.sim.shaftTurns();
        bench.click(PanelButton.START_STOP).run(2 * S);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.FAULT);
        assertThat(bench.sim.shaftTurns() - turns).as("revolutions after the refused start").isLessThan(0.01);
    }

    @Tag("H30")
    @Test
    void givenTheBrakeSwitchStuckOpenAtPowerOn_thenF33LatchesWithinItsBoundAndThePenNeverBecomesReady() {
        PenBench bench = bench(SafetyChecks::standard);
        bench.sim.inject(SimFault.BRAKE_SWITCH_STUCK_OPEN);
        long start = bench.now();
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S)).isTrue();
        long detected = bench.now() - start;
        System.out.printf("brake switch stuck open at power-on: F33 after %.0f ms%n", detected / 1e6);
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F33_BRAKE_SWITCH_FAILED);
        assertThat(detected).isLessThanOrEqualTo(POWER_ON_F33_BOUND_MS * MS);
        bench.insertCartridge("C");
        bench.click(PanelButton.START_STOP).run(3 * S);
        assertThat(bench.controller.status().readyToStart()).isFalse();
        assertThat(bench.sim.trueExcursions()).isZero();
    }

    /**
     * The harm the check prevents: left out, the stop parks and the pen is READY as if nothing were
     * wrong; the next run goes ahead, and a power loss during it coasts the needles for tens of
     * revolutions (the brake switch's whole job).
     */
    @Tag("H30")
    @Test
    void givenTheBrakeSwitchStuckOpenWithoutTheCheck_thenTheNextRunGoesAheadAndAPowerLossCoastsTheNeedles() {
        PenBench bench = bench(BrakeMonitorTest::withoutTheBrakeSwitchCheck);
        failThenStop(bench);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().readyToStart(), 2 * S)).isTrue();
        bench.click(PanelButton.START_STOP).running().spunUp().run(300 * MS);
        double turns = bench.sim.shaftTurns();
        long excursions = bench.sim.trueExcursions();
        bench.sim.inject(SimFault.SUPPLY_LOST);
        bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S);
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F21_SUPPLY_LOST);
        bench.runner.runUntil(bench.sim::shaftAtRest, 5 * S);
        double coasted = bench.sim.shaftTurns() - turns;
        long strokes = bench.sim.trueExcursions() - excursions;
        System.out.printf("brake switch stuck open, no check: the next run's power loss coasts %.1f revolutions,"
                + " %d needle excursions%n", coasted, strokes);
        assertThat(coasted).as("revolutions after the power loss").isGreaterThan(30.0);
        assertThat(strokes).isGreaterThan(30);
    }

    /**
     * The monitor's own wiring: an input shorted reads "energised" always, which hides nothing (F33 at
     * the next stop); a broken wire reads "released" always, found 20 ms into the next run's enable
     * (the brake itself works: nothing is endangered, the pen is sent for service).
     */
    @Tag("H30")
    @Test
    void givenTheBrakeMonitorsWiringFailed_thenF33IsLatchedEitherWay() {
        PenBench shorted = bench(SafetyChecks::standard);
        shorted.insertCartridge("C").ready();
        shorted.click(PanelButton.START_STOP).spunUp();
        shorted.sim.forceBrakeMonitor(Boolean.FALSE);
        shorted.click(PanelButton.START_STOP);
        assertThat(shorted.runner.runUntil(() -> shorted.controller.status().state() == PenState.FAULT, S)).isTrue();
        assertThat(shorted.controller.status().fault()).isEqualTo(FaultCode.F33_BRAKE_SWITCH_FAILED);

        PenBench broken = bench(SafetyChecks::standard);
        broken.insertCartridge("C").ready();
        broken.sim.forceBrakeMonitor(Boolean.TRUE);
        broken.run(500 * MS);
        assertThat(broken.controller.status().readyToStart()).as("reads as a released relay, as it should in READY").isTrue();
        // the winding probe enables the drive in CHECKING before every start: the relay's monitor must show it
        // pulled in 20 ms later, so the broken wire is F33 there, before the run
        broken.click(PanelButton.START_STOP);
        long pressed = broken.now();
        assertThat(broken.runner.runUntil(() -> broken.sim.motorDriverEnabled(), 3 * S)).isTrue();
        long enabled = broken.now();
        assertThat(broken.runner.runUntil(() -> broken.controller.status().state() == PenState.FAULT, S)).isTrue();
        assertThat(broken.controller.status().fault()).isEqualTo(FaultCode.F33_BRAKE_SWITCH_FAILED);
        assertThat(broken.now() - enabled).isLessThanOrEqualTo(25 * MS);
        assertThat(broken.controller.status().runStartNanos()).as("no run started").isLessThan(pressed);
    }

    /** A healthy switch over many stops and starts, on skin and in air, never alarms. */
    @Tag("H30")
    @Test
    void givenAHealthyBrakeSwitch_thenTwentyStopsAndStartsRaiseNoF33() {
        PenBench bench = bench(SafetyChecks::standard);
        bench.insertCartridge("C").ready();
        for (int i = 0; i < 20; i++) {
            bench.sim.setSkinContact(i % 2 == 0);
            bench.click(PanelButton.START_STOP).running().run((50 + 37L * i) * MS);
            bench.click(PanelButton.START_STOP);
            assertThat(bench.runner.runUntil(() -> bench.controller.status().readyToStart(), 5 * S))
                    .as("ready after stop %d: %s %s", i, bench.controller.status().fault(),
                            bench.controller.status().faultDetail()).isTrue();
        }
    }
}
