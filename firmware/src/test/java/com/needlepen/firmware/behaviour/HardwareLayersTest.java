package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimParameters;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.hal.sim.SimulatedPenFactory;
import com.needlepen.firmware.loop.SimulationRunner;
import org.junit.jupiter.api.Test;

/**
 * Safety layer 3, outside the JVM: when the whole JVM's view is frozen (no tick, and the HAL's own
 * dead-man frozen with it), the hardware enable timer alone holds the driver off and opens the
 * motor supply; without it the needles would keep stroking.
 */
class HardwareLayersTest {

    record Frozen(double revolutionsAfter, boolean atRest, double protrusionMm, long excursionsAfter) {
    }

    static Frozen freezeWhileRunningAt150Hz(long enableTimerNanos) {
        return freezeWhileRunningAt150Hz(enableTimerNanos, false, 300 * MS);
    }

    static Frozen freezeWhileRunningAt150Hz(long enableTimerNanos, boolean brakeSwitchStuckOpen, long thenNanos) {
        var profile = ProfileLoader.bundled("sim");
        SimParameters p = SimulatedPenFactory.parameters(profile, 12, 41);
        var m = p.motor();
        SimParameters withTimer = new SimParameters(new SimParameters.Motor(m.torqueConstantNmPerA(),
                m.resistanceOhm20C(), m.inertiaKgM2(), m.frictionTorqueNm(), m.staticFrictionTorqueNm(),
                m.viscousNmPerRadPerS(), m.deadmanNanos(), enableTimerNanos), p.cam(), p.skin(), p.index(), p.collar(),
                p.thermal(), p.supplyVolts(), p.substepNanos(), p.gaugeSigmaMm(), p.seed());
        SimPen pen = new SimPen(withTimer, SimulatedPenFactory.SIM_EPOCH_MILLIS);
        var assembled = PenBench.assemble(pen, profile, a -> a.settings(1.0, 150));
        PenController c = assembled.controller();
        SimulationRunner runner = assembled.runner();
        pen.handle().insertCartridge(new CartridgeInfo("C", 12));
        assertThat(runner.runUntil(() -> c.status().readyToStart(), 30_000 * MS)).isTrue();
        pen.handle().press(PanelButton.START_STOP);
        runner.runFor(20 * MS);
        pen.handle().release(PanelButton.START_STOP);
        assertThat(runner.runUntil(() -> c.status().spunUp(), 5_000 * MS)).isTrue();
        assertThat(c.status().state()).isEqualTo(PenState.RUNNING);

        if (brakeSwitchStuckOpen) {
            pen.handle().inject(com.needlepen.hal.sim.SimFault.BRAKE_SWITCH_STUCK_OPEN);
        }
        pen.handle().freezeJvm(true);
        double turns = pen.handle().shaftTurns();
        runner.freezeFirmwareFor(enableTimerNanos + 60 * MS); // timer period, then braking
        long excursions = pen.handle().trueExcursions();
        runner.freezeFirmwareFor(thenNanos);
        return new Frozen(pen.handle().shaftTurns() - turns, pen.handle().shaftAtRest(), pen.handle().tipProtrusionMm(),
                pen.handle().trueExcursions() - excursions);
    }

    @org.junit.jupiter.api.Tag("H14")
    @Test
    void givenAFrozenJvmWhenTheEnableTimerRunsOutThenItAloneBrakesTheMotor() {
        Frozen f = freezeWhileRunningAt150Hz(SimulatedPenFactory.ENABLE_TIMER_NANOS);
        System.out.printf("frozen JVM with the enable timer: %.1f revolutions after freezing, at rest %s, tips %.3f mm%n",
                f.revolutionsAfter(), f.atRest(), f.protrusionMm());
        assertThat(f.atRest()).isTrue();
        assertThat(f.excursionsAfter()).as("no needle excursion once the timer ran out and the brake acted").isZero();
        // 100 ms at 150 Hz (15 revolutions), up to 10 ms until the brake switch closes, then braking: 17.8 measured
        assertThat(f.revolutionsAfter()).as("100 ms at 150 Hz, then braking").isLessThan(19.0);
    }

    /**
     * The timer opens the bridge (enable held low, supply opened), which then cannot brake; with the
     * brake switch stuck open (H30) nothing brakes the winding and the motor coasts. Measured, for
     * docs/safety.md: the revolutions and needle excursions after the timer ran out.
     */
    @org.junit.jupiter.api.Tag("H30")
    @Test
    void givenAFrozenJvmAndTheBrakeSwitchStuckOpenWhenTheEnableTimerRunsOutThenTheMotorCoasts() {
        Frozen f = freezeWhileRunningAt150Hz(SimulatedPenFactory.ENABLE_TIMER_NANOS, true, 1_500 * MS);
        System.out.printf("frozen JVM, enable timer, brake switch stuck open: %.1f revolutions after freezing, at rest %s,"
                + " %d needle excursions after the timer's period and 60 ms%n", f.revolutionsAfter(), f.atRest(),
                f.excursionsAfter());
        assertThat(f.revolutionsAfter()).as("coasting: more than the braked 19").isGreaterThan(30.0);
        assertThat(f.excursionsAfter()).as("needles still stroking after the timer ran out").isGreaterThan(10);
        assertThat(f.atRest()).as("at rest by friction alone within 1.5 s").isTrue();
        assertThat(f.revolutionsAfter()).as("docs/safety.md H30").isLessThan(70.0);
    }

    @Test
    void givenAFrozenJvmWithoutTheEnableTimerThenTheNeedlesKeepStroking() {
        Frozen f = freezeWhileRunningAt150Hz(0);
        System.out.printf("frozen JVM without the enable timer: %d needle excursions in the last 300 ms%n",
                f.excursionsAfter());
        assertThat(f.atRest()).isFalse();
        assertThat(f.excursionsAfter()).isGreaterThan(30);
    }

    @Test
    void givenAFrozenJvmThenTheSystemWatchdogWouldRebootIt() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 42).insertCartridge().ready();
        bench.sim.freezeJvm(true);
        bench.runner.freezeFirmwareFor(1_000 * MS);
        assertThat(bench.sim.watchdogFired()).isFalse();
        bench.runner.freezeFirmwareFor(1_500 * MS);
        assertThat(bench.sim.watchdogFired()).isTrue();
    }
}
