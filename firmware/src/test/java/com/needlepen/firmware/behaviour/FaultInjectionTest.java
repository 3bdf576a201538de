package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.safety.CartridgeCheck;
import com.needlepen.firmware.safety.CollarCheck;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.OverspeedCheck;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.StallCheck;
import com.needlepen.firmware.safety.SupplyCheck;
import com.needlepen.firmware.safety.TemperatureCheck;
import com.needlepen.firmware.telemetry.TelemetryEvent;
import com.needlepen.firmware.telemetry.TelemetrySample;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.firmware.loop.SimulationRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each injectable hazard against the running pen (150 Hz, 1.0 mm, on skin), in virtual time: within
 * its detection bound the fault is latched with its code, the drive is disabled, the session ends
 * with that reason and a fault event goes out; once parked the cam stands where the tips are hidden
 * by the profile's minimum recess at any depth ({@link CamAngle}: the cam's angle, not the tips' depth).
 * The same injection with the fault's own check left out shows the harm the check prevents.
 * Hazard ids (H-xx) refer to docs/safety.md. The collar's hazards (H05, H06), caught before the
 * next run, are in {@link CollarZeroCheckTest}.
 */
class FaultInjectionTest {

    /** One hazard: what is injected, the fault expected, its bound, the check that mitigates it. */
    enum Hazard {
        H01_CAM_JAMMED(SimFault.CAM_JAMMED, FaultCode.F02_CAM_JAMMED, 60, StallCheck.class, false),
        H02_INDEX_SENSOR_DEAD(SimFault.INDEX_SENSOR_DEAD, FaultCode.F11_INDEX_SENSOR_DEAD, 60, StallCheck.class, true),
        H07_CARTRIDGE_REMOVED(SimFault.CARTRIDGE_PULLED, FaultCode.F07_CARTRIDGE_REMOVED, 5, CartridgeCheck.class, true),
        H08_SUPPLY_SAG(SimFault.SUPPLY_SAG, FaultCode.F12_SUPPLY_LOW, 60, SupplyCheck.class, true),
        H09_OVERHEATING(SimFault.OVERHEATING, FaultCode.F06_OVERTEMPERATURE, 60_000, TemperatureCheck.class, true),
        H19_OVERSPEED(SimFault.PWM_STUCK_HIGH, FaultCode.F03_OVERSPEED, 30, OverspeedCheck.class, true),
        H11_HOME_SWITCH_STUCK(SimFault.HOME_SWITCH_STUCK_PRESSED, FaultCode.F17_HOME_SWITCH_UNEXPECTED, 5,
                CollarCheck.class, true);

        final SimFault fault;
        final FaultCode code;
        final long boundMs;
        final Class<? extends SafetyCheck> check;
        /** False for a jam: nothing can turn a locked cam, so the tips stay where it locked. */
        final boolean parks;

        Hazard(SimFault fault, FaultCode code, long boundMs, Class<? extends SafetyCheck> check, boolean parks) {
            this.fault = fault;
            this.code = code;
            this.boundMs = boundMs;
            this.check = check;
            this.parks = parks;
        }
    }

    /** Keeps the events. */
    static final class EventSink implements TelemetrySink {
        final List<TelemetryEvent> events = new ArrayList<>();

        @Override
        public boolean offerSample(TelemetrySample sample) {
            return true;
        }

        @Override
        public void offerEvent(TelemetryEvent event) {
            events.add(event);
        }

        @Override
        public void sessionChanged(String sessionId) {
        }
    }

    record Run(SimPen pen, PenController controller, SimulationRunner runner, EventSink sink) {
    }

