package com.needlepen.tools.sim;

import com.needlepen.firmware.loop.SimulationRunner;
import com.needlepen.config.CartridgeType;
import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.Request;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimHandle;
import com.needlepen.hal.sim.SimPen;

/**
 * A practitioner's treatment session on the simulated pen: insert a cartridge, wait for READY,
 * put the pen on skin, press start, wait out the collar's zero check, let it run, press stop, wait
 * for the cam to park. Measures the sim's truth on the way (mean true rate after spin-up, excursions, peak
 * protrusion, stop-to-parked time).
 */
public final class SessionScenario {

    public static final long READY_TIMEOUT_NANOS = 30_000_000_000L;
    public static final long PARK_TIMEOUT_NANOS = 3_000_000_000L;
    /** The collar's zero check before a run: travel to the home switch and back, with margin. */
    public static final long CHECK_TIMEOUT_NANOS = 10_000_000_000L;
    private static final long PRESS_NANOS = 20_000_000L;
    /** How long the simulation goes on after a fault, so the truth shows where the pen came to rest. */
    public static final long AFTER_FAULT_NANOS = 1_000_000_000L;

    /**
     * What happened: the firmware's mean rate after spin-up (index pulses over time) and the sim's
     * truth (mean true shaft rate over the same span, excursions, peak protrusion, stop to rest).
     */
    public record Outcome(boolean ranToEnd, double firmwareMeanRateHz, double meanTrueRateHz, long trueExcursions,
                          double peakProtrusionMm, double stopToRestMs, boolean tipsHiddenAtEnd,
                          double finalProtrusionMm, String notStarted) {

        /** Whether the needles ran (a run started), whatever ended it. */
        public boolean needlesRan() {
            return notStarted == null;
        }
    }

    /** Told the virtual time the pen became ready to start, before the practitioner presses start. */
    public interface ReadyListener {
        void ready(long nowNanos);
    }

    private ReadyListener readyListener = now -> { };

    private final SimPen pen;
    private final PenController controller;
    private final SimulationRunner runner;
    private final CartridgeType cartridge;
    private final String cartridgeId;
    private double deeperDepthMm = Double.NaN;

    public SessionScenario(SimPen pen, PenController controller, SimulationRunner runner, CartridgeType cartridge,
                           String cartridgeId) {
        this.pen = pen;
        this.controller = controller;
        this.runner = runner;
        this.cartridge = cartridge;
        this.cartridgeId = cartridgeId;
    }

    /**
     * Before the first run, the practitioner sets {@code depthMm}, above the ceiling, and confirms
     * the unlock on the panel (NaN: no such step).
     */
    public SessionScenario withDeeperDepth(double depthMm) {
        this.deeperDepthMm = depthMm;
        return this;
    }

    /** Called once the pen is ready to start, before start is pressed (it may throw to abandon the session). */
    public SessionScenario onReady(ReadyListener listener) {
        this.readyListener = listener;
        return this;
    }

