package com.needlepen.firmware;

import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.collar.CollarHoming;
import com.needlepen.firmware.collar.DepthPositioner;
import com.needlepen.firmware.collar.ZeroCheck;
import com.needlepen.firmware.drive.CamParker;
import com.needlepen.firmware.drive.CamStepper;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.safety.SafetySupervisor;
import com.needlepen.firmware.session.CartridgeLedger;
import com.needlepen.firmware.session.SessionRecorder;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.BuzzerPattern;
import com.needlepen.hal.HoldCurrent;
import com.needlepen.hal.LedPattern;
import com.needlepen.hal.PenHardware;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The control loop: one {@link #tick(long)} per period on the thread that owns the hardware. Each
 * tick reads inputs (index edges, panel, requests handed over by other threads), runs the state
 * machine (each state has enter / periodic / exit), then the safety supervisor, which has the last
 * word, then the drive's regulator and dead-man, and hands a sample to telemetry. A steady RUNNING
 * tick allocates nothing.
 *
 * <p>The states live here; the way into a run (start checks, CHECKING) is {@link RunGate}'s, the
 * practitioner's settings, confirmations and the session are {@link Treatment}'s, and the
 * technician's commands are {@link TechnicianCommands}'s.
 */
public final class PenController implements LoopControl {

    /** How long a panel level must hold before it counts. */
    public static final long DEBOUNCE_NANOS = PanelInputs.DEBOUNCE_NANOS;

    private boolean shutdownRequested;
    private volatile boolean shutDown;
    private final TickTrace trace;
    private final DeviceProfile profile;
    private final PenHardware hw;
    private final SettingsPolicy policy;
    private final StrokeDrive drive;
    private final DepthPositioner positioner;
    private final CollarHoming homing;
    private final ZeroCheck zeroCheck;
    private final RunGate gate;
    private final CamParker parker;
    private final CamStepper camStepper;
    private final SafetySupervisor supervisor;
    private final SessionRecorder sessions;
    private final PanelCommands panelCommands;
    private final Commands commands = new ControllerCommands();
    private final RunOutputs outputs;
    private final ControllerEvents events;
    private final StartChecks startChecks;
    private final TechnicianCommands technician;
    private final SpinUp spinUp;
    private final DepthUnlock unlock;
    private final ThermalDerating derating;
    private final CartridgeAcceptance acceptance;
    private final Treatment treatment;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();

    private PenState state = PenState.BOOT;
    private boolean entered;
    private FaultCode fault;
    private String faultDetail;
    private boolean acknowledged;
    private String lastRefusal;
    private long stopRequestedNanos;
    private long runStartNanos;
    private long lastStopToParkedNanos = -1;

    /** The system watchdog's timeout: a hung system is rebooted (the needles stopped long before). */
    static final long WATCHDOG_NANOS = 2_000_000_000L;

    /** The cam's speed while calibrating: slow enough for a max-hold gauge to follow. */
    public static final double CALIBRATION_RATE_HZ = 1.5;

    private final DepthCalibration calibration;

    /**
     * @param initialDepthMm at most the ceiling: deeper depths need the practitioner's confirmation
     * @param ledger         the cartridges used in earlier sessions (on the pen, a file in its data
     *                       directory)
     */
    public PenController(DeviceProfile profile, PenHardware hardware, TelemetrySink telemetry,
                         double initialDepthMm, double initialRateHz, DepthCalibration calibration,
                         CartridgeLedger ledger) {
        this(profile, hardware, telemetry, initialDepthMm, initialRateHz, calibration, ledger, SafetyChecks::standard);
    }

    /**
     * With a chosen set of safety checks: for tests that show what one mitigation prevents by
     * leaving it out. The firmware itself always uses {@link SafetyChecks#standard} (an
     * architecture test holds every other caller to test code).
     */
    public PenController(DeviceProfile profile, PenHardware hardware, TelemetrySink telemetry,
                         double initialDepthMm, double initialRateHz, DepthCalibration calibration,
                         CartridgeLedger ledger, Function<SafetyInputs, List<SafetyCheck>> safetyChecks) {
        this(profile, hardware, telemetry, initialDepthMm, initialRateHz, calibration, ledger, safetyChecks,
                TickTrace.system());
    }

    /** With chosen checks and a trace on a clock of the test's (tests of the loop's timing, in virtual time). */
    public PenController(DeviceProfile profile, PenHardware hardware, TelemetrySink telemetry,
                         double initialDepthMm, double initialRateHz, DepthCalibration calibration,
                         CartridgeLedger ledger, Function<SafetyInputs, List<SafetyCheck>> safetyChecks,
                         TickTrace trace) {
        this.calibration = calibration;
        this.trace = trace;
        this.unlock = new DepthUnlock(profile);
        this.derating = new ThermalDerating(profile.safety(), hardware.sensors());
        if (initialDepthMm > unlock.limitMm() + 1e-9) {
            throw new IllegalArgumentException("initial depth " + initialDepthMm + " mm is above the " + unlock.limitMm()
                    + " mm ceiling: deeper depths need the practitioner's confirmation on the panel");
        }
        this.acceptance = new CartridgeAcceptance(hardware.cartridge(), ledger);
        this.profile = profile;
        this.hw = hardware;
        this.policy = new SettingsPolicy(profile);
        this.drive = new StrokeDrive(hardware.motor(), hardware.index(), hardware.sensors(), profile);
        this.positioner = new DepthPositioner(hardware.collar(), profile.collar(), calibration.map(), unlock.limitMm());
        this.homing = new CollarHoming(hardware.collar(), profile.collar());
        this.zeroCheck = new ZeroCheck(hardware.collar(), profile.collar(), profile.tuning().zeroCheck());
        this.parker = new CamParker(drive, profile.tuning());
        this.camStepper = new CamStepper(drive, profile.tuning());
        this.spinUp = new SpinUp(profile.tuning().spinUp());
        this.supervisor = new SafetySupervisor(safetyChecks.apply(new SafetyInputs(profile, drive, positioner,
                hardware.collar(), zeroCheck, hardware.sensors(), hardware.cartridge(), trace)));
        this.sessions = new SessionRecorder(profile.telemetry().deviceId(), telemetry);
        this.events = new ControllerEvents(telemetry, sessions, hardware.clock());
        this.startChecks = new StartChecks(profile, policy, calibration, hardware.cartridge(), positioner);
        this.technician = new TechnicianCommands(profile, positioner, hardware.cartridge(), sessions, this);
        this.panelCommands = new PanelCommands(new PanelInputs(hardware.panel()), profile);
        this.outputs = new RunOutputs(hardware, drive, positioner, telemetry, profile.telemetry().sampleRateHz());
        this.treatment = new Treatment(hardware, policy, startChecks, unlock, derating, acceptance, sessions,
                events, positioner, drive, spinUp, calibration.id(), this, initialDepthMm, initialRateHz);
        this.gate = new RunGate(profile, hardware, zeroCheck, positioner, startChecks, acceptance, treatment, sessions,
                events, this);
    }

    /** Hands a request to the control thread; safe from any thread. */
    public void submit(Request request) {
        requests.add(request);
    }

    /** One control period. {@code nowNanos} comes from the hardware clock. */
    public void tick(long nowNanos) {
        // phases are marked as they finish (see TickTrace): the overrun check names the one that ran long
        if (!entered) {
            hw.watchdog().start(WATCHDOG_NANOS);
            hw.watchdog().feed(nowNanos);
            enter(state, nowNanos);
            entered = true;
        }
        drive.readEdges();
        positioner.track();
        acceptance.track();
        panelCommands.apply(nowNanos, commands);
        trace.phaseDone(TickTrace.Phase.INPUTS);
        Request r;
        while ((r = requests.poll()) != null) {
            handle(r, nowNanos);
        }
        treatment.followTemperature(nowNanos);
        PenState next = periodic(state, nowNanos);
        if (next != state) {
            transition(next, nowNanos);
        }
        if (shutdownRequested && !shutDown) {
            shutDown = shutdownStep(nowNanos);
        }
        trace.phaseDone(TickTrace.Phase.STATES);
        // the checks run in every state so their timers stay true; in FAULT one fault is latched already
        FaultCode found = supervisor.check(nowNanos, state);
        if (found != null && state != PenState.FAULT) {
            latch(found, supervisor.detail(), nowNanos);
        }
        trace.phaseDone(TickTrace.Phase.SAFETY);
        drive.periodic(nowNanos);
        // the layers outside the JVM are fed by the loop itself: a loop that stops stops feeding them.
        // A fault that suspects the drive stops feeding the enable timer on purpose: 100 ms later the
        // hardware holds the driver off and opens the motor supply, which a shorted driver cannot resist.
        if (state != PenState.FAULT || !fault.driveSuspect()) {
            hw.enableTimer().feed(nowNanos);
        }
        hw.watchdog().feed(nowNanos);
        trace.phaseDone(TickTrace.Phase.DRIVE);
        outputs.sample(nowNanos, state, treatment.depthMm(), treatment.rateHz());
        outputs.display(nowNanos, state, treatment.depthMm(), treatment.rateHz());
        trace.phaseDone(TickTrace.Phase.OUTPUTS);
    }

    /**
     * One tick of a requested shutdown: done once the needles are at rest with the tips hidden (READY
     * after parking, or FAULT) or never moved (BOOT, HOMING), with the drive disabled and the session
     * closed.
     */
    private boolean shutdownStep(long now) {
        switch (state) {
            case READY, FAULT, BOOT, HOMING -> {
                if (sessions.current() != null) {
                    treatment.closeSession(now, "shutdown");
                }
                drive.disable();
                return true;
            }
            default -> {
                return false; // STOPPING parks first; RUNNING, CHECKING, CALIBRATING were told to stop
            }
        }
    }

    /** Whether a requested shutdown has finished: needles at rest and hidden, drive off, session closed. */
    public boolean shutDown() {
        return shutDown;
    }

    /**
     * Where this controller's ticks spend their time; a loop runner opens and closes each tick in it
     * (without one, the marks cost a branch and record nothing).
     */
    public TickTrace trace() {
        return trace;
    }

    // ---------------------------------------------------------------- states

    private void enter(PenState s, long now) {
        switch (s) {
            case BOOT -> {
                drive.disable();
                hw.collar().setHoldCurrent(HoldCurrent.REDUCED);
                hw.indicators().setLed(LedPattern.BUSY);
                parker.start(now);
            }
            case HOMING -> {
                drive.disable();
                gate.homingStarted();
                hw.indicators().setLed(LedPattern.BUSY);
                positioner.setLimitMm(unlock.limitMm());
                positioner.clearViolation();
                homing.start(now);
            }
            case READY -> {
                positioner.setLimitMm(unlock.limitMm());
                positioner.moveTo(treatment.depthMm());
                hw.collar().setHoldCurrent(HoldCurrent.REDUCED);
                hw.indicators().setLed(LedPattern.READY);
                hw.indicators().setBuzzer(BuzzerPattern.SILENT);
            }
            case CHECKING -> gate.checkingEntered(now);
            case RUNNING -> {
                hw.collar().setHoldCurrent(HoldCurrent.FULL);
                hw.indicators().setLed(LedPattern.RUNNING);
                gate.runEntered();
                spinUp.restart();
                runStartNanos = now;
                sessions.runStarted(now, drive.strokes());
                supervisor.runStarted(now);
                drive.startRun(now, treatment.rateHz());
                outputs.runStarted(now);
                events.event("run.start", now).with("depthMm", treatment.depthMm()).with("rateHz", treatment.rateHz())
                        .send();
            }
            case STOPPING -> {
                stopRequestedNanos = now;
                parker.start(now);
            }
            case CALIBRATING -> {
                hw.collar().setHoldCurrent(HoldCurrent.FULL);
                hw.indicators().setLed(LedPattern.BUSY);
                positioner.setNominalAbsoluteLimit();
                supervisor.runStarted(now);
                camStepper.start(now, CALIBRATION_RATE_HZ);
                events.event("calibration.start", now).with("rateHz", CALIBRATION_RATE_HZ).send();
            }
            case FAULT -> {
                drive.disable();
                acknowledged = false;
                hw.indicators().setLed(LedPattern.FAULT);
                hw.indicators().setBuzzer(BuzzerPattern.ALARM);
                parker.start(now);
                onFaultLatched(now);
                treatment.relock(now);
            }
        }
    }

    private PenState periodic(PenState s, long now) {
        return switch (s) {
            case BOOT -> switch (parker.periodic(now)) {
                case PARKED -> PenState.HOMING;
                case FAILED -> faultNext(FaultCode.F10_PARK_FAILED, "at power-on", now);
                case BUSY -> PenState.BOOT;
            };
            case HOMING -> switch (homing.periodic(now)) {
                case DONE -> {
                    gate.homed();
                    yield PenState.READY;
                }
                case FAILED -> faultNext(FaultCode.F01_HOMING_FAILED, homing.failure(), now);
                default -> PenState.HOMING;
            };
            case READY -> {
                positioner.periodic();
                if (sessions.current() != null && !hw.cartridge().isPresent()) {
                    // one session, one cartridge: taking it out ends the treatment
                    treatment.closeSession(now, "cartridge removed");
                }
                yield PenState.READY;
            }
            case CHECKING -> gate.checking(now);
            case RUNNING -> {
                positioner.periodic();
                trackSpinUp(now);
                yield PenState.RUNNING;
            }
            case CALIBRATING -> {
                positioner.periodic();
                yield camStepper.periodic(now) == CamStepper.Result.STALLED
                        ? faultNext(FaultCode.F02_CAM_JAMMED, "the cam did not turn at calibration speed", now)
                        : PenState.CALIBRATING;
            }
            case STOPPING -> switch (parker.periodic(now)) {
                case PARKED -> {
                    lastStopToParkedNanos = parker.parkedAtNanos() - stopRequestedNanos;
                    yield PenState.READY;
                }
                case FAILED -> faultNext(FaultCode.F10_PARK_FAILED, "after stop", now);
                case BUSY -> PenState.STOPPING;
            };
            case FAULT -> {
                if (!fault.driveSuspect()) {
                    parker.periodic(now); // parks once the shaft is still; stays braked otherwise
                }
                yield acknowledged ? PenState.HOMING : PenState.FAULT;
            }
        };
    }

    private void exit(PenState s, long now) {
        switch (s) {
            case RUNNING, CALIBRATING -> drive.brake();
            case STOPPING -> {
                drive.disable();
                if (sessions.runActive()) {
                    sessions.runEnded(now, drive.strokes(), treatment.depthMm(), treatment.rateHz(), "stopped");
                    events.event("run.end", now).with("reason", "stopped")
                            .with("stopToParkedMs", lastStopToParkedNanos / 1e6).send();
                }
            }
            case FAULT -> {
                drive.disable();
                fault = null;
                faultDetail = null;
                hw.indicators().setBuzzer(BuzzerPattern.SILENT);
            }
            default -> {
            }
        }
    }

    @Override
    public void transition(PenState next, long now) {
        exit(state, now);
        state = next;
        supervisor.stateEntered(next, now);
        enter(next, now);
    }

    private void trackSpinUp(long now) {
        long since = spinUp.update(now, drive.hasMeasurement(), drive.referenceHz(), drive.measuredRateHz(now), treatment.rateHz());
        if (since != Long.MIN_VALUE) {
            sessions.spinUpDone(since);
            supervisor.spunUp();
        }
    }

    // ---------------------------------------------------------------- faults

    private PenState faultNext(FaultCode code, String detail, long now) {
        fault = code;
        faultDetail = detail;
        return PenState.FAULT;
    }

    private void latch(FaultCode code, String detail, long now) {
        fault = code;
        faultDetail = detail;
        transition(PenState.FAULT, now);
    }

    private void onFaultLatched(long now) {
        String reason = "fault " + fault.shortCode() + ": " + fault.description()
                + (faultDetail == null ? "" : " (" + faultDetail + ")");
        if (sessions.runActive()) {
            sessions.runEnded(now, drive.strokes(), treatment.depthMm(), treatment.rateHz(), reason);
        }
        hw.display().writeLine(3, fault.shortCode() + " " + fault.description());
        events.event("fault", now).with("code", fault.shortCode()).with("description", fault.description())
                .with("detail", faultDetail == null ? "" : faultDetail).send();
        treatment.closeSession(now, reason);
    }

    // ---------------------------------------------------------------- inputs

    private void handle(Request r, long now) {
        switch (r.kind()) {
            case START -> commands.start(now, false);
            case STOP -> commands.stop(now, false);
            case SET_DEPTH -> commands.changeSettings(now, r.value(), treatment.rateHz());
            case SET_RATE -> commands.changeSettings(now, treatment.depthMm(), r.value());
            case SELECT_PRESET -> commands.selectPreset(now, r.name());
            case ACKNOWLEDGE -> commands.acknowledge();
            case END_SESSION -> commands.endSession(now);
            case SHUTDOWN -> {
                shutdownRequested = true;
                commands.stop(now, false);
            }
            case CALIBRATE -> commands.calibrate(now);
            case CALIBRATION_MOVE -> commands.calibrationMove(now, r.value());
            case HOME -> commands.home(now);
            case JOG -> commands.jog(now, r.value());
            case CONFIRM -> commands.confirm(now);
        }
    }

    /** The commands as the operator's inputs and requests reach them. */
    private final class ControllerCommands implements Commands {

        @Override
        public void start(long now, boolean byFootswitch) {
            gate.start(now, byFootswitch);
        }

        @Override
        public void stop(long now, boolean byFootswitch) {
            boolean mine = !byFootswitch || gate.runByFootswitch();
            if (state == PenState.RUNNING && mine) {
                transition(PenState.STOPPING, now);
            } else if (state == PenState.CHECKING && mine) {
                transition(PenState.READY, now); // the needles never moved: nothing to park
            } else if (state == PenState.CALIBRATING && !byFootswitch) {
                transition(PenState.STOPPING, now); // the panel's stop ends a calibration at once
            }
        }

        @Override
        public void calibrate(long now) {
            technician.calibrate(now);
        }

        @Override
        public void calibrationMove(long now, double nominalDepthMm) {
            technician.calibrationMove(now, nominalDepthMm);
        }

        @Override
        public void home(long now) {
            technician.home(now);
        }

        @Override
        public void jog(long now, double mm) {
            technician.jog(now, mm);
        }

        @Override
        public void changeSettings(long now, double newDepthMm, double newRateHz) {
            treatment.changeSettings(now, newDepthMm, newRateHz);
        }

        @Override
        public void selectPreset(long now, String name) {
            var preset = profile.preset(name);
            if (preset.isEmpty()) {
                refuse(now, "unknown preset '" + name + "'");
            } else {
                treatment.changeSettings(now, preset.get().depthMm(), preset.get().rateHz());
            }
        }

        @Override
        public void confirm(long now) {
            treatment.confirm(now);
        }

        @Override
        public void acknowledge() {
            if (state == PenState.FAULT) {
                acknowledged = true;
            }
        }

        @Override
        public void endSession(long now) {
            gate.endSession(now);
        }

        @Override
        public PenState state() {
            return state;
        }

        @Override
        public double depthMm() {
            return treatment.depthMm();
        }

        @Override
        public double rateHz() {
            return treatment.rateHz();
        }
    }

    @Override
    public void refuse(long now, String why) {
        lastRefusal = why;
        hw.indicators().setBuzzer(BuzzerPattern.REFUSED);
        events.event("input.refused", now).with("reason", why).with("state", state.name()).send();
    }

    // ---------------------------------------------------------------- read-outs (control thread)

    @Override
    public PenState state() {
        return state;
    }

    public long collarSteps() {
        return positioner.collarSteps();
    }

    /** Revolutions the cam has been stepped through while calibrating. */
    public long calibrationRevolutions() {
        return camStepper.revolutions();
    }

    /** Whether the collar has reached its last target. */
    public boolean collarSettled() {
        return positioner.settled();
    }

    public DepthCalibration calibration() {
        return calibration;
    }

    /** The steps at which the home switch closed, in the old frame, at the last homing. */
    public long lastHomingTripSteps() {
        return homing.lastTripSteps();
    }

    /** READY with the collar at the set depth: a start would be accepted. */
    public boolean readyToStart() {
        return state == PenState.READY && positioner.settled();
    }

    /** Whether a run has happened since the collar's count was last proven (ending the session checks it). */
    public boolean zeroCheckDue() {
        return gate.zeroCheckDue();
    }

    public double depthMm() {
        return treatment.depthMm();
    }

    public double rateHz() {
        return treatment.rateHz();
    }

    public double measuredRateHz(long nowNanos) {
        return drive.measuredRateHz(nowNanos);
    }

    public long strokes() {
        return drive.strokes();
    }

    /** When the current (or last) run started. */
    public long runStartNanos() {
        return runStartNanos;
    }

    public boolean spunUp() {
        return spinUp.done();
    }

    /** Zero checks the collar has completed before runs, since power-on. */
    public long zeroChecks() {
        return zeroCheck.checks();
    }

    public FaultCode fault() {
        return fault;
    }

    public String faultDetail() {
        return faultDetail;
    }

    public String lastRefusal() {
        return lastRefusal;
    }

    public long lastStopToParkedNanos() {
        return lastStopToParkedNanos;
    }

    public SessionRecorder sessions() {
        return sessions;
    }

    public double collarDepthMm() {
        return positioner.collarDepthMm();
    }

    public double dutyFraction() {
        return drive.dutyFraction();
    }

    public long samplesOffered() {
        return outputs.samplesOffered();
    }

    public long samplesDropped() {
        return outputs.samplesDropped();
    }

    public SettingsPolicy policy() {
        return policy;
    }
}
