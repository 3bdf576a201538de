package com.needlepen.tools.bench;

import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.session.Session;
import com.needlepen.firmware.session.SettingChange;
import com.needlepen.hal.PanelButton;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A practitioner's session of three runs on a {@link BenchPen} in virtual time, with the bytes each
 * firmware tick allocates measured by ThreadMXBean around {@code tick()} alone (the plant and this
 * script are not the firmware). In each run, every {@value #CYCLE_TICKS} ticks in RUNNING: depth up
 * and down, rate down and up on the panel. In the first run the rate is raised to the cartridge's
 * top by a request and the handpiece is heated until the 39 °C warning lowers it; the runs are
 * stopped and started again in the same session, through the collar's zero check.
 */
final class AllocationPass {

    static final int CYCLE_TICKS = 100_000;
    private static final int PRESS_TICKS = 20;
    /** In run 1, after the first cycle's presses: the top rate is asked for, then the heat comes on. */
    private static final long TOP_RATE_AT_TICK = 5_000;
    private static final long HEAT_FROM_TICK = 6_000;
    /** How long the first run may go on past its share waiting for the warning (heating takes ~30 s). */
    private static final long THERMAL_GRACE_TICKS = 200_000;
    private static final long STATE_TIMEOUT_TICKS = 15_000;
    private static final int LARGEST_KEPT = 8;

    private final BenchPen bench;
    private final long runningTicksWanted;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long periodNanos;
    private final double topRateHz;
    private long nowNanos;
    private int run = 1;
    private final HandpieceHeater heater;

    private long runningTicks;
    private long runningBytes;
    private long allocatingTicks;
    private long ticksWithEvent;
    private long bytesWithEvent;
    private final List<AllocationFigures.AllocatingTick> largest = new ArrayList<>();
    private long otherTicks;
    private long otherBytes;
    private long indexEdges;

    AllocationPass(BenchPen bench, long runningTicksWanted) {
        this.bench = bench;
        this.runningTicksWanted = runningTicksWanted;
        this.periodNanos = bench.profile.loop().periodNanos();
        this.topRateHz = topRateHz(bench);
        this.nowNanos = bench.runner.nowNanos();
        this.heater = new HandpieceHeater(bench);
    }

    AllocationFigures run(Long warmUpRunningTicks, Long warmUpBytes) {
        long perRun = (runningTicksWanted + 2) / 3;
        Session session = bench.controller.sessions().current();
        long samplesBefore = bench.sink.samples();
        long warningsBefore = bench.sink.thermalWarnings();
        int changesBefore = changes(session, "depthMm") + changes(session, "rateHz");
        int depthBefore = changes(session, "depthMm");
        for (run = 1; run <= 3; run++) {
            if (run > 1) {
                // after a run the collar finishes on the flank the skin's press bears on (a move a run defers)
                for (long k = 0; k < STATE_TIMEOUT_TICKS && !bench.controller.status().readyToStart(); k++) {
                    tick();
                }
                click(PanelButton.START_STOP);
                awaitState(PenState.RUNNING);
            }
            long warnings = bench.sink.thermalWarnings();
            long strokesBefore = bench.controller.status().strokes();
            long i = 0;
            while (i < perRun || run == 1 && bench.sink.thermalWarnings() == warnings && i < perRun + THERMAL_GRACE_TICKS) {
                practitioner(i);
                heater.update(run == 1 && i >= HEAT_FROM_TICK && bench.sink.thermalWarnings() == warnings);
                if (tick()) {
                    i++;
                } else if (bench.controller.status().state() != PenState.RUNNING) {
                    throw new IllegalStateException("the bench pen left RUNNING in run " + run + ": "
                            + RunnerLoopBench.penState(bench) + "; last refusal " + bench.controller.status().lastRefusal());
                }
            }
            indexEdges += bench.controller.status().strokes() - strokesBefore;
            click(PanelButton.START_STOP);
            awaitState(PenState.READY);
        }
        Session after = bench.controller.sessions().current();
        int depthChanges = changes(after, "depthMm") - depthBefore;
        int allChanges = changes(after, "depthMm") + changes(after, "rateHz") - changesBefore;
        var coverage = new AllocationFigures.Coverage(indexEdges, bench.sink.samples() - samplesBefore, depthChanges,
                allChanges - depthChanges, bench.sink.thermalWarnings() - warningsBefore, 3,
                session != null && session == after);
        largest.sort(Comparator.comparingLong(AllocationFigures.AllocatingTick::bytes).reversed());
        return new AllocationFigures("com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes() before and"
                + " after each PenController.tick(); a warm-up pass on another pen first", runningTicks, runningBytes,
                runningTicks == 0 ? null : (double) runningBytes / runningTicks, allocatingTicks, ticksWithEvent,
                bytesWithEvent, runningBytes - bytesWithEvent, List.copyOf(largest),
                otherTicks, otherBytes, coverage, warmUpRunningTicks, warmUpBytes, null);
    }

    long runningTicks() {
        return runningTicks;
    }

    long runningBytes() {
        return runningBytes;
    }

    /** The panel presses of tick {@code i} of a run, and run 1's request for the top rate. */
    private void practitioner(long i) {
        long inCycle = i % CYCLE_TICKS;
        press(inCycle, 1_000, PanelButton.DEPTH_UP);
        press(inCycle, 2_000, PanelButton.DEPTH_DOWN);
        press(inCycle, 3_000, PanelButton.RATE_DOWN);
        press(inCycle, 4_000, PanelButton.RATE_UP);
        if (run == 1 && i == TOP_RATE_AT_TICK) {
            bench.controller.submit(Request.rate(topRateHz));
        }
    }

    private void press(long inCycle, long at, PanelButton button) {
        if (inCycle == at) {
            bench.sim.press(button);
        } else if (inCycle == at + PRESS_TICKS) {
            bench.sim.release(button);
        }
    }

    /** One control period; returns whether it began and ended in RUNNING (and was counted as such). */
    private boolean tick() {
        nowNanos += periodNanos;
        bench.pen.advanceTo(nowNanos);
        PenState before = bench.controller.status().state();
        long eventsBefore = bench.sink.events();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        bench.controller.tick(nowNanos);
        long bytes = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        boolean running = before == PenState.RUNNING && bench.controller.status().state() == PenState.RUNNING;
        if (!running) {
            otherTicks++;
            otherBytes += bytes;
            return false;
        }
        boolean emitted = bench.sink.events() != eventsBefore;
        if (emitted) {
            ticksWithEvent++;
            bytesWithEvent += bytes;
        }
        if (bytes > 0) {
            allocatingTicks++;
            note(new AllocationFigures.AllocatingTick(runningTicks, run, bytes,
                    emitted ? "event " + bench.sink.lastEventType() : "no event"));
        }
        runningTicks++;
        runningBytes += bytes;
        return true;
    }

    private void note(AllocationFigures.AllocatingTick t) {
        if (largest.size() < LARGEST_KEPT) {
            largest.add(t);
            return;
        }
        int smallest = 0;
        for (int k = 1; k < largest.size(); k++) {
            if (largest.get(k).bytes() < largest.get(smallest).bytes()) {
                smallest = k;
            }
        }
        if (t.bytes() > largest.get(smallest).bytes()) {
            largest.set(smallest, t);
        }
    }

    private void click(PanelButton button) {
        bench.sim.press(button);
        for (int k = 0; k < PRESS_TICKS; k++) {
            tick();
        }
        bench.sim.release(button);
        tick();
    }

    private void awaitState(PenState wanted) {
        for (long k = 0; k < STATE_TIMEOUT_TICKS && bench.controller.status().state() != wanted; k++) {
            tick();
        }
        if (bench.controller.status().state() != wanted) {
            throw new IllegalStateException("the bench pen did not reach " + wanted + " in run " + run + ": "
                    + RunnerLoopBench.penState(bench) + "; last refusal " + bench.controller.status().lastRefusal());
        }
    }

    /** The highest rate the firmware's own policy allows this pen at its depth and cartridge. */
    private static double topRateHz(BenchPen bench) {
        var rate = bench.profile.rate();
        var policy = bench.controller.policy();
        for (double hz = rate.maxHz(); hz > rate.minHz(); hz -= rate.stepHz()) {
            if (policy.rateRefusal(bench.controller.status().depthMm(), hz, bench.cartridge) == null) {
                return hz;
            }
        }
        return bench.controller.status().rateHz();
    }

    private static int changes(Session s, String what) {
        if (s == null) {
            return 0;
        }
        int n = 0;
        for (SettingChange c : s.changes()) {
            if (c.what().equals(what)) {
                n++;
            }
        }
        return n;
    }
}
