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
 *   <li>within its bound after an injected fault the shaft is at rest and the tips retracted;</li>
 *   <li>the needles never stroke faster than a quarter above the set rate plus 5 Hz for longer than
 *       the fault bound ({@link #PACE_FACTOR}): more needles per second than the practitioner chose;</li>
 *   <li>while running, the firmware's estimate of the winding's temperature is never more than
 *       {@link #WINDING_MARGIN_K} K cooler than the true winding (H33).</li>
 * </ol>
 * A fault whose harm is mechanical and instant (a collar pushed back 0.3 mm moves the tips before
 * any software can see it) is allowed that harm ({@link #instantHarmMm}); what the property holds the
 * firmware to is seeing it and stopping the needles within the bound. A jammed cam holds the tips
 * wherever it locked (H01): the invariants ask only that it be at rest. Overheating takes half a
 * minute to matter and is tested on its own (H09); so is a thermistor that lies (H26), whose harm is
 * heat the sequences are too short to make.
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
            SimFault.SUPPLY_SAG, SimFault.COLLAR_STEPS_LOST, SimFault.HOME_SWITCH_STUCK_PRESSED, SimFault.CAM_JAMMED, SimFault.COLLAR_PUSHED_BACK, SimFault.DRIVER_SHORTED,
            SimFault.THERMISTOR_OPEN, SimFault.CLOCK_STOPPED, SimFault.CLOCK_JUMPED, SimFault.COLLAR_WALKED,
            SimFault.HOME_SWITCH_STUCK_RELEASED, SimFault.HANDPIECE_ID_SILENT, SimFault.SUPPLY_SURGE,
            SimFault.THERMISTOR_STUCK, SimFault.THERMISTOR_SHORTED, SimFault.PWM_STUCK_HIGH, SimFault.SPRING_BROKEN,
            SimFault.CURRENT_SENSE_DEAD, SimFault.DUTY_STUCK, SimFault.INDEX_STUCK_ACTIVE, SimFault.INDEX_MISSED_EDGES,
            SimFault.INDEX_SPURIOUS_EDGES, SimFault.COLLAR_DRIVER_RESET, SimFault.INDEX_EDGES_LOST,
            SimFault.INDEX_READER_STALLED);
    /*
     * Not drawn: OVERHEATING (half a minute to matter, H09), SUPPLY_LOST and BRAKE_SWITCH_STUCK_OPEN
     * (PowerLossTest). Drawn since this stop, each once a gap it
     * found was fixed in the firmware: SPRING_BROKEN (SpringCheck judged only after spin-up: blind while
     * the rate kept changing, H34), CURRENT_SENSE_DEAD (F26 could be acknowledged and parking then ran on
     * the dead monitor, H35), PWM_STUCK_HIGH (re-homing after a fault that did not park left the cam at
     * its top in READY, tips 0.0204 mm past a set 0.5 mm, H42), DUTY_STUCK (its harm, strokes faster than
     * set, is invariant 4) and the index's lies (INDEX_STUCK_ACTIVE, INDEX_MISSED_EDGES,
     * INDEX_SPURIOUS_EDGES; their bound depends on the set rate: {@link #boundNanos}). Drawn since the Pi's
     * backend: COLLAR_DRIVER_RESET (H54), INDEX_EDGES_LOST (H55) and INDEX_READER_STALLED (H58).
     */
    /**
     * Faults whose harm is heat, which a sequence of seconds cannot make: a thermistor stuck at its
     * last reading is found once it has not changed for 6 s while the winding took enough energy to warm
     * it (H35), and the property does not hold the needles to the bound after it; StuckSensorTest does.
     */
    static final Set<SimFault> SLOW_FAULTS = EnumSet.of(SimFault.THERMISTOR_STUCK);
    /**
     * A winding that has lost its path for heat ({@link SimFault#WINDING_HOT}) is drawn per sequence, not
     * among the injected faults: every sequence whose noise seed is odd runs on a pen whose winding has lost
     * its path from power-on, besides whatever fault it injects. Its harm is heat over minutes (from the room,
     * 150 Hz on skin: over 4 min to its 100 °C rating), which no sequence of seconds makes, and it shows at the
     * next start's measurement (H33), so it is held to no stop bound; what the property holds it to is
     * invariant 5 (WindingRunningEstimateTest shows the F24 that follows over minutes). Drawn from the seed
     * rather than from the random source, so the faults, actions and units drawn stay as they were (a
     * 25th fault in the pick reshuffled every sequence, and the build's seed then found an older gap on its
     * 237th: docs/safety.md, "The property-based test").
     */
    static boolean windingPathLost(long noiseSeed) {
        return (noiseSeed & 1L) == 1L;
    }

    /**
     * The sliding cam follower's friction at the eccentric's rim (H51), drawn per sequence from the noise
     * seed as the lost winding path is (so the other draws stay as they were): the seed's next two bits
     * give the roller follower as built ({@link SimHandle#FOLLOWER_FRICTION_NOMINAL}, 1 in 2) or a roller seized,
     * sliding with its grease gone ({@link SimHandle#FOLLOWER_FRICTION_WORST}, 1 in 2: on skin F36 soon stops its
     * runs, H53; in air the skin's share of the drag check's allowance hides it). Friction holds the cam where its spring no
     * longer beats it, off the index, which parking must then creep the cam out of (H04, H51), and it
     * slows the spin-up of the heaviest load (H52).
     */
    static double followerFriction(long noiseSeed) {
        return switch ((int) ((noiseSeed >>> 1) & 3L)) {
            case 1, 3 -> SimHandle.FOLLOWER_FRICTION_WORST;
            default -> SimHandle.FOLLOWER_FRICTION_NOMINAL;
        };
    }

    /**
     * Invariant 5: while running, the firmware's estimate of the winding's temperature ({@code WindingEstimate},
     * H33) is no more than this cooler than the true winding: the probe's measurement it starts from (σ 3 K),
     * doubled.
     */
    static final double WINDING_MARGIN_K = 6.0;
    /**
     * Latent faults: harmless to the run they happen in, which goes on (at a shallower depth, for
     * lost steps), and found before the next run starts or never let it start: steps lost while the
     * collar stands still (the zero check, if its position sensor has not seen them at once), a home
     * switch that no longer closes (the zero check), an identity EEPROM that stops answering (the
     * start's identity check).
     */
    static final Set<SimFault> LATENT_FAULTS = EnumSet.of(SimFault.COLLAR_STEPS_LOST,
            SimFault.HOME_SWITCH_STUCK_RELEASED, SimFault.HANDPIECE_ID_SILENT);
    /**
     * Faults that happen once and are over: a clock that jumped (it reads on from where it jumped
     * to), a collar pushed back (re-homing finds its new zero), the collar's driver reset (re-homing
     * makes its count anew), index edges lost (five) or handed over late (for 200 ms) by the platform.
     * Once the firmware has faulted and the pen re-homed, the runs after it are ordinary.
     */
    static final Set<SimFault> ONE_OFF_FAULTS = EnumSet.of(SimFault.CLOCK_JUMPED, SimFault.COLLAR_PUSHED_BACK,
            SimFault.COLLAR_DRIVER_RESET, SimFault.INDEX_EDGES_LOST, SimFault.INDEX_READER_STALLED);

    /**
     * How much deeper than set a fault moves the tips at once, before any software can act (the
     * firmware's part is to see it and stop the needles within the bound): skin pressure pushing the
     * collar 0.3 mm back; a collar walking 0.5 mm/s, which its position sensor finds within 0.02 mm
     * standing still but, while the collar moves on a command, only past 0.049 mm (the press's give,
     * the lead screw's periodic error, the sensor's non-linearity) plus the unit's measured scale's
     * part (0.02 mm over the span it was measured on) plus the walk in the ticks that takes: 0.075 mm,
     * the bound docs/safety.md states for H41 (0.1 mm before the scale was measured; seed 99 then found
     * 0.18 mm); a driver that shorts strokes the needles whatever the
     * collar is doing, until F13 and the enable timer stop it: if the collar is still on its way
     * (homing, a move to a new depth), it has not yet settled on the flank the skin's press bears on,
     * and the press takes up the play and the thread's give first (0.03 + 0.015 mm at 10 N, H42).
     */
    static double instantHarmMm(SimFault fault) {
        return switch (fault) {
            case COLLAR_PUSHED_BACK -> 0.3;
            case COLLAR_WALKED -> 0.075;
            case DRIVER_SHORTED -> 0.045;
            // a spring that breaks lets the carrier fly off the cam at once: the tips pass the set depth by up to
            // the stroke before any software can act (H34); the firmware's part is F25 and the stop
            case SPRING_BROKEN -> 3.0;
            // an index that lies at rest: a cracked magnet's fragment at the cam's top, injected into a run stopped
            // before F31 could judge the pattern (44 ms), or a sensor stuck active while the cam brakes, is taken for
            // the index by parking (H46's and H44's residuals): the cam rests at its top with the tips out at the set
            // depth, and every approach of the collar from the deep side (DepthPositioner's 0.1 mm leg, in the zero
            // check) then shows at the tips (found once the sim handed edges over late: 1.0201 and 1.0501 mm with
            // 1.000 set; 0.0202 mm with 0.000 set). Not mended: docs/safety.md H44, H46
            case INDEX_SPURIOUS_EDGES, INDEX_STUCK_ACTIVE -> 0.1;
            default -> 0.0;
        };
    }

    /**
     * The pen a sequence runs on, drawn per sequence: one of {@link #UNITS} (each with its own
     * collar imperfections, current-monitor offset and identity, calibrated as a technician would),
     * at the profile's rotor inertia or a light rotor of 1.0e-7 kg m² (rotor plus cam at their
     * lightest: the fastest runaway and the quickest reversals), at the nominal supply or the
     * profile's lowest allowed one, with the winding at ambient or as resistive as at the profile's
     * hottest winding ({@code motor.maxWindingCelsius}: 31 % above 20 °C on the sim profile, so less
     * current, torque, braking and current swing for the same speed). The hot winding is drawn as a
     * resistance only: the sim's thermal model still starts the winding at ambient.
     */
    record Unit(int unit, boolean lightRotor, boolean lowSupply, boolean hotWinding) {
        static final Unit NOMINAL = new Unit(0, false, false, false);

        /** A unit with a winding at its usual (ambient) resistance. */
        Unit(int unit, boolean lightRotor, boolean lowSupply) {
            this(unit, lightRotor, lowSupply, false);
        }

        String serial() {
            return UNITS.get(unit);
        }

        String asJava() {
            return "new SafetyProperties.Unit(" + unit + ", " + lightRotor + ", " + lowSupply + ", " + hotWinding + ")";
        }
    }

    /**
     * The units drawn: the profile's own and two others, np-sim-0155 among them (its current monitor
     * reads furthest off zero). Drawn before this stop's fix, np-sim-0155 stood 0.0202 mm deeper than
     * set at 0.5 mm in READY after a fault and re-homing, on skin: a cam the fault's brake left at its
     * top, its tips at the set depth plus the calibration's error there; re-homing now parks the cam
     * (H42), and READY has the tips hidden.
     */
    static final List<String> UNITS = List.of("np-sim-0001", "np-sim-0007", "np-sim-0155");
    /** The light rotor of a worst-case unit, kg m². */
    static final double LIGHT_ROTOR_KG_M2 = 1.0e-7;
    private static final java.util.Map<String, Calibration> CALIBRATIONS = new java.util.concurrent.ConcurrentHashMap<>();
    /** After an injected fault the shaft must be at rest and the tips hidden within this. */
    static final long FAULT_BOUND_NANOS = 500_000_000L;
    /**
     * A spring broken before a run is judged once the run has spun up, from three 64 ms blocks of
     * current (H34: 440 to 564 ms after the start, SpringFailureTest): its bound counts from the start.
     */
    static final long SPRING_BOUND_NANOS = 700_000_000L;

    /**
     * A spring too weak to turn a stopped cam to its bottom leaves parking (in FAULT, after F25) to
     * nudge it there: up to about 1.5 s (H34), against the 300 ms a sound spring needs.
     */
    static long stopGraceNanos(PenState state, SimFault injected) {
        return state == PenState.FAULT && injected == SimFault.SPRING_BROKEN ? 2_000_000_000L : STOP_GRACE_NANOS;
    }

    /**
     * An index sensor that lies (stuck active, missing or adding passes) is judged against the motor's
     * back-EMF, whose rate is known only within the winding's resistance (20 to 100 °C: 31 %), so the
     * missed-edges line is set where the hottest winding still excuses the index. At a set rate below
     * {@value #INDEX_SLOW_BELOW_HZ} Hz, a sensor missing every other pass from a run's first millisecond
     * reads half the shaft's rate close to that line, and F32 needs up to 484 ms, the park 77 ms more
     * (IndexSensorFaultTest, H45: 561 ms at 50 Hz; 300 ms at 65 Hz): the bound there is 650 ms, as
     * H45's row states.
     */
    static final long INDEX_SLOW_BOUND_NANOS = 650_000_000L;
    static final double INDEX_SLOW_BELOW_HZ = 65.0;
    static final Set<SimFault> INDEX_FAULTS = EnumSet.of(SimFault.INDEX_STUCK_ACTIVE, SimFault.INDEX_MISSED_EDGES,
            SimFault.INDEX_SPURIOUS_EDGES);

    static long boundNanos(SimFault fault, double setRateHz) {
        if (fault == SimFault.SPRING_BROKEN) {
            return SPRING_BOUND_NANOS;
        }
        // not a number (no rate): the longer bound
        return INDEX_FAULTS.contains(fault) && !(setRateHz >= INDEX_SLOW_BELOW_HZ) ? INDEX_SLOW_BOUND_NANOS
                : FAULT_BOUND_NANOS;
    }

    /**
     * Invariant 4: a run never strokes faster than this times the set rate plus {@link #PACE_MARGIN_HZ}
     * (the true shaft rate, smoothed over {@link #PACE_SMOOTHING_NANOS}) for longer than {@link
     * #FAULT_BOUND_NANOS}. A quarter more needles per second than chosen is the least the firmware
     * calls a runaway (H32); the soft start overshoots by a few per cent and a lowered rate is
     * reached within tens of milliseconds.
     */
    static final double PACE_FACTOR = 1.25;
    static final double PACE_MARGIN_HZ = 5.0;
    static final long PACE_SMOOTHING_NANOS = 20_000_000L;

    /**
     * Faults whose harm is the pace, not motion itself: a PWM duty latched at about 60 % runs the sim
     * pen at about 110 Hz whatever the firmware asks. At a set rate near that (or above it, the run
     * then slower than set, which F04 reports) nothing is wrong with the needles and nothing can show
     * the latch: the shaft turns as it should. Invariant 3 (at rest within the bound) would ask the
     * firmware to see what no sensor shows; invariant 4 holds it to the harm, strokes faster than set.
     */
    static final Set<SimFault> PACE_FAULTS = EnumSet.of(SimFault.DUTY_STUCK);

    /** Leaving a moving state, the brake and the park get this long before the shaft must be still. */
    static final long STOP_GRACE_NANOS = 300_000_000L;

    private static DeviceProfile profile;
    /** {@code -Dnp.property.trace=true} prints each state change of a sequence (to read a counterexample). */
    static boolean trace = Boolean.getBoolean("np.property.trace");
    /** With {@link #trace}, also prints the shaft every this many ms (0: never). */
    static int traceEvery;
    static boolean OLD_TURN_RULE = Boolean.getBoolean("H2_OLD");

    private SafetyProperties() {
    }

    /** The sim profile with a quick collar (so each sequence homes fast) and depths up to 2.5 mm unlocked. */
    static synchronized DeviceProfile profile() {
        if (profile == null) {
            String yaml = new String(readResource()).replace("unlockAboveCeiling: false", "unlockAboveCeiling: true")
                    .replace("maxSpeedMmPerS: 2.0", "maxSpeedMmPerS: 20.0");
            profile = ProfileLoader.parse(yaml, "sim-property.yaml");
            // the units the sequences run on, each calibrated as a technician would (not from its parameters)
            for (String serial : UNITS) {
                Calibration c = TechnicianCalibration.of(profile, serial);
                CALIBRATIONS.put(serial, c);
                System.out.printf(Locale.ROOT, "safety property's unit %s: calibrated through CALIBRATING, %d gauge"
                        + " readings, worst leave-one-out residual %.4f mm%n", serial, c.points().size(), c.worstResidualMm());
            }
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
    record Outcome(String violation, boolean ranNeedles, boolean injectedWhileRunning, boolean latchedFault,
                   double windingShortfallK) {
        Outcome(String violation, boolean ranNeedles, boolean injectedWhileRunning, boolean latchedFault) {
            this(violation, ranNeedles, injectedWhileRunning, latchedFault, Double.NEGATIVE_INFINITY);
        }
    }

    /**
     * One drawn case: the noise seed of the simulated pen's run (index jitter, switch repeatability)
     * and the sequence, printed as the Java that makes it again (paste it into
     * {@code SafetyPropertyRegressionTest} to keep a counterexample: {@code trial.run(SafetyChecks::standard)}).
     */
    record Trial(long noiseSeed, Unit unit, List<Action> actions) {

        /** A sequence on the profile's own unit, nominal. */
        Trial(long noiseSeed, List<Action> actions) {
            this(noiseSeed, Unit.NOMINAL, actions);
        }

        Outcome run(Function<SafetyInputs, List<SafetyCheck>> checks) {
            return SafetyProperties.run(actions, checks, noiseSeed, unit);
        }

        String asJava() {
            StringBuilder java = new StringBuilder("new SafetyProperties.Trial(").append(noiseSeed).append("L, ")
                    .append(unit.asJava()).append(", List.of(");
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
        return run(actions, checks, seed, Unit.NOMINAL).violation();
    }

    /** Runs the sequence with the pen's run noise drawn from {@code seed}, checking the invariants every millisecond. */
    static Outcome run(List<Action> actions, Function<SafetyInputs, List<SafetyCheck>> checks, long seed, Unit unit) {
        DeviceProfile p = profile();
        SimParameters params = SimulatedPenFactory.parameters(p, 12, unit.serial(), seed);
        var m = params.motor();
        double hot = unit.hotWinding() ? p.motorLimits().hotResistanceOhm() / p.motor().resistanceOhm20C() : 1.0;
        var motor = new SimParameters.Motor(m.torqueConstantNmPerA(), m.resistanceOhm20C() * hot,
                unit.lightRotor() ? LIGHT_ROTOR_KG_M2 : m.inertiaKgM2(), m.frictionTorqueNm(), m.staticFrictionTorqueNm(),
                m.viscousNmPerRadPerS(), m.deadmanNanos(), m.enableTimerNanos());
        double supply = unit.lowSupply() ? p.supply().minVolts() : params.supplyVolts();
        SimPen pen = new SimPen(new SimParameters(motor, params.cam(), params.skin(), params.index(),
                params.collar(), params.thermal(), supply, 20_000L, params.gaugeSigmaMm(), params.seed()),
                SimulatedPenFactory.SIM_EPOCH_MILLIS, SimulatedPenFactory.handpieceIdOf(unit.serial()));
        Calibration own = CALIBRATIONS.get(unit.serial());
        java.util.concurrent.atomic.AtomicReference<com.needlepen.firmware.drive.StrokeDrive> drive =
                new java.util.concurrent.atomic.AtomicReference<>();
        var assembled = PenBench.assemble(pen, p, a -> a.settings(1.0, 100).calibration(DepthCalibration.of(own))
                .safetyChecksForTest(in -> {
                    drive.set(in.drive());
                    return checks.apply(in);
                }));
        PenController c = assembled.controller();
        SimulationRunner runner = assembled.runner();
        SimHandle sim = pen.handle();
        if (windingPathLost(seed)) {
            sim.inject(SimFault.WINDING_HOT);
        }
        sim.setFollowerFriction(followerFriction(seed));
        sim.insertCartridge(new CartridgeInfo("PROP", 12));
        if (!runner.runUntil(() -> c.status().readyToStart(), 10_000_000_000L)) {
            return new Outcome("never READY", false, false, false);
        }
        Watch watch = new Watch(p.calibration().toleranceMm());
        watch.drive = drive.get();
        // the depth the collar stands at when the sequence begins: a first change moves it from there
        watch.lastSetDepthMm = c.status().depthMm();
        watch.allowedDepthMm = watch.lastSetDepthMm;
        watch.depthSettledAt = runner.nowNanos();
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
        return new Outcome(null, watch.ran, watch.injectedRunning, watch.faulted, watch.windingShortfallK);
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
        long excursionsAtStill;
        double allowedDepthMm = Double.NaN;
        double lastSetDepthMm = Double.NaN;
        long depthSettledAt;
        long runStartAt = Long.MIN_VALUE;
        boolean rehomed;
        double smoothedRateHz;
        long lastCheckAt = Long.MIN_VALUE;
        long fastSince = Long.MIN_VALUE;
        com.needlepen.firmware.drive.StrokeDrive drive;
        /** The most the winding's estimate was below the truth while running, K (for the figures). */
        double windingShortfallK = Double.NEGATIVE_INFINITY;

        Watch(double toleranceMm) {
            this.toleranceMm = toleranceMm;
        }

        String check(long now, PenController c, SimHandle sim) {
            PenState state = c.status().state();
            if (state != lastState) {
                if (trace) {
                    System.out.printf(Locale.ROOT, "trace %6d ms %s -> %s %s %s; set %.3f mm %.0f Hz; tips %.4f mm, shaft %.1f Hz, injected %s%n",
                            now / 1_000_000, lastState, state, c.status().fault(), c.status().faultDetail(),
                            c.status().depthMm(), c.status().rateHz(), sim.tipProtrusionMm(), sim.shaftRateHz(), injected);
                }
                lastState = state;
                stateSince = now;
                turnsAtStill = Double.NaN;
                if (state == PenState.HOMING && injectedAt != Long.MIN_VALUE) {
                    rehomed = true; // a new zero: the lost steps no longer matter
                }
                if (state == PenState.RUNNING) {
                    runStartAt = now;
                    if (LATENT_FAULTS.contains(injected) && !rehomed) {
                        // a latent fault must be found before a run starts (or the run never start)
                        return "a run started after " + injected + " without the zero check finding it";
                    }
                }
            }
            if (trace && traceEvery > 0 && (now / 1_000_000) % traceEvery == 0) {
                System.out.printf(Locale.ROOT, "trace   %6d ms   %s turns %.3f shaft %.1f Hz tips %.4f mm duty %.3f enabled %s%n",
                        now / 1_000_000, state, sim.shaftTurns(), sim.shaftRateHz(), sim.tipProtrusionMm(),
                        c.status().dutyFraction(), sim.motorDriverEnabled());
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
            double harm = injectedAt != Long.MIN_VALUE ? instantHarmMm(injected) : 0.0;
            if (!calibratingLimits && sim.tipProtrusionMm() > allowedDepthMm + toleranceMm + harm) {
                return String.format(Locale.ROOT,
                        "tips at %.4f mm past the set %.3f mm (collar truly at %.4f mm, %s, %.1f Hz, carrier on cam %s)",
                        sim.tipProtrusionMm(), allowedDepthMm, sim.trueDepthMm(), state, sim.shaftRateHz(),
                        sim.carrierOnCam());
            }
            // 2. the motor turns only when it may
            boolean mayTurn = state == PenState.RUNNING || state == PenState.STOPPING || state == PenState.CALIBRATING
                    || state == PenState.BOOT;
            // a fault that drives the motor (a shorted driver) turns it until the firmware and the enable timer
            // stop it: that is held to the fault's bound (3.), and the shaft must be still after it
            boolean faultsBound = injectedAt != Long.MIN_VALUE && now - injectedAt <= FAULT_BOUND_NANOS;
            if (faultsBound) {
                turnsAtStill = Double.NaN;
            } else if (!mayTurn && now - stateSince > stopGraceNanos(state, injected)) {
                // the spring returning a cam braked near its top to its bottom turns the shaft up to half a turn
                // (and past the bottom as it settles) and draws the needles in: no stroke, not the motor. Turning
                // more than half a turn is the motor's doing if the tips came out again on the way, or it was a
                // full turn
                double turned = Double.isNaN(turnsAtStill) ? 0.0 : Math.abs(sim.shaftTurns() - turnsAtStill);
                if (Double.isNaN(turnsAtStill)) {
                    turnsAtStill = sim.shaftTurns();
                    excursionsAtStill = sim.trueExcursions();
                } else if (turned > 1.0 || turned > 0.5 && (OLD_TURN_RULE || sim.trueExcursions() > excursionsAtStill)) {
                    return "the shaft turned in " + state;
                }
            }
            // 4. the pace: never a quarter (plus 5 Hz) faster than set for longer than the bound
            double dt = lastCheckAt == Long.MIN_VALUE ? 0.0 : (now - lastCheckAt) / (double) PACE_SMOOTHING_NANOS;
            lastCheckAt = now;
            smoothedRateHz += (sim.shaftRateHz() - smoothedRateHz) * Math.min(1.0, dt);
            if (state == PenState.RUNNING && smoothedRateHz > PACE_FACTOR * c.status().rateHz() + PACE_MARGIN_HZ) {
                if (fastSince == Long.MIN_VALUE) {
                    fastSince = now;
                } else if (now - fastSince > FAULT_BOUND_NANOS) {
                    return String.format(Locale.ROOT, "stroking at %.1f Hz with %.1f Hz set for %d ms", smoothedRateHz,
                            c.status().rateHz(), (now - fastSince) / 1_000_000);
                }
            } else {
                fastSince = Long.MIN_VALUE;
            }
            // 5. the winding: while running its estimate is never cooler than the truth by more than the margin
            if (state == PenState.RUNNING && drive != null) {
                double shortfall = sim.windingCelsius() - drive.windingEstimate().celsius();
                // not "shortfall > margin": an estimate that is not a number breaks it
                if (!(shortfall <= WINDING_MARGIN_K)) {
                    return String.format(Locale.ROOT, "the winding truly at %.2f °C, estimated %.2f °C while running",
                            sim.windingCelsius(), drive.windingEstimate().celsius());
                }
                windingShortfallK = Math.max(windingShortfallK, shortfall);
            }
            // 3. after an injected fault: at rest within the bound, counted from when the needles move with
            //    it (a fault injected while idle can only show once a run starts)
            long from = Math.max(injectedAt, runStartAt);
            // (a collar fault has its own rule above: found before the next run, or gone with a re-homing)
            boolean over = rehomed && ONE_OFF_FAULTS.contains(injected);
            if (injectedAt != Long.MIN_VALUE && now - from > boundNanos(injected, c.status().rateHz()) && !LATENT_FAULTS.contains(injected)
                    && !SLOW_FAULTS.contains(injected) && !over) {
                // a driver shorted while the needles run at the practitioner's wish drives what is driven already:
                // it shows (H18) when the run stops, and the motor-turns-when-it-may-not rule holds it from then
                boolean heldElsewhere = injected == SimFault.DRIVER_SHORTED && state == PenState.RUNNING;
                // a latched duty's harm is the pace, held by invariant 4
                heldElsewhere |= PACE_FAULTS.contains(injected) && state == PenState.RUNNING;
                if (!sim.shaftAtRest() && (state == PenState.RUNNING || state == PenState.CALIBRATING) && !heldElsewhere) {
                    return "still turning " + (now - injectedAt) / 1_000_000 + " ms after " + injected;
                }
            }
            return null;
        }
    }
}