    static Run runningAt150Hz(Function<com.needlepen.firmware.safety.SafetyInputs, List<SafetyCheck>> checks) {
        EventSink sink = new EventSink();
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 150, 77, sink, checks)
                .insertCartridge("C").ready();
        bench.sim.setSkinContact(true);
        bench.click(PanelButton.START_STOP).spunUp().run(500 * MS);
        return new Run(bench.pen, bench.controller, bench.runner, sink);
    }

    @ParameterizedTest(name = "{0}: latched within its bound, drive off, session ended, event out, tips hidden")
    @EnumSource(Hazard.class)
    void givenTheHazardInjectedWhileRunningThenThePenIsMadeSafeWithinItsBound(Hazard h) {
        Run run = runningAt150Hz(SafetyChecks::standard);
        long injected = run.runner().nowNanos();
        run.pen().handle().inject(h.fault);
        boolean latched = run.runner().runUntil(() -> run.controller().status().state() == PenState.FAULT, h.boundMs * MS);
        long detectedMs = (run.runner().nowNanos() - injected) / 1_000_000;
        System.out.printf("%s: %s latched after %d ms (bound %d ms)%n", h, run.controller().status().fault(), detectedMs, h.boundMs);
        assertThat(latched).as("latched within %d ms", h.boundMs).isTrue();
        assertThat(run.controller().status().fault()).isEqualTo(h.code);
        assertThat(run.pen().handle().motorDriverEnabled() && !h.parks).isFalse();

        run.runner().runFor(500 * MS);
        assertThat(run.pen().handle().shaftAtRest()).isTrue();
        if (h.parks) {
            CamAngle.assertTipsHiddenByTheCam(run.pen().handle(), ProfileLoader.bundled("sim"));
        }
        assertThat(run.controller().sessions().endedSessions()).singleElement()
                .satisfies(s -> assertThat(s.endReason()).startsWith("fault " + h.code.shortCode()));
        assertThat(run.sink().events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("fault");
            assertThat(e.fields().get("code")).isEqualTo(h.code.shortCode());
        });
    }

    @ParameterizedTest(name = "{0} without its check: the harm it prevents")
    @EnumSource(value = Hazard.class, names = {"H01_CAM_JAMMED", "H02_INDEX_SENSOR_DEAD", "H07_CARTRIDGE_REMOVED",
            "H09_OVERHEATING", "H19_OVERSPEED"})
    void givenTheHazardWithItsCheckLeftOutThenTheHarmHappens(Hazard h) {
        Run run = runningAt150Hz(in -> {
            List<SafetyCheck> all = new ArrayList<>(SafetyChecks.standard(in));
            all.removeIf(h.check::isInstance);
            if (h == Hazard.H02_INDEX_SENSOR_DEAD || h == Hazard.H19_OVERSPEED) {
                // the index plausibility check is a second line for both (a dead sensor's index rate falls below the
                // back-EMF's, F32; a runaway's rises above what its commanded duty gives, F31): left out to show
                // what the first line alone prevents
                all.removeIf(com.needlepen.firmware.safety.IndexPlausibilityCheck.class::isInstance);
            }
            return all;
        });
        run.pen().handle().resetPeakProtrusion();
        run.pen().handle().inject(h.fault);
        var sim = run.pen().handle();
        long injected = run.runner().nowNanos();
        double fastest = 0;
        long faultAfterMs = -1;
        for (long ms = 0; ms < Math.max(h.boundMs * 2, 2_000); ms++) {
            run.runner().step();
            fastest = Math.max(fastest, sim.shaftRateHz());
            if (faultAfterMs < 0 && run.controller().status().state() == PenState.FAULT) {
                faultAfterMs = (run.runner().nowNanos() - injected) / 1_000_000;
            }
        }
        switch (h) {
            case H01_CAM_JAMMED -> {
                // only the over-current check's 100 ms hold ends the stall: the winding takes stall current 3x as long
                assertThat(run.controller().status().fault()).isEqualTo(FaultCode.F05_OVERCURRENT);
                assertThat(faultAfterMs).isGreaterThanOrEqualTo(90);
            }
            case H02_INDEX_SENSOR_DEAD -> {
                // blind, the regulator winds up: the needles stroke far faster than set until, a second
                // later, the rate-deviation check (H20) sees a rate it cannot measure either
                assertThat(fastest).isGreaterThan(150 * 1.1);
                assertThat(faultAfterMs).isGreaterThan(900);
            }
            case H07_CARTRIDGE_REMOVED -> assertThat(sim.shaftRateHz()).as("the drive turns with no cartridge").isGreaterThan(100);
            case H09_OVERHEATING -> assertThat(sim.handpieceCelsius()).as("applied part above 41 °C").isGreaterThan(41.0);
            case H19_OVERSPEED -> {
                // the runaway strokes faster than any rate the practitioner may set until, a second later,
                // the rate-deviation check (H20) notices
                assertThat(fastest).isGreaterThan(150 * 1.1);
                assertThat(faultAfterMs).isGreaterThan(900);
            }
            default -> throw new AssertionError(h);
        }
        System.out.printf("%s without %s: harm shown%n", h, h.check.getSimpleName());
    }

    @org.junit.jupiter.api.Tag("H15")
    @org.junit.jupiter.api.Test
    void givenAControlTickThirtyMillisecondsLateThenTheLoopOverrunIsLatchedAndWithoutItsCheckNothingNotices() {
        Run run = runningAt150Hz(SafetyChecks::standard);
        run.runner().freezeFirmwareFor(30 * MS); // a 30 ms pause: longer than the 20 ms budget, shorter than the dead-man
        run.runner().step();
        assertThat(run.controller().status().fault()).isEqualTo(FaultCode.F15_LOOP_OVERRUN);
        assertThat(run.controller().status().faultDetail()).contains("ms late (budget 20 ms)");

        Run blind = runningAt150Hz(in -> {
            List<SafetyCheck> all = new ArrayList<>(SafetyChecks.standard(in));
            all.removeIf(com.needlepen.firmware.safety.LoopOverrunCheck.class::isInstance);
            return all;
        });
        blind.runner().freezeFirmwareFor(30 * MS);
        blind.runner().runFor(100 * MS);
        assertThat(blind.controller().status().state()).as("the pause went unnoticed").isEqualTo(PenState.RUNNING);
    }

    @org.junit.jupiter.api.Tag("H18")
    @org.junit.jupiter.api.Test
    void givenAShortedDriverInReadyThenTurningWhileOffIsLatchedAndTheStarvedEnableTimerCutsTheSupply() {
        Run run = runningAt150Hz(SafetyChecks::standard);
        run.pen().handle().press(PanelButton.START_STOP);
        run.runner().runFor(20 * MS);
        run.pen().handle().release(PanelButton.START_STOP);
        assertThat(run.runner().runUntil(() -> run.controller().status().state() == PenState.READY, S)).isTrue();
        run.runner().runFor(500 * MS);

        run.pen().handle().inject(SimFault.DRIVER_SHORTED); // H18: drives the motor though the driver is disabled
        long injected = run.runner().nowNanos();
        assertThat(run.runner().runUntil(() -> run.controller().status().state() == PenState.FAULT, 200 * MS)).isTrue();
        assertThat(run.controller().status().fault()).isEqualTo(FaultCode.F13_TURNING_WHILE_OFF);
        long latched = run.runner().nowNanos();
        assertThat(run.runner().runUntil(() -> run.pen().handle().shaftAtRest(), 300 * MS)).isTrue();
        System.out.printf("H18: F13 after %d ms, shaft at rest %d ms after latching%n", (latched - injected) / 1_000_000,
                (run.runner().nowNanos() - latched) / 1_000_000);
        assertThat(run.pen().handle().motorPowerAllowed()).as("the enable timer opened the supply").isFalse();
        run.runner().runFor(500 * MS);
        assertThat(run.pen().handle().shaftAtRest()).isTrue();
        CamAngle.assertTipsHiddenByTheCam(run.pen().handle(), ProfileLoader.bundled("sim"));
    }

    @org.junit.jupiter.api.Tag("H18")
    @org.junit.jupiter.api.Test
    void givenF13FromAShortedDriver_whenAcknowledged_thenItStaysLatchedSayingThePenNeedsService() {
        Run run = runningAt150Hz(SafetyChecks::standard);
        run.pen().handle().press(PanelButton.START_STOP);
        run.runner().runFor(20 * MS);
        run.pen().handle().release(PanelButton.START_STOP);
        assertThat(run.runner().runUntil(() -> run.controller().status().state() == PenState.READY, S)).isTrue();
        run.runner().runFor(500 * MS);
        run.pen().handle().inject(SimFault.DRIVER_SHORTED);
        assertThat(run.runner().runUntil(() -> run.controller().status().state() == PenState.FAULT, 200 * MS)).isTrue();
        run.runner().runFor(500 * MS);
        double turns = run.pen().handle().shaftTurns();

        run.controller().submit(com.needlepen.firmware.Request.acknowledge());
        run.runner().runFor(2 * S);

        // acknowledged, re-homing would feed the enable timer again and the shorted stage would stroke the needles
        assertThat(run.controller().status().state()).isEqualTo(PenState.FAULT);
        assertThat(run.controller().status().fault()).isEqualTo(FaultCode.F13_TURNING_WHILE_OFF);
        assertThat(run.controller().status().lastRefusal()).contains("F13 cannot be acknowledged")
                .contains("power the pen off and have it serviced");
        assertThat(run.pen().handle().shaftTurns() - turns).as("revolutions after the acknowledge").isLessThan(0.01);
    }

    @org.junit.jupiter.api.Test
    void givenAShortedDriverWithoutTheTurningWhileOffCheckThenTheNeedlesStrokeInReady() {
        Run run = runningAt150Hz(in -> {
            List<SafetyCheck> all = new ArrayList<>(SafetyChecks.standard(in));
            all.removeIf(com.needlepen.firmware.safety.TurningWhileOffCheck.class::isInstance);
            return all;
        });
        run.pen().handle().press(PanelButton.START_STOP);
        run.runner().runFor(20 * MS);
        run.pen().handle().release(PanelButton.START_STOP);
        assertThat(run.runner().runUntil(() -> run.controller().status().state() == PenState.READY, S)).isTrue();
        run.runner().runFor(500 * MS);
        long before = run.pen().handle().trueExcursions();
        run.pen().handle().inject(SimFault.DRIVER_SHORTED);
        run.runner().runFor(1_000 * MS);
        assertThat(run.controller().status().state()).isEqualTo(PenState.READY);
        assertThat(run.pen().handle().trueExcursions() - before).as("needle strokes in READY").isGreaterThan(10);
    }

    @org.junit.jupiter.api.Test
    void givenAShortedDriverWhileRunningWhenStoppedThenParkingTimesOutAndTheEnableTimerCutsTheSupply() {
        Run run = runningAt150Hz(SafetyChecks::standard);
        run.pen().handle().inject(SimFault.DRIVER_SHORTED); // hidden while the regulator drives harder anyway
        run.runner().runFor(200 * MS);
        run.pen().handle().press(PanelButton.START_STOP);
        run.runner().runFor(20 * MS);
        run.pen().handle().release(PanelButton.START_STOP);
        assertThat(run.runner().runUntil(() -> run.controller().status().state() == PenState.FAULT, 1_200 * MS)).isTrue();
        assertThat(run.controller().status().fault()).isEqualTo(FaultCode.F10_PARK_FAILED);
        assertThat(run.runner().runUntil(() -> run.pen().handle().shaftAtRest(), 300 * MS)).isTrue();
        assertThat(run.pen().handle().motorPowerAllowed()).isFalse();
    }

    @org.junit.jupiter.api.Tag("H21")
    @org.junit.jupiter.api.Test
    void givenACamJammedDuringSoftStartThenOverCurrentIsLatchedWithinItsHoldTime() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 150, 78).insertCartridge().ready();
        bench.sim.inject(SimFault.CAM_JAMMED); // the stall check waits out the soft start; the current does not
        bench.click(PanelButton.START_STOP).running();
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 300 * MS)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F05_OVERCURRENT);
        assertThat(bench.sim.motorDriverEnabled()).isFalse();
    }

    @org.junit.jupiter.api.Tag("H21")
    @org.junit.jupiter.api.Test
    void givenACamJammedDuringSoftStartWithoutTheOverCurrentCheckThenTheWindingTakesStallCurrentLonger() {
        long with = stallCurrentMillis(SafetyChecks::standard);
        long without = stallCurrentMillis(in -> {
            List<SafetyCheck> all = new ArrayList<>(SafetyChecks.standard(in));
            all.removeIf(com.needlepen.firmware.safety.OvercurrentCheck.class::isInstance);
            return all;
        });
        System.out.printf("H21: jam in soft start, above the current limit for %d ms with the check, %d ms without%n",
                with, without);
        assertThat(without).isGreaterThan(with + 50);
    }

    /** Jams the cam, starts, and returns how long the motor current stays above the profile's limit. */
    private static long stallCurrentMillis(Function<com.needlepen.firmware.safety.SafetyInputs, List<SafetyCheck>> checks) {
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 150, 78, TelemetrySink.NONE, checks)
                .insertCartridge("C-JAM").ready();
        bench.sim.inject(SimFault.CAM_JAMMED);
        bench.click(PanelButton.START_STOP).running();
        long above = 0;
        for (int ms = 0; ms < 2_000; ms++) {
            bench.runner.step();
            if (bench.sim.motorCurrentAmps() > bench.profile.motor().maxCurrentAmps()) {
                above++;
            }
        }
        assertThat(bench.controller.status().state()).isEqualTo(PenState.FAULT);
        return above;
    }

    @org.junit.jupiter.api.Tag("H22")
    @org.junit.jupiter.api.Test
    void givenARunLongerThanTheProfileAllowsWithoutTheRunTimeCheckThenItGoesOn() throws Exception {
        String yaml;
        try (var in = getClass().getResourceAsStream("/profiles/sim.yaml")) {
            yaml = new String(in.readAllBytes()).replace("maxContinuousRunMinutes: 30", "maxContinuousRunMinutes: 0.05");
        }
        DeviceProfile profile = ProfileLoader.parse(yaml, "sim-short-runs.yaml");
        PenBench bench = new PenBench(profile, "12-pin", 1.0, 100, 79, TelemetrySink.NONE, in -> {
            List<SafetyCheck> all = new ArrayList<>(SafetyChecks.standard(in));
            all.removeIf(com.needlepen.firmware.safety.RunTimeCheck.class::isInstance);
            return all;
        }).insertCartridge("C-LONG").ready();
        bench.sim.press(PanelButton.FOOTSWITCH); // held down and forgotten
        bench.running().run(6 * S);
        assertThat(bench.controller.status().state()).as("twice the profile's longest run, still stroking").isEqualTo(PenState.RUNNING);
    }

    @org.junit.jupiter.api.Tag("H22")
    @org.junit.jupiter.api.Test
    void givenARunLongerThanTheProfileAllowsThenItIsEndedWithF14() throws Exception {
        String yaml;
        try (var in = getClass().getResourceAsStream("/profiles/sim.yaml")) {
            yaml = new String(in.readAllBytes()).replace("maxContinuousRunMinutes: 30", "maxContinuousRunMinutes: 0.05");
        }
        DeviceProfile profile = ProfileLoader.parse(yaml, "sim-short-runs.yaml"); // 3 s runs
        PenBench bench = new PenBench(profile, "12-pin", 1.0, 100, 79, TelemetrySink.NONE).insertCartridge().ready();
        bench.sim.press(PanelButton.FOOTSWITCH); // held down and forgotten
        bench.running().run(2_900 * MS);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 200 * MS)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F14_RUN_TOO_LONG);
        bench.run(500 * MS);
        assertThat(bench.sim.shaftAtRest()).isTrue();
        CamAngle.assertTipsHiddenByTheCam(bench.sim, bench.profile);
    }
}
