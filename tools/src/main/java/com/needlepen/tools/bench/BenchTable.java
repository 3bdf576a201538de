package com.needlepen.tools.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** The bench's figures for people: the same numbers the JSON holds, a table and a line per part. */
final class BenchTable {

    private BenchTable() {
    }

    static void print(PrintWriter out, BenchResults r) {
        var m = r.machine();
        out.printf(Locale.ROOT, "%nneedlepen bench: profile %s, period %d µs, %d s per loop%s; %d cores, %s, Java %s;"
                        + " load average %s at start, %s at end%n", r.profile(), r.periodMicros(), r.secondsPerLoop(),
                r.quick() ? " (--quick)" : "", m.cores(), m.os(), m.java(), number(m.loadAverageAtStart(), "%.2f"),
                number(m.loadAverageAtEnd(), "%.2f"));
        out.printf("%nWake-up lateness, µs     %8s %8s %8s %8s %11s %12s %11s%n", "p50", "p99", "p99.9", "max",
                "CPU % core", "p99 x cyclic", "p99 x exec");
        for (LoopFigures loop : new LoopFigures[] {r.runner(), r.executor(), r.cyclictest()}) {
            row(out, loop, BenchResults.p99Ratio(loop, r.cyclictest()), BenchResults.p99Ratio(loop, r.executor()));
        }
        for (LoopFigures loop : new LoopFigures[] {r.runner(), r.executor(), r.cyclictest()}) {
            out.printf("  %-20s %s%n", loop.loop() + ":", detail(loop));
        }
        allocation(out, r.allocation());
        footprint(out, r.footprint());
        out.printf("%nGoals (issue 9)%n");
        for (Goal g : r.goals()) {
            out.printf("  %-13s %s: %s%s%n", "[" + g.status() + "]", g.goal(), g.figure() == null ? "" : g.figure(),
                    g.shortfall() == null ? "" : (g.figure() == null ? "" : "; ") + g.shortfall());
        }
        out.flush();
    }

    private static void row(PrintWriter out, LoopFigures l, Double overCyclictest, Double overExecutor) {
        if (!l.measured()) {
            out.printf("%-24s %s%n", l.loop(), "not measured");
            return;
        }
        out.printf(Locale.ROOT, "%-24s %8.1f %8.1f %8.1f %8.1f %11s %12s %11s%n", l.loop(), l.p50Micros(), l.p99Micros(),
                l.p999Micros(), l.maxMicros(), number(l.cpuPercentOfOneCore(), "%.1f"), number(overCyclictest, "%.2fx"),
                number(overExecutor, "%.2fx"));
    }

    private static String detail(LoopFigures l) {
        if (!l.measured()) {
            return "not measured: " + l.notMeasured();
        }
        StringBuilder s = new StringBuilder(l.how()).append(String.format(Locale.ROOT, "; %,d wake-ups", l.samples()));
        if (l.plantPercentOfOneCore() != null) {
            s.append(String.format(Locale.ROOT, "; of its CPU, the simulated plant %.1f %% of a core",
                    l.plantPercentOfOneCore()));
        }
        if (l.longestTickMicros() != null) {
            s.append(String.format(Locale.ROOT, "; longest tick %.1f µs, %d overruns", l.longestTickMicros(), l.overruns()));
        }
        if (l.missedDeadlines() != null) {
            s.append(String.format(Locale.ROOT, ", %d missed deadlines", l.missedDeadlines()));
        }
        if (l.penAtEnd() != null) {
            s.append("; pen ").append(l.penAtEnd());
        }
        if (l.machineBusyPercent() != null) {
            s.append(String.format(Locale.ROOT, "; meanwhile the machine's CPUs %.0f %% busy, %.1f %% stolen by the"
                    + " hypervisor (/proc/stat, sampled at the timer tick)", l.machineBusyPercent(), l.machineStealPercent()));
        }
        return s.toString();
    }

    private static void allocation(PrintWriter out, AllocationFigures a) {
        if (!a.measured()) {
            out.printf("%nAllocation in RUNNING: not measured: %s%n", a.notMeasured());
            return;
        }
        out.printf(Locale.ROOT, "%nAllocation in RUNNING: %,d bytes in %,d ticks (%.4f bytes/tick); %,d ticks allocated%n",
                a.bytesTotal(), a.runningTicks(), a.bytesPerTick(), a.allocatingTicks());
        out.printf(Locale.ROOT, "  %,d bytes in the %,d ticks that emitted an event; %,d bytes in the %,d steady ticks%n",
                a.bytesInTicksWithEvent(), a.ticksWithEvent(), a.bytesInTicksWithoutEvent(),
                a.runningTicks() - a.ticksWithEvent());
        for (AllocationFigures.AllocatingTick t : a.largest()) {
            out.printf(Locale.ROOT, "  %,d bytes at tick %,d (run %d, %s)%n", t.bytes(), t.runningTick(), t.run(), t.emitted());
        }
        var c = a.coverage();
        out.printf(Locale.ROOT, "  the ticks took in %,d index edges, %,d telemetry samples, %d depth and %d rate changes,"
                        + " %d thermal warning(s), %d runs%s%n", c.indexEdges(), c.samples(), c.depthChanges(),
                c.rateChanges(), c.thermalWarnings(), c.runs(), c.oneSession() ? " in one session" : " (not one session)");
        out.printf(Locale.ROOT, "  outside RUNNING (stopping, zero check, starting): %,d bytes in %,d ticks; unmeasured"
                        + " warm-up pass: %,d bytes in %,d ticks%n", a.bytesOutsideRunning(), a.ticksOutsideRunning(),
                a.warmUpPassBytes(), a.warmUpPassRunningTicks());
    }

    private static void footprint(PrintWriter out, FootprintFigures f) {
        out.printf("%nFootprint: %s%n", String.join(" ", f.command().subList(f.command().indexOf("simulate"),
                f.command().size())) + " under " + FootprintBench.HEAP);
        if (!f.measured()) {
            out.printf("  not measured: %s%n", f.notMeasured());
            return;
        }
        out.printf(Locale.ROOT, "  exit %d (%s); peak RSS %s MiB; %s: %s GCs, %s pauses, longest %s ms (once the loop"
                        + " ticked: %s pauses, longest %s ms); first tick %s ms after spawn (%s ms after JVM start; %s ms in"
                        + " the cold start before, which wrote the class-data archive); %.1f s wall%n", f.exitCode(), f.passed() ? "passed" : "failed: " + f.failure(),
                number(f.peakRssMiB(), "%.1f"), f.collector() == null ? "GC" : f.collector(), number(f.gcCount(), "%d"),
                number(f.gcPauses(), "%d"), number(f.longestGcPauseMillis(), "%.1f"),
                number(f.gcPausesAfterFirstTick(), "%d"), number(f.longestGcPauseAfterFirstTickMillis(), "%.1f"),
                number(f.firstTickMillisFromSpawn(), "%d"), number(f.firstTickMillisFromJvmStart(), "%d"),
                number(f.coldFirstTickMillisFromSpawn(), "%d"), f.wallSeconds());
    }

    private static String number(Object value, String format) {
        return value == null ? "-" : String.format(Locale.ROOT, format, value);
    }
}
