package com.needlepen.firmware.loop;

import com.needlepen.firmware.PenController;
import com.needlepen.hal.Clock;
import java.util.function.BooleanSupplier;

/**
 * Alternates a simulated pen's physics (its {@link Plant}) and the firmware's tick on one thread,
 * the thread that owns the hardware. In fast mode virtual time runs as fast as the CPU allows; in real-time mode
 * each tick waits for the wall clock, so a person can watch.
 */
public final class SimulationRunner {

    /** Called between ticks, e.g. to print a status line or to let telemetry catch up. */
    public interface Observer {
        void afterTick(long nowNanos);
    }

    private final Plant plant;
    private final Clock clock;
    private final PenController controller;
    private final long periodNanos;
    private final LoopRunner loop;
    private Observer observer = now -> { };
    private long nowNanos;
    private long lastTickNanos;

    public SimulationRunner(Plant plant, Clock clock, PenController controller, long periodNanos, boolean realTime) {
        this(plant, clock, controller, new com.needlepen.config.LoopSpec((int) (periodNanos / 1_000L)), realTime);
    }

    /** With the profile's loop section (its period and, in real time, its wait strategy). */
    public SimulationRunner(Plant plant, Clock clock, PenController controller, com.needlepen.config.LoopSpec loopSpec,
                            boolean realTime) {
        long periodNanos = loopSpec.periodNanos();
        this.plant = plant;
        this.clock = clock;
        this.controller = controller;
        this.periodNanos = periodNanos;
        this.nowNanos = clock.nanoTime();
        this.lastTickNanos = nowNanos - periodNanos;
        // real time: the firmware's runner waits for each wall-clock deadline; the tick itself runs on the
        // sim's clock, which steps one period per tick, so the two stay in step
        this.loop = realTime ? new LoopRunner(periodNanos, System::nanoTime, LoopRunner.waitFor(loopSpec),
                controller.trace(), wallNow -> advanceAndTick()) : null;
    }

    public void setObserver(Observer observer) {
        this.observer = observer;
    }

    /**
     * Runs one control period; the plant's physics is the trace's PLANT phase. In real time the
     * firmware's own {@link LoopRunner} paces it (the profile's wait strategy, lateness histograms).
     */
    public void step() {
        if (loop != null) {
            loop.run(1);
        } else {
            controller.trace().tickStarted(Math.max(0, nowNanos - lastTickNanos)); // virtual lateness
            advanceAndTick();
            controller.trace().tickEnded();
        }
    }

    private void advanceAndTick() {
        nowNanos += periodNanos;
        plant.advanceTo(nowNanos);
        controller.trace().phaseDone(TickTrace.Phase.PLANT);
        controller.tick(clock.nanoTime());
        lastTickNanos = nowNanos;
        observer.afterTick(nowNanos);
    }

    /** The real-time loop runner (its lateness and overruns), or null in virtual time. */
    public LoopRunner loop() {
        return loop;
    }

    /** Runs for {@code nanos} of simulated time (less if a shutdown is requested meanwhile). */
    public void runFor(long nanos) {
        long end = nowNanos + nanos;
        while (nowNanos < end) {
            if (shutdownRequested) {
                completeShutdown();
                return;
            }
            step();
        }
    }

    /**
     * Runs until {@code condition} holds or {@code timeoutNanos} pass; returns whether it held. A
     * requested shutdown ends the wait (false) once the firmware has shut down.
     */
    public boolean runUntil(BooleanSupplier condition, long timeoutNanos) {
        long end = nowNanos + timeoutNanos;
        while (!condition.getAsBoolean()) {
            if (nowNanos >= end) {
                return false;
            }
            if (shutdownRequested) {
                completeShutdown();
                return condition.getAsBoolean();
            }
            step();
        }
        return true;
    }

    /** Asks the firmware to shut down (a signal arrived); safe from any thread. The loop carries it out. */
    public void requestShutdown() {
        shutdownRequested = true;
    }

    public boolean shutdownRequested() {
        return shutdownRequested;
    }

    /** Hands the firmware the shutdown request and ticks until it has stopped, parked and closed (at most 5 s). */
    private void completeShutdown() {
        if (!shutdownSubmitted) {
            shutdownSubmitted = true;
            shutdownAtNanos = nowNanos;
            controller.submit(com.needlepen.firmware.Request.shutdown());
        }
        long end = nowNanos + SHUTDOWN_TIMEOUT_NANOS;
        while (!controller.shutDown() && nowNanos < end) {
            step();
        }
    }

    private static final long SHUTDOWN_TIMEOUT_NANOS = 5_000_000_000L;
    private volatile boolean shutdownRequested;
    private boolean shutdownSubmitted;
    private long shutdownAtNanos = -1;

    /** When the shutdown was handed to the firmware (virtual time), or -1. */
    public long shutdownAtNanos() {
        return shutdownAtNanos;
    }

    /** Advances the physics without ticking the firmware: a hung control thread. */
    public void freezeFirmwareFor(long nanos) {
        nowNanos += nanos;
        plant.advanceTo(nowNanos);
    }

    /** Takes over a time the pen was advanced to by someone else (tests that tick by hand). */
    public void syncTo(long nanos) {
        nowNanos = nanos;
        lastTickNanos = nanos - periodNanos;
    }

    /** The control period: one tick per period. */
    public long periodNanos() {
        return periodNanos;
    }

    public long nowNanos() {
        return nowNanos;
    }
}
