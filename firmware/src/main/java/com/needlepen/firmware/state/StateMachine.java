package com.needlepen.firmware.state;

import com.needlepen.firmware.panel.Commands;
import com.needlepen.firmware.safety.FaultCode;
import java.util.EnumMap;
import java.util.Map;

/**
 * The pen's states and the one way between them. Each state's enter / periodic / exit is in its
 * own class; the helpers that decide a change (the gate into a run, the technician's commands)
 * return their decision, and only this class applies it, from the control loop's tick. Nothing
 * else can move the pen: there is no public transition, and an architecture rule lets only the
 * loop ({@code PenController}) call this class.
 */
public final class StateMachine {

    private final StateParts p;
    private final LoopControl control;
    private final FaultLatch faults = new FaultLatch();
    private final Map<PenState, State> states = new EnumMap<>(PenState.class);
    private final RunningState running;
    private final StoppingState stopping;
    private final Commands commands = new MachineCommands();
    private boolean begun;
    private boolean shutdownRequested;
    private volatile boolean shutDown;

    public StateMachine(StateParts parts) {
        this.p = parts;
        this.control = parts.control();
        this.running = new RunningState(parts);
        this.stopping = new StoppingState(parts, faults);
        states.put(PenState.BOOT, new BootState(parts, faults));
        states.put(PenState.HOMING, new HomingState(parts, faults));
        states.put(PenState.READY, new ReadyState(parts));
        states.put(PenState.CHECKING, new CheckingState(parts, faults));
        states.put(PenState.RUNNING, running);
        states.put(PenState.STOPPING, stopping);
        states.put(PenState.CALIBRATING, new CalibratingState(parts, faults));
        states.put(PenState.FAULT, new FaultState(parts, faults));
    }

    /** Enters BOOT, once, at the loop's first tick. */
    public void begin(long now) {
        if (!begun) {
            begun = true;
            states.get(control.state()).enter(now);
        }
    }

    /** The operator's commands, as the panel and the requests reach them; what they decide is applied here. */
    public Commands commands() {
        return commands;
    }

    /** The current state's periodic, and the change it decides; then one step of a requested shutdown. */
    public void periodic(long now) {
        apply(states.get(control.state()).periodic(now), now);
        if (shutdownRequested && !shutDown) {
            shutDown = shutdownStep(now);
        }
    }

    /** Latches a fault the supervisor found (ignored if a fault is latched already). */
    public void latch(FaultCode code, String detail, long now) {
        if (control.state() != PenState.FAULT) {
            apply(faults.latch(code, detail), now);
        }
    }

    /** Stops what is moving, then once at rest, drive off and session closed, {@link #shutDown()}. */
    public void requestShutdown(long now) {
        shutdownRequested = true;
        commands.stop(now, false);
    }

    /** Applies a decision: leaves the current state and enters {@code next}, unless it is the current one. */
    private void apply(PenState next, long now) {
        PenState current = control.state();
        if (next == current) {
            return;
        }
        states.get(current).exit(now);
        control.set(next);
        p.supervisor().stateEntered(next, now);
        states.get(next).enter(now);
    }

    /**
     * One tick of a requested shutdown: done once the needles are at rest with the tips hidden
     * (READY after parking, or FAULT) or never moved (BOOT, HOMING), with the drive disabled and the
     * session closed.
     */
    private boolean shutdownStep(long now) {
        switch (control.state()) {
            case READY, FAULT, BOOT, HOMING -> {
                if (p.sessions().current() != null) {
                    p.treatment().closeSession(now, "shutdown");
                }
                p.drive().disable();
                return true;
            }
            default -> {
                return false; // STOPPING parks first; RUNNING, CHECKING, CALIBRATING were told to stop
            }
        }
    }

    // ---------------------------------------------------------------- read-outs (control thread)

    public PenState state() {
        return control.state();
    }

    public FaultCode fault() {
        return faults.code();
    }

    /** Whether the shaft turned on in FAULT (or parking timed out): the drive is distrusted whatever the fault. */
    public boolean driveDistrusted() {
        return faults.driveDistrusted();
    }

    public String faultDetail() {
        return faults.detail();
    }

    /** Whether a requested shutdown has finished (safe from any thread). */
    public boolean shutDown() {
        return shutDown;
    }

    public long runStartNanos() {
        return running.runStartNanos();
    }

    public long lastStopToParkedNanos() {
        return stopping.lastStopToParkedNanos();
    }

    public boolean zeroCheckDue() {
        return p.gate().zeroCheckDue();
    }

    /** The commands as the operator's inputs and requests reach them. */
    private final class MachineCommands implements Commands {

        @Override
        public void start(long now, boolean byFootswitch) {
            apply(p.gate().start(now, byFootswitch), now);
        }

        @Override
        public void stop(long now, boolean byFootswitch) {
            PenState state = control.state();
            boolean mine = !byFootswitch || p.gate().runByFootswitch();
            if (state == PenState.RUNNING && mine) {
                apply(PenState.STOPPING, now);
            } else if (state == PenState.CHECKING && mine) {
                apply(PenState.READY, now); // the needles never moved: nothing to park
            } else if (state == PenState.CALIBRATING && !byFootswitch) {
                apply(PenState.STOPPING, now); // the panel's stop ends a calibration at once
            }
        }

        @Override
        public void calibrate(long now) {
            apply(p.technician().calibrate(now), now);
        }

        @Override
        public void calibrationMove(long now, double nominalDepthMm) {
            p.technician().calibrationMove(now, nominalDepthMm);
        }

        @Override
        public void home(long now) {
            apply(p.technician().home(now), now);
        }

        @Override
        public void jog(long now, double mm) {
            p.technician().jog(now, mm);
        }

        @Override
        public void changeSettings(long now, double newDepthMm, double newRateHz) {
            p.treatment().changeSettings(now, newDepthMm, newRateHz);
        }

        @Override
        public void selectPreset(long now, String name) {
            var preset = p.profile().preset(name);
            if (preset.isEmpty()) {
                control.refuse(now, "unknown preset '" + name + "'");
            } else {
                p.treatment().changeSettings(now, preset.get().depthMm(), preset.get().rateHz());
            }
        }

        @Override
        public void confirm(long now) {
            p.treatment().confirm(now);
        }

        @Override
        public void acknowledge() {
            if (control.state() == PenState.FAULT) {
                if (faults.code().needsService()) {
                    control.refuse(p.hw().clock().nanoTime(), faults.code().shortCode()
                            + " cannot be acknowledged: " + faults.code().serviceReason()
                            + "; power the pen off and have it serviced");
                } else {
                    faults.acknowledge();
                }
            }
        }

        @Override
        public void endSession(long now) {
            apply(p.gate().endSession(now), now);
        }

        @Override
        public PenState state() {
            return control.state();
        }

        @Override
        public double depthMm() {
            return p.treatment().depthMm();
        }

        @Override
        public double rateHz() {
            return p.treatment().rateHz();
        }
    }
}