    /**
     * Runs the session; {@link Outcome#ranToEnd()} is false if the firmware never got READY, refused, or
     * faulted, and {@link Outcome#notStarted()} then says why when the needles never ran.
     */
    public Outcome run(long runNanos) {
        SimHandle sim = pen.handle();
        sim.insertCartridge(new CartridgeInfo(cartridgeId, cartridge.needles()));
        if (!runner.runUntil(() -> controller.status().readyToStart() || controller.status().state() == PenState.FAULT,
                READY_TIMEOUT_NANOS) || controller.status().state() == PenState.FAULT) {
            return notStarted(sim.trueExcursions(), "the pen did not get ready to start");
        }
        readyListener.ready(runner.nowNanos());
        if (cartridgeId == null) {
            click(PanelButton.CONFIRM); // no id to read: the practitioner confirms the cartridge is new
        }
        if (!Double.isNaN(deeperDepthMm)) {
            controller.submit(Request.depth(deeperDepthMm)); // refused until confirmed: the display asks
            runner.runFor(2_000_000L);
            click(PanelButton.CONFIRM);
            if (!runner.runUntil(() -> controller.status().readyToStart(), READY_TIMEOUT_NANOS)) {
                return notStarted(sim.trueExcursions(), "the deeper depth was not confirmed");
            }
        }
        long excursionsBefore = sim.trueExcursions();
        sim.resetPeakProtrusion();
        sim.setSkinContact(true);
        click(PanelButton.START_STOP);
        // every run starts with the collar's zero check (about 2 s at 1 mm)
        runner.runUntil(() -> controller.status().state() != PenState.CHECKING, CHECK_TIMEOUT_NANOS);
        if (controller.status().state() != PenState.RUNNING) {
            return notStarted(excursionsBefore, "the start was refused");
        }
        long started = controller.status().runStartNanos();
        runner.runUntil(() -> controller.status().spunUp() || controller.status().state() != PenState.RUNNING,
                Math.max(0, runNanos - PRESS_NANOS));
        double turnsAtSpinUp = sim.shaftTurns();
        long strokesAtSpinUp = controller.status().strokes();
        long spinUpAt = runner.nowNanos();
        // pressed so that the firmware stops the run on the tick at runNanos of running, not after it: the
        // press lands after the tick that passes pressAt, the next tick sees it, and it counts once held for
        // the debounce time (a run of exactly the profile's longest is allowed; one tick more is F14)
        long pressAt = started + runNanos - PenController.DEBOUNCE_NANOS - 2 * runner.periodNanos() + 1;
        runner.runUntil(() -> runner.nowNanos() >= pressAt || controller.status().state() != PenState.RUNNING,
                Long.MAX_VALUE / 4);
        if (controller.status().state() != PenState.RUNNING) {
            // a fault (or a shutdown) ended the run: let the pen brake and park as it would before reporting the truth
            long faultAt = runner.shutdownAtNanos() >= 0 ? runner.shutdownAtNanos() : runner.nowNanos();
            runner.runFor(AFTER_FAULT_NANOS);
            sim.setSkinContact(false);
            return outcome(false, Double.NaN, Double.NaN, excursionsBefore, (sim.lastMovingNanos() - faultAt) / 1e6, null);
        }
        long stopPressed = runner.nowNanos();
        double span = (stopPressed - spinUpAt) * 1e-9;
        double meanRate = (sim.shaftTurns() - turnsAtSpinUp) / span;
        double firmwareMean = (controller.status().strokes() - strokesAtSpinUp) / span;
        sim.press(PanelButton.START_STOP);
        runner.runFor(PRESS_NANOS);
        sim.release(PanelButton.START_STOP);
        runner.runUntil(() -> controller.status().state() == PenState.READY || controller.status().state() == PenState.FAULT,
                PARK_TIMEOUT_NANOS);
        sim.setSkinContact(false);
        double stopToRestMs = (sim.lastMovingNanos() - stopPressed) / 1e6;
        return outcome(controller.status().state() == PenState.READY, firmwareMean, meanRate, excursionsBefore, stopToRestMs, null);
    }

    /**
     * The needles never ran: {@code what} happened, and the firmware's own words say why (its fault,
     * or the reason it gave for refusing the start).
     */
    private Outcome notStarted(long excursionsBefore, String what) {
        if (controller.status().fault() != null) {
            return outcome(false, Double.NaN, Double.NaN, excursionsBefore, Double.NaN, "the pen faulted before the needles ran: "
                    + controller.status().fault().shortCode() + " " + controller.status().fault().description());
        }
        String why = controller.status().lastRefusal() != null ? controller.status().lastRefusal() : "it stayed in " + controller.status().state();
        return outcome(false, Double.NaN, Double.NaN, excursionsBefore, Double.NaN, what + ": " + why);
    }

    private Outcome outcome(boolean ranToEnd, double firmwareMean, double meanRate, long excursionsBefore,
                            double stopToRestMs, String notStarted) {
        SimHandle sim = pen.handle();
        double protrusion = sim.tipProtrusionMm();
        return new Outcome(ranToEnd, firmwareMean, meanRate, sim.trueExcursions() - excursionsBefore,
                sim.peakProtrusionMm(), stopToRestMs, protrusion < 0.0, protrusion, notStarted);
    }

    private void click(PanelButton button) {
        SimHandle sim = pen.handle();
        sim.press(button);
        runner.runFor(PRESS_NANOS);
        sim.release(button);
        runner.runFor(2_000_000L);
    }
}
