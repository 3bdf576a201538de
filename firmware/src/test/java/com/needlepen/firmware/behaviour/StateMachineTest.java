package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.hal.LedPattern;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import org.junit.jupiter.api.Test;

/** Every state transition, in virtual time, against the simulated pen. */
class StateMachineTest {

    /** Footswitch release to needles hidden and shaft at rest: debounce 5 ms + braking (under 2 revolutions) + settling. */
    static final long FOOTSWITCH_STOP_BOUND_NANOS = 100 * MS;

    @Test
    void givenPowerOnWhenTickingThenBootHomesTheCollarAndReachesReadyWithTheMotorStill() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 3).insertCartridge();
        bench.run(MS);
        assertThat(bench.controller.status().state()).isIn(PenState.BOOT, PenState.HOMING);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.HOMING, 2 * S)).isTrue();
        double turns = bench.sim.shaftTurns();
        bench.ready();
        assertThat(bench.controller.status().state()).isEqualTo(PenState.READY);
        assertThat(bench.sim.shaftTurns()).isEqualTo(turns);
        assertThat(bench.controller.status().collarDepthMm()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(bench.sim.led()).isEqualTo(LedPattern.READY);
    }

    @Test
    void givenReadyWhenStartThenRunningAndWhenStopThenStoppingThenReadyParked() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 4).insertCartridge().ready();
        bench.click(PanelButton.START_STOP);
        assertThat(bench.controller.status().state()).as("the collar's zero check comes first").isEqualTo(PenState.CHECKING);
        bench.running().run(S);
        assertThat(bench.sim.shaftRateHz()).isGreaterThan(50);
        bench.click(PanelButton.START_STOP);
        assertThat(bench.controller.status().state()).isIn(PenState.STOPPING, PenState.READY);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, S))
                .as("%s %s %s", bench.controller.status().state(), bench.controller.status().fault(), bench.controller.status().faultDetail()).isTrue();
        // parked: the spring may still ease the cam into its rest (well under 1 Hz, tips 2 mm hidden)
        assertThat(bench.runner.runUntil(bench.sim::shaftAtRest, 50 * MS)).isTrue();
        assertThat(bench.sim.tipProtrusionMm()).isLessThan(-1.0);
        assertThat(bench.controller.sessions().current().runs()).hasSize(1);
    }

    @org.junit.jupiter.api.Tag("H04")
    @Test
    void givenRunningOnTheFootswitchWhenReleasedThenNeedlesStopWithinTheBound() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 150, 5).insertCartridge().ready();
        bench.sim.press(PanelButton.FOOTSWITCH);
        bench.running().run(S);
        long released = bench.now();
        bench.sim.release(PanelButton.FOOTSWITCH);
        boolean stopped = bench.runner.runUntil(
                () -> bench.sim.shaftAtRest() && bench.sim.tipProtrusionMm() < 0, FOOTSWITCH_STOP_BOUND_NANOS);
        System.out.printf("footswitch release to rest and tips hidden: %.1f ms%n", (bench.now() - released) / 1e6);
        assertThat(stopped).isTrue();
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, S)).isTrue();
    }

    @Test
    void givenNoCartridgeWhenStartIsPressedThenItIsRefusedAndTheMotorNeverTurns() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 6);
        bench.ready();
        double turns = bench.sim.shaftTurns();
        bench.click(PanelButton.START_STOP);
        bench.run(500 * MS);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.READY);
        assertThat(bench.controller.status().lastRefusal()).contains("no cartridge");
        assertThat(bench.sim.shaftTurns()).isEqualTo(turns);
    }

    @Test
    void givenHomingWhenStartIsPressedThenNothingTurns() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 7).insertCartridge();
        bench.runner.runUntil(() -> bench.controller.status().state() == PenState.HOMING, 2 * S);
        double turns = bench.sim.shaftTurns();
        bench.click(PanelButton.START_STOP);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.HOMING);
        assertThat(bench.sim.shaftTurns()).isEqualTo(turns);
    }

    @Test
    void givenRunningWhenTheIndexDiesThenFaultLatchesAndOnlyAcknowledgeAndRehomingLeaveIt() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 8).insertCartridge().ready();
        bench.click(PanelButton.START_STOP).spunUp();
        bench.sim.inject(SimFault.INDEX_SENSOR_DEAD);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 200 * MS)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F11_INDEX_SENSOR_DEAD);
        assertThat(bench.sim.motorDriverEnabled()).isFalse();
        assertThat(bench.runner.runUntil(bench.sim::shaftAtRest, 100 * MS)).isTrue();
        assertThat(bench.controller.sessions().endedSessions()).singleElement()
                .satisfies(s -> assertThat(s.endReason()).startsWith("fault F11"));
        bench.sim.clear(SimFault.INDEX_SENSOR_DEAD);
        bench.click(PanelButton.START_STOP);
        bench.run(S);
        assertThat(bench.controller.status().state()).as("start does not leave a fault").isEqualTo(PenState.FAULT);
        bench.controller.submit(Request.acknowledge());
        bench.run(2 * MS);
        assertThat(bench.controller.status().state()).as(bench.controller.status().fault() + " " + bench.controller.status().faultDetail()).isEqualTo(PenState.HOMING);
        bench.ready();
        assertThat(bench.controller.status().fault()).isNull();
    }

    @Test
    void givenRunningWhenDepthChangesByAStepThenTheCollarMovesWithoutStopping() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 9).insertCartridge().ready();
        bench.click(PanelButton.START_STOP).spunUp();
        bench.controller.submit(Request.depth(1.05));
        bench.run(S);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(bench.controller.status().collarDepthMm()).isCloseTo(1.05, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(bench.controller.sessions().current().changes()).singleElement()
                .satisfies(c -> assertThat(c.to()).isEqualTo(1.05));
    }

    @org.junit.jupiter.api.Tag("H27")
    @Test
    void givenRunningWhenThePresetButtonJumpsTheDepthDeeperThenTheJumpIsRefusedAndTheNeedlesStayAtTheirDepth() {
        // sim's presets, cycled by the panel's PRESET button: forehead 0.5 mm at 120 Hz, then cheeks 1.0 mm
        PenBench bench = PenBench.sim("12-pin", 0.5, 100, 12).insertCartridge().ready();
        bench.sim.setSkinContact(true);
        bench.click(PanelButton.START_STOP).spunUp();
        bench.sim.resetPeakProtrusion();
        bench.click(PanelButton.PRESET); // forehead: the same depth, the rate changes
        bench.run(S);
        assertThat(bench.controller.status().rateHz()).isEqualTo(120.0);
        bench.click(PanelButton.PRESET); // cheeks: 0.5 mm deeper at once
        bench.run(S);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(bench.controller.status().lastRefusal())
                .isEqualTo("while the needles run the depth goes deeper one step (0.05 mm) at a time: stop to go from"
                        + " 0.50 to 1.00 mm");
        assertThat(bench.controller.status().depthMm()).isEqualTo(0.5);
        assertThat(bench.sim.peakProtrusionMm()).as("true peak, mm")
                .isLessThan(0.5 + bench.profile.calibration().toleranceMm() + 0.05);
        // a step at a time is taken while running, and shallower at once
        bench.controller.submit(Request.depth(0.55));
        bench.run(500 * MS);
        assertThat(bench.controller.status().depthMm()).isEqualTo(0.55);
        bench.controller.submit(Request.depth(0.1));
        bench.run(500 * MS);
        assertThat(bench.controller.status().depthMm()).isEqualTo(0.1);
        // stopped, a jump is taken
        bench.click(PanelButton.START_STOP);
        bench.run(S);
        bench.controller.submit(Request.depth(1.0));
        bench.run(10 * MS);
        assertThat(bench.controller.status().depthMm()).isEqualTo(1.0);
    }

    @org.junit.jupiter.api.Tag("H10")
    @Test
    void givenRunningWhenADepthAboveTheCeilingIsAskedThenItIsRefusedAndNothingChanges() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 10).insertCartridge().ready();
        bench.click(PanelButton.START_STOP).spunUp();
        bench.controller.submit(Request.depth(2.0));
        bench.run(100 * MS);
        assertThat(bench.controller.status().lastRefusal()).contains("above the 1.50 mm ceiling");
        assertThat(bench.controller.status().depthMm()).isEqualTo(1.0);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
    }

    @Test
    void givenCamStoppedNearItsTopAtPowerOnWhenBootingThenItIsParkedWithTipsHidden() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 13).insertCartridge();
        bench.sim.placeCamAt(Math.PI + 0.01);
        bench.run(10 * MS);
        assertThat(bench.sim.shaftAtRest()).as("friction holds it near the top").isTrue();
        assertThat(bench.sim.tipProtrusionMm()).as("with the tips out").isGreaterThan(0.2);
        assertThat(bench.sim.shaftAngleRad()).isCloseTo(Math.PI + 0.01, org.assertj.core.data.Offset.offset(0.02));
        bench.ready();
        double angle = bench.sim.shaftAngleRad();
        assertThat(Math.min(angle, 2 * Math.PI - angle)).isLessThan(Math.toRadians(10));
    }

    @Test
    void givenRunningWhenADeeperDepthWouldMakeTheSetRateUnreachableThenTheChangeIsRefusedAndTheRateKept() {
        var sim = com.needlepen.config.ProfileLoader.bundled("sim");
        // a profile (not loadable: built in code) that lets the heaviest cartridge go as deep as 2.5 mm
        var deep = new com.needlepen.config.DeviceProfile(sim.name(), "test", sim.backend(), sim.supply(), sim.motor(),
                sim.cam(), sim.collar(), new com.needlepen.config.DepthSpec(0, 2.5, 0.05, 2.5, true), sim.rate(),
                sim.skin(), java.util.List.of(new com.needlepen.config.CartridgeType("36-pin", 36, 150, 2.5)),
                sim.presets(), sim.loop(), sim.telemetry(), sim.calibration(), sim.safety(), sim.tuning(), sim.thermal(), sim.hardware());
        PenBench bench = new PenBench(deep, "36-pin", 1.5, 150, 14, com.needlepen.firmware.telemetry.TelemetrySink.NONE)
                .insertCartridge().ready();
        bench.click(PanelButton.START_STOP).spunUp();
        bench.controller.submit(Request.depth(2.5));
        bench.run(100 * MS);
        assertThat(bench.controller.status().lastRefusal())
                .startsWith("rate 150 Hz is above the")
                .contains("this motor reaches at 11.4 V under load (36 needles at 2.5 mm)");
        assertThat(bench.controller.status().depthMm()).isEqualTo(1.5);
        assertThat(bench.controller.status().rateHz()).isEqualTo(150.0);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
    }

    @org.junit.jupiter.api.Tag("H12")
    @Test
    void givenAHomeSwitchThatNeverClosesWhenHomingThenFaultSaysItWasNeverPressed() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 15).insertCartridge();
        bench.sim.inject(SimFault.HOME_SWITCH_STUCK_RELEASED);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 20 * S)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F01_HOMING_FAILED);
        assertThat(bench.controller.status().faultDetail()).contains("never pressed");
    }

    @Test
    void givenAHomeSwitchStuckClosedWhenHomingThenFaultSaysItNeverReleased() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 16).insertCartridge();
        bench.sim.inject(SimFault.HOME_SWITCH_STUCK_PRESSED);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 20 * S)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F01_HOMING_FAILED);
        assertThat(bench.controller.status().faultDetail()).contains("never released");
    }

    @Test
    void givenASessionWithRunsWhenTheCartridgeIsTakenOutInReadyThenTheSessionEndsAndTheNextStartOpensANewOne() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 17).insertCartridge().ready();
        bench.click(PanelButton.START_STOP).running().run(500 * MS);
        bench.click(PanelButton.START_STOP).run(200 * MS);
        bench.click(PanelButton.START_STOP).running().run(500 * MS);
        bench.click(PanelButton.START_STOP).run(200 * MS);
        assertThat(bench.controller.sessions().current().runs()).hasSize(2);
        String first = bench.controller.sessions().current().id();
        bench.sim.inject(SimFault.CARTRIDGE_PULLED);
        bench.run(10 * MS);
        assertThat(bench.controller.sessions().current()).isNull();
        assertThat(bench.controller.sessions().endedSessions()).singleElement()
                .satisfies(s -> assertThat(s.endReason()).isEqualTo("cartridge removed"));
        bench.insertCartridge("CART-TEST-2").click(PanelButton.START_STOP).running();
        assertThat(bench.controller.sessions().current().id()).isNotEqualTo(first);
    }

    @org.junit.jupiter.api.Tag("H17")
    @Test
    void givenNoUsableCalibrationWhenStartIsPressedThenTheRefusalNamesWhyAndTheMotorNeverTurns() {
        var sim = com.needlepen.config.ProfileLoader.bundled("sim");
        var pen = com.needlepen.hal.sim.SimulatedPenFactory.create(sim, 12, 18);
        var assembled = PenBench.assemble(pen, sim, a -> a.settings(1.0, 100)
                .calibration(com.needlepen.firmware.DepthCalibration.unusable(sim.collar(), "cal-000003.npcal fails its checksum")));
        var c = assembled.controller();
        var runner = assembled.runner();
        pen.handle().insertCartridge(new com.needlepen.hal.CartridgeInfo("C", 12));
        assertThat(runner.runUntil(() -> c.status().readyToStart(), 30 * S)).isTrue();
        double turns = pen.handle().shaftTurns();
        pen.handle().press(PanelButton.START_STOP);
        runner.runFor(20 * MS);
        pen.handle().release(PanelButton.START_STOP);
        runner.runFor(500 * MS);
        assertThat(c.status().state()).isEqualTo(PenState.READY);
        assertThat(c.status().lastRefusal()).isEqualTo("cal-000003.npcal fails its checksum");
        assertThat(c.sessions().current()).isNull();
        assertThat(pen.handle().shaftTurns()).isEqualTo(turns);
    }

    @Test
    void givenReadyWhenTheTechnicianCalibratesThenTheCollarMayGoToTheAbsoluteMaximumAndStopEndsItAtOnce() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 19).insertCartridge().ready();
        bench.controller.submit(Request.calibrationMove(2.5));
        bench.run(5 * MS);
        assertThat(bench.controller.status().lastRefusal()).as("only while calibrating").contains("only while CALIBRATING");
        bench.controller.submit(Request.calibrate());
        bench.run(5 * MS);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.CALIBRATING);
        bench.controller.submit(Request.calibrationMove(2.5));
        bench.run(2 * S);
        assertThat(bench.controller.status().collarSettled()).isTrue();
        assertThat(bench.sim.trueDepthMm()).as("past the 1.5 mm ceiling, up to the hard stop").isBetween(2.3, 2.5);
        assertThat(bench.controller.status().calibrationRevolutions()).as("the cam steps at about 1.5 revolutions/s").isBetween(2L, 4L);
        assertThat(bench.sim.carrierOnCam()).isTrue();
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, 500 * MS))
                .as("%s %s %s", bench.controller.status().state(), bench.controller.status().fault(),
                        bench.controller.status().faultDetail()).isTrue();
        // parked: the spring may still rock the braked cam the last few degrees into its lowest point (with the winding
        // at a held pen's 31 °C rather than 25 °C it was at -3.7°, 0.02 Hz, as READY came), inside the index window
        assertThat(Math.abs(bench.sim.camAngleDeg())).isLessThan(10.0);
        assertThat(bench.runner.runUntil(bench.sim::shaftAtRest, 100 * MS)).isTrue();
        assertThat(bench.sim.tipProtrusionMm()).isNegative();
        bench.run(2 * S);
        assertThat(bench.sim.trueDepthMm()).as("back to the practitioner's depth, under the ceiling").isLessThan(1.5);
        assertThat(bench.controller.sessions().endedSessions()).as("calibration is not a session").isEmpty();
    }

    @Test
    void givenRunningWhenCalibrationIsRequestedThenItIsRefused() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 20).insertCartridge().ready();
        bench.click(PanelButton.START_STOP).running();
        bench.controller.submit(Request.calibrate());
        bench.run(5 * MS);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(bench.controller.status().lastRefusal()).isEqualTo("calibration starts only in READY, not RUNNING");
    }
}
