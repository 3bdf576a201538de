package com.needlepen.firmware.behaviour;

import com.needlepen.firmware.behaviour.PenBench;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.config.calibration.Calibration;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import com.needlepen.hal.sim.SimHandle;
import com.needlepen.hal.sim.SimParameters;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.hal.sim.SimulatedPenFactory;
import com.needlepen.firmware.loop.SimulationRunner;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The safety invariants, checked every millisecond of a random sequence of a practitioner's inputs,
 * depth and rate changes and injected faults, on a calibrated simulated pen:
 * <ol>
 *   <li>the true tips never pass the set depth plus the profile's tolerance (while the collar moves,
 *       the larger of the old and new depth);</li>
 *   <li>the motor turns only in RUNNING, STOPPING and CALIBRATING (and while a fault brakes it);</li>
 *   <li>within its bound after an injected fault the shaft is at rest and the tips retracted.</li>
 * </ol>
 * Faults whose harm is mechanical and instant are not drawn: a collar pushed back moves the tips
 * before any software can see it (that hazard is the screw's and the hold current's, H05), and a
 * jammed cam holds the tips wherever it locked (H01). Overheating takes half a minute to matter
 * and is tested on its own (H09).
 */
final class SafetyProperties {

    /** One step of a sequence. */
    sealed interface Action permits Press, Release, SetDepth, SetRate, Skin, Inject, InjectInRun, Wait, Acknowledge,
            Start {
    }

    /** Arms {@code fault} to happen at the next millisecond the needles run (now, if they do). */
    record InjectInRun(SimFault fault) implements Action {
    }

    /**
     * The practitioner's usual start: a click on start/stop, then hands off while the collar's zero
     * check runs (up to 5 s, not counted as a step), then {@code millis} more.
     */
    record Start(int millis) implements Action {
    }

    record Press(PanelButton button) implements Action {
    }

    record Release(PanelButton button) implements Action {
    }

    record SetDepth(double depthMm) implements Action {
    }

    record SetRate(double rateHz) implements Action {
    }

    record Skin(boolean contact) implements Action {
    }

    record Inject(SimFault fault) implements Action {
    }

    record Wait(int millis) implements Action {
    }

    record Acknowledge() implements Action {
    }

    static final Set<SimFault> DRAWN_FAULTS = EnumSet.of(SimFault.INDEX_SENSOR_DEAD, SimFault.CARTRIDGE_PULLED,
            SimFault.SUPPLY_SAG, SimFault.COLLAR_STEPS_LOST, SimFault.HOME_SWITCH_STUCK_PRESSED,
            SimFault.PWM_STUCK_HIGH);
    /**
     * Faults of a collar standing still, which no stall detection sees: the run they happen in goes
     * on (at a shallower depth, for lost steps), and the zero check must find them before the next
     * run starts.
     */
    static final Set<SimFault> COLLAR_FAULTS = EnumSet.of(SimFault.COLLAR_STEPS_LOST);
    /** After an injected fault the shaft must be at rest and the tips hidden within this. */
    static final long FAULT_BOUND_NANOS = 500_000_000L;
    /** Leaving a moving state, the brake and the park get this long before the shaft must be still. */
    static final long STOP_GRACE_NANOS = 300_000_000L;

    private static DeviceProfile profile;
    private static Calibration calibration;

    private SafetyProperties() {
    }

    static Calibration calibration() {
        profile();
        return calibration;
    }

    /** The sim profile with a quick collar (so each sequence homes fast) and depths up to 2.5 mm unlocked. */
    static synchronized DeviceProfile profile() {
        if (profile == null) {
            String yaml = new String(readResource()).replace("unlockAboveCeiling: false", "unlockAboveCeiling: true")
                    .replace("maxSpeedMmPerS: 2.0", "maxSpeedMmPerS: 20.0");
            profile = ProfileLoader.parse(yaml, "sim-property.yaml");
            // the unit every sequence runs on, calibrated as a technician would (not from its parameters)
            calibration = TechnicianCalibration.of(profile, profile.telemetry().deviceId());
            System.out.printf(Locale.ROOT, "safety property's pen: calibrated through CALIBRATING, %d gauge readings,"
                    + " worst leave-one-out residual %.4f mm%n", calibration.points().size(), calibration.worstResidualMm());
        }
        return profile;
    }

