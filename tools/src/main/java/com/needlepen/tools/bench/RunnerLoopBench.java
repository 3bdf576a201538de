package com.needlepen.tools.bench;

import com.needlepen.firmware.loop.LoopRunner;
import com.needlepen.firmware.loop.WaitStrategy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The firmware's own {@link LoopRunner}, park-then-spin, ticking a simulated pen in RUNNING in real
 * time on a thread of its own; lateness comes from the runner's own histogram.
 */
final class RunnerLoopBench {

    static final String NAME = "firmware LoopRunner";

    private RunnerLoopBench() {
    }

    static LoopFigures measure(BenchPen bench, long periodNanos, long spinMarginNanos, long durationNanos)
            throws InterruptedException {
        PlantThenFirmwareTick body = new PlantThenFirmwareTick(bench);
        WaitStrategy wait = WaitStrategy.parkThenSpin(spinMarginNanos);
        LoopRunner runner = new LoopRunner(periodNanos, System::nanoTime, wait, body.trace(), body);
        long ticks = Math.max(1, durationNanos / periodNanos);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpuAndWallNanos = new long[2];
        Thread loop = new Thread(() -> {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            body.alignAt(wallStart);
            runner.run(ticks);
            cpuAndWallNanos[0] = threads.getCurrentThreadCpuTime() - cpuStart;
            cpuAndWallNanos[1] = System.nanoTime() - wallStart;
        }, "bench-loop-runner");
        loop.start();
        loop.join();
        return LoopFigures.of(NAME, wait.describe(), runner.latenessNanos(), cpuAndWallNanos[0], cpuAndWallNanos[1],
                body.plantNanos(), runner.tickNanos().getMaxValue(), runner.overruns(), runner.missedDeadlines(),
                penState(bench));
    }

    static String penState(BenchPen bench) {
        var c = bench.controller;
        return c.status().fault() == null ? c.status().state().name() : c.status().state() + " (" + c.status().fault() + ": " + c.status().faultDetail() + ")";
    }
}
