package com.needlepen.firmware;

import com.needlepen.firmware.collar.CollarHoming;
import com.needlepen.firmware.collar.DepthPositioner;
import com.needlepen.firmware.collar.ZeroCheck;
import com.needlepen.firmware.drive.CamStepper;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.panel.Commands;
import com.needlepen.firmware.panel.PanelCommands;
import com.needlepen.firmware.panel.PanelInputs;
import com.needlepen.firmware.panel.RunOutputs;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetySupervisor;
import com.needlepen.firmware.session.SessionRecorder;
import com.needlepen.firmware.state.LoopControl;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.state.StateMachine;
import com.needlepen.firmware.treatment.CartridgeAcceptance;
import com.needlepen.firmware.treatment.SettingsPolicy;
import com.needlepen.firmware.treatment.SpinUp;
import com.needlepen.firmware.treatment.Treatment;
import com.needlepen.hal.PenHardware;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The control loop: one {@link #tick(long)} per period on the thread that owns the hardware. Each
 * tick reads inputs (index edges, panel, requests handed over by other threads), runs the state
 * machine, then the safety supervisor, which has the last word, then the drive's regulator and the
 * hardware timers, and hands a sample to telemetry. A steady RUNNING tick allocates nothing.
 *
 * <p>Built by {@link PenAssembly}; the states are {@link StateMachine}'s (one class each), the
 * way into a run {@code RunGate}'s, the practitioner's settings and session {@link Treatment}'s.
 * What it shows the world between ticks is one {@link PenStatus}.
 */
public final class PenController {

    /** How long a panel level must hold before it counts. */
    public static final long DEBOUNCE_NANOS = PanelInputs.DEBOUNCE_NANOS;

    /** The system watchdog's timeout: a hung system is rebooted (the needles stopped long before). */
    static final long WATCHDOG_NANOS = 2_000_000_000L;

    /** What the loop owns; {@link PenAssembly} builds it. */
    record Parts(PenHardware hw, TickTrace trace, StrokeDrive drive, DepthPositioner positioner, CollarHoming homing,
                 ZeroCheck zeroCheck, CamStepper camStepper, SpinUp spinUp, CartridgeAcceptance acceptance,
                 PanelCommands panelCommands, Treatment treatment, SafetySupervisor supervisor, RunOutputs outputs,
                 SessionRecorder sessions, LoopControl control, StateMachine machine, DepthCalibration calibration,
                 SettingsPolicy policy) {
    }

    private final Parts p;
    private final PenHardware hw;
    private final StateMachine machine;
    private final Commands commands;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();

    private boolean begun;
    private long ticks;
    private long lastTickNanos;
    private volatile Thread loopThread;
    private volatile PenStatus published;
    private long publishedTick = -1;
    private volatile boolean statusWanted;

    PenController(Parts parts) {
        this.p = parts;
        this.hw = parts.hw();
        this.machine = parts.machine();
        this.commands = machine.commands();
    }

    /** Hands a request to the control thread; safe from any thread. */
    public void submit(Request request) {
        requests.add(request);
    }

    /** One control period. {@code nowNanos} comes from the hardware clock. */
    public void tick(long nowNanos) {
        // phases are marked as they finish (see TickTrace): the overrun check names the one that ran long
        if (!begun) {
            begun = true;
            loopThread = Thread.currentThread();
            hw.watchdog().start(WATCHDOG_NANOS);
            hw.watchdog().feed(nowNanos);
            machine.begin(nowNanos);
        }
        p.drive().readEdges();
        p.positioner().track();
        p.acceptance().track();
        p.panelCommands().apply(nowNanos, commands);
        p.trace().phaseDone(TickTrace.Phase.INPUTS);
        Request r;
        while ((r = requests.poll()) != null) {
            handle(r, nowNanos);
        }
        p.treatment().followTemperature(nowNanos);
        machine.periodic(nowNanos);
        p.trace().phaseDone(TickTrace.Phase.STATES);
        // the checks run in every state so their timers stay true; in FAULT one fault is latched already
        FaultCode found = p.supervisor().check(nowNanos, machine.state());
        if (found != null) {
            machine.latch(found, p.supervisor().detail(), nowNanos);
        }
        p.trace().phaseDone(TickTrace.Phase.SAFETY);
        p.drive().periodic(nowNanos);
        // the layers outside the JVM are fed by the loop itself: a loop that stops stops feeding them.
        // A fault that suspects the drive stops feeding the enable timer on purpose: 100 ms later the
        // hardware holds the driver off and opens the motor supply, which a shorted driver cannot resist.
        // So does a shaft that turns on in FAULT whatever the fault's name (FaultState).
        if (machine.state() != PenState.FAULT || !(machine.fault().driveSuspect() || machine.driveDistrusted())) {
            hw.enableTimer().feed(nowNanos);
        }
        hw.watchdog().feed(nowNanos);
        p.trace().phaseDone(TickTrace.Phase.DRIVE);
        double depth = p.treatment().depthMm();
        double rate = p.treatment().rateHz();
        p.outputs().sample(nowNanos, machine.state(), depth, rate);
        p.outputs().display(nowNanos, machine.state(), depth, rate);
        ticks++;
        lastTickNanos = nowNanos;
        if (statusWanted) {
            statusWanted = false;
            publish(); // a reader on another thread asked: it gets this tick's status at its next look
        }
        p.trace().phaseDone(TickTrace.Phase.OUTPUTS);
    }

    private void handle(Request r, long now) {
        switch (r.kind()) {
            case START -> commands.start(now, false);
            case STOP -> commands.stop(now, false);
            case SET_DEPTH -> commands.changeSettings(now, r.value(), p.treatment().rateHz());
            case SET_RATE -> commands.changeSettings(now, p.treatment().depthMm(), r.value());
            case SELECT_PRESET -> commands.selectPreset(now, r.name());
            case ACKNOWLEDGE -> commands.acknowledge();
            case END_SESSION -> commands.endSession(now);
            case SHUTDOWN -> machine.requestShutdown(now);
            case CALIBRATE -> commands.calibrate(now);
            case CALIBRATION_MOVE -> commands.calibrationMove(now, r.value());
            case HOME -> commands.home(now);
            case JOG -> commands.jog(now, r.value());
            case CONFIRM -> commands.confirm(now);
        }
    }

    // ---------------------------------------------------------------- read-outs

    /**
     * The pen as the last tick left it. On the control thread (and before the first tick) it is
     * taken when first asked for after a tick, so it allocates only when read; another thread gets
     * the status the loop published at the end of a tick after its previous look (at most one tick
     * plus its own interval old). A steady loop nobody reads allocates nothing for it.
     */
    public PenStatus status() {
        if (loopThread == null || Thread.currentThread() == loopThread) {
            if (publishedTick != ticks || published == null) {
                publish();
            }
        } else {
            statusWanted = true;
            if (published == null) {
                return take(); // before any tick: nothing moves yet
            }
        }
        return published;
    }

    private void publish() {
        published = take();
        publishedTick = ticks;
    }

    private PenStatus take() {
        long now = lastTickNanos;
        PenState state = machine.state();
        return new PenStatus(now, state, machine.fault(), machine.faultDetail(), p.control().lastRefusal(),
                p.treatment().depthMm(), p.treatment().rateHz(), p.drive().measuredRateHz(now), p.drive().strokes(),
                p.drive().dutyFraction(), p.positioner().collarSteps(), p.positioner().collarDepthMm(),
                p.positioner().settled(), state == PenState.READY && p.positioner().settled(), p.spinUp().done(),
                machine.runStartNanos(), machine.lastStopToParkedNanos(), p.zeroCheck().checks(),
                machine.zeroCheckDue(), p.camStepper().revolutions(), p.homing().switchOffsetSteps(),
                p.outputs().samplesOffered(), p.outputs().samplesDropped(), machine.shutDown());
    }

    /** Whether a requested shutdown has finished: needles at rest and hidden, drive off, session closed (any thread). */
    public boolean shutDown() {
        return machine.shutDown();
    }

    /**
     * Where this controller's ticks spend their time; a loop runner opens and closes each tick in it
     * (without one, the marks cost a branch and record nothing).
     */
    public TickTrace trace() {
        return p.trace();
    }

    /** The sessions' record (control thread): what the session report reads once the session has ended. */
    public SessionRecorder sessions() {
        return p.sessions();
    }

    /** The calibration this pen was assembled with. */
    public DepthCalibration calibration() {
        return p.calibration();
    }

    /** The profile's rules for depth and rate, as this pen applies them. */
    public SettingsPolicy policy() {
        return p.policy();
    }
}