    private static byte[] readResource() {
        try (var in = SafetyProperties.class.getResourceAsStream("/profiles/sim.yaml")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * What one sequence did: the first invariant it broke (null: none), and whether it ran the
     * needles, had a fault injected while they ran and latched a fault (the report's figures: a
     * property never exercised proves nothing).
     */
    record Outcome(String violation, boolean ranNeedles, boolean injectedWhileRunning, boolean latchedFault) {
    }

    /**
     * One drawn case: the noise seed of the simulated pen's run (index jitter, switch repeatability)
     * and the sequence, printed as the Java that makes it again (paste it into
     * {@code SafetyPropertyRegressionTest} to keep a counterexample: {@code trial.run(SafetyChecks::standard)}).
     */
    record Trial(long noiseSeed, List<Action> actions) {

        Outcome run(Function<SafetyInputs, List<SafetyCheck>> checks) {
            return SafetyProperties.run(actions, checks, noiseSeed);
        }

        String asJava() {
            StringBuilder java = new StringBuilder("new SafetyProperties.Trial(").append(noiseSeed).append("L, List.of(");
            for (int i = 0; i < actions.size(); i++) {
                java.append(i == 0 ? "\n" : ",\n").append(asJava(actions.get(i)));
            }
            return java.append("))").toString();
        }

        private static String asJava(Action a) {
            String args = switch (a) {
                case Press p -> "PanelButton." + p.button();
                case Release r -> "PanelButton." + r.button();
                case SetDepth d -> Double.toString(d.depthMm());
                case SetRate r -> Double.toString(r.rateHz());
                case Skin s -> Boolean.toString(s.contact());
                case Inject i -> "SimFault." + i.fault();
                case InjectInRun i -> "SimFault." + i.fault();
                case Wait w -> Integer.toString(w.millis());
                case Acknowledge ack -> "";
                case Start st -> Integer.toString(st.millis());
            };
            return "new SafetyProperties." + a.getClass().getSimpleName() + "(" + args + ")";
        }
    }

    /** Runs the sequence; returns the first invariant broken, or null. */
    static String violation(List<Action> actions, Function<SafetyInputs, List<SafetyCheck>> checks, long seed) {
        return run(actions, checks, seed).violation();
    }

    /** Runs the sequence with the pen's run noise drawn from {@code seed}, checking the invariants every millisecond. */
    static Outcome run(List<Action> actions, Function<SafetyInputs, List<SafetyCheck>> checks, long seed) {
        DeviceProfile p = profile();
        SimParameters params = SimulatedPenFactory.parameters(p, 12, p.telemetry().deviceId(), seed);
        SimPen pen = new SimPen(new SimParameters(params.motor(), params.cam(), params.skin(), params.index(),
                params.collar(), params.thermal(), params.supplyVolts(), 20_000L, params.gaugeSigmaMm(), params.seed()),
                SimulatedPenFactory.SIM_EPOCH_MILLIS, SimulatedPenFactory.handpieceIdOf(p.telemetry().deviceId()));
        var assembled = PenBench.assemble(pen, p, a -> a.settings(1.0, 100).calibration(DepthCalibration.of(calibration))
                .safetyChecksForTest(checks));
        PenController c = assembled.controller();
        SimulationRunner runner = assembled.runner();
        SimHandle sim = pen.handle();
        sim.insertCartridge(new CartridgeInfo("PROP", 12));
        if (!runner.runUntil(() -> c.status().readyToStart(), 10_000_000_000L)) {
            return new Outcome("never READY", false, false, false);
        }
        Watch watch = new Watch(p.calibration().toleranceMm());
        for (Action a : actions) {
            switch (a) {
                case Press pr -> sim.press(pr.button());
                case Release re -> sim.release(re.button());
                case SetDepth d -> c.submit(Request.depth(d.depthMm()));
                case SetRate r -> c.submit(Request.rate(r.rateHz()));
                case Skin s -> sim.setSkinContact(s.contact());
                case Inject i -> {
                    if (watch.injectedAt == Long.MIN_VALUE && watch.armed == null) {
                        watch.inject(i.fault(), runner.nowNanos(), c, sim);
                    }
                }
                case InjectInRun i -> {
                    if (watch.injectedAt == Long.MIN_VALUE && watch.armed == null) {
                        watch.armed = i.fault();
                    }
                }
                case Acknowledge ack -> c.submit(Request.acknowledge());
                case Wait w -> {
                }
                case Start st -> {
                    sim.press(PanelButton.START_STOP);
                    String broken = steps(8, runner, c, sim, watch);
                    sim.release(PanelButton.START_STOP);
                    broken = broken != null ? broken : steps(8, runner, c, sim, watch);
                    for (int ms = 0; broken == null && c.status().state() == PenState.CHECKING && ms < 5_000; ms++) {
                        broken = steps(1, runner, c, sim, watch);
                    }
                    if (broken != null) {
                        return broken(broken, a, runner, watch);
                    }
                }
            }
            // a press or release is held long enough to pass the panel's debounce, as a finger does
            int millis = a instanceof Wait w ? w.millis() : a instanceof Start st ? st.millis()
                    : a instanceof Press || a instanceof Release ? 8 : 1;
            String broken = steps(millis, runner, c, sim, watch);
            if (broken != null) {
                return broken(broken, a, runner, watch);
            }
        }
        return new Outcome(null, watch.ran, watch.injectedRunning, watch.faulted);
    }

    private static Outcome broken(String what, Action after, SimulationRunner runner, Watch watch) {
        return new Outcome(what + " after " + after + " at " + runner.nowNanos() / 1_000_000 + " ms", watch.ran,
                watch.injectedRunning, watch.faulted);
    }

    /** Steps {@code millis} milliseconds, checking the invariants after each; the first broken, or null. */
    private static String steps(int millis, SimulationRunner runner, PenController c, SimHandle sim, Watch watch) {
        for (int ms = 0; ms < millis; ms++) {
            if (watch.armed != null && c.status().state() == PenState.RUNNING) {
                watch.inject(watch.armed, runner.nowNanos(), c, sim);
            }
            runner.step();
            watch.ran |= c.status().state() == PenState.RUNNING;
            watch.faulted |= c.status().state() == PenState.FAULT;
            String broken = watch.check(runner.nowNanos(), c, sim);
            if (broken != null) {
                return broken;
            }
        }
        return null;
    }

    /** The invariants' memory between milliseconds. */
    private static final class Watch {
        boolean ran;
        boolean faulted;
        boolean injectedRunning;
        SimFault armed;

        void inject(SimFault fault, long now, PenController c, SimHandle sim) {
            injectedRunning = c.status().state() == PenState.RUNNING;
            sim.inject(fault);
            injectedAt = now;
            injected = fault;
            armed = null;
        }

        final double toleranceMm;
        long injectedAt = Long.MIN_VALUE;
        SimFault injected;
        PenState lastState;
        long stateSince;
        double turnsAtStill = Double.NaN;
        double allowedDepthMm = Double.NaN;
        double lastSetDepthMm = Double.NaN;
        long depthSettledAt;
        long runStartAt = Long.MIN_VALUE;
        boolean rehomed;

        Watch(double toleranceMm) {
            this.toleranceMm = toleranceMm;
        }

        String check(long now, PenController c, SimHandle sim) {
            PenState state = c.status().state();
            if (state != lastState) {
                lastState = state;
                stateSince = now;
                turnsAtStill = Double.NaN;
                if (state == PenState.HOMING && injectedAt != Long.MIN_VALUE) {
                    rehomed = true; // a new zero: the lost steps no longer matter
                }
                if (state == PenState.RUNNING) {
                    runStartAt = now;
                    if (COLLAR_FAULTS.contains(injected) && !rehomed) {
                        // steps lost while the collar stood still are unseen until the zero check before a run
                        return "a run started after " + injected + " without the zero check finding it";
                    }
                }
            }
            // 1. depth: the set depth, or while the collar moves the larger of old and new
            double set = c.status().depthMm();
            if (set != lastSetDepthMm) {
                // while the collar is still on its way, the deepest depth of the moves so far still counts
                double before = Double.isNaN(lastSetDepthMm) ? set : lastSetDepthMm;
                boolean stillMoving = depthSettledAt == Long.MAX_VALUE && !Double.isNaN(allowedDepthMm);
                allowedDepthMm = Math.max(stillMoving ? allowedDepthMm : before, Math.max(before, set));
                lastSetDepthMm = set;
                depthSettledAt = Long.MAX_VALUE;
            }
            if (c.status().collarSettled() && depthSettledAt == Long.MAX_VALUE) {
                depthSettledAt = now;
            }
            if (depthSettledAt != Long.MAX_VALUE && now - depthSettledAt > 5_000_000L) {
                allowedDepthMm = set;
            }
            boolean calibratingLimits = state == PenState.CALIBRATING;
            if (!calibratingLimits && sim.tipProtrusionMm() > allowedDepthMm + toleranceMm) {
                return String.format(Locale.ROOT,
                        "tips at %.4f mm past the set %.3f mm (collar truly at %.4f mm, %s, %.1f Hz, carrier on cam %s)",
                        sim.tipProtrusionMm(), allowedDepthMm, sim.trueDepthMm(), state, sim.shaftRateHz(),
                        sim.carrierOnCam());
            }
            // 2. the motor turns only when it may
            boolean mayTurn = state == PenState.RUNNING || state == PenState.STOPPING || state == PenState.CALIBRATING
                    || state == PenState.BOOT;
            if (!mayTurn && now - stateSince > STOP_GRACE_NANOS) {
                if (Double.isNaN(turnsAtStill)) {
                    turnsAtStill = sim.shaftTurns();
                } else if (Math.abs(sim.shaftTurns() - turnsAtStill) > 0.5) {
                    return "the shaft turned in " + state;
                }
            }
            // 3. after an injected fault: at rest within the bound, counted from when the needles move with
            //    it (a fault injected while idle can only show once a run starts)
            long from = Math.max(injectedAt, runStartAt);
            // (a collar fault has its own rule above: found before the next run, or gone with a re-homing)
            if (injectedAt != Long.MIN_VALUE && now - from > FAULT_BOUND_NANOS && !COLLAR_FAULTS.contains(injected)) {
                if (!sim.shaftAtRest() && (state == PenState.RUNNING || state == PenState.CALIBRATING)) {
                    return "still turning " + (now - injectedAt) / 1_000_000 + " ms after " + injected;
                }
            }
            return null;
        }
    }
}
