package com.needlepen.tools.bench;

import com.needlepen.firmware.PenController;
import com.needlepen.firmware.loop.LoopRunner;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.hal.sim.SimPen;

/**
 * The tick both real-time loops run: the simulated pen's physics is advanced to the loop's real
 * clock (the trace's PLANT phase), then the firmware ticks at the pen's time. The plant stands in
 * for hardware that needs no CPU on a real pen, so the time spent in it is kept apart: a loop's CPU
 * share minus the plant's is the firmware's.
 */
final class PlantThenFirmwareTick implements LoopRunner.Body {

    private final SimPen pen;
    private final PenController controller;
    private final TickTrace trace;
    private long virtualMinusRealNanos;
    private long plantNanos;

    PlantThenFirmwareTick(BenchPen bench) {
        this.pen = bench.pen;
        this.controller = bench.controller;
        this.trace = bench.controller.trace();
    }

    /** From {@code realNanos} on, real time and the pen's virtual time move together. */
    void alignAt(long realNanos) {
        virtualMinusRealNanos = pen.clock().nanoTime() - realNanos;
    }

    @Override
    public void tick(long realNanos) {
        long plantStart = System.nanoTime();
        pen.advanceTo(realNanos + virtualMinusRealNanos);
        plantNanos += System.nanoTime() - plantStart;
        trace.phaseDone(TickTrace.Phase.PLANT);
        controller.tick(pen.clock().nanoTime());
    }

    TickTrace trace() {
        return trace;
    }

    /** Wall time spent advancing the plant so far. */
    long plantNanos() {
        return plantNanos;
    }

    PenController controller() {
        return controller;
    }
}
