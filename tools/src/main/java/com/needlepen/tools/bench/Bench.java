package com.needlepen.tools.bench;

import com.needlepen.config.DeviceProfile;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One bench run, in order from the most timing-sensitive: the three loops one after another (never
 * at once: on a small machine they would measure each other), then allocation in virtual time, then
 * the footprint child.
 */
public final class Bench {

    /** The bench pens run at the simulator's defaults: 1.0 mm, 100 Hz. */
    static final double DEPTH_MM = 1.0;
    static final double RATE_HZ = 100.0;

    /**
     * @param profileArgument how the child {@code simulate} is told the profile (a bundled name or an absolute path)
     * @param footprintDuration the child session's {@code --duration}
     * @param dataDir  a data directory holding this device's calibration, for the child
     * @param workDir  where the child's GC log goes
     */
    public record Settings(PenSupply supply, String profileArgument, long secondsPerLoop, long allocationTicks,
                           long spinMarginNanos, boolean skipCyclictest, boolean quick, String footprintDuration,
                           Path dataDir, Path workDir) {
    }

    private Bench() {
    }

    /** Runs every part, telling {@code progress} what it is doing (a full run takes minutes). */
    public static BenchResults run(Settings s, PrintWriter progress) throws InterruptedException {
        DeviceProfile profile = s.supply().profile();
        long periodNanos = profile.loop().periodNanos();
        long loopNanos = s.secondsPerLoop() * 1_000_000_000L;
        Double loadAtStart = loadAverage();

        say(progress, "firmware LoopRunner, %d s ...", s.secondsPerLoop());
        LoopFigures runner;
        try {
            BenchPen pen = BenchPen.running(s.supply(), "CART-BENCH-RUNNER", DEPTH_MM, RATE_HZ);
            ProcFiles.SystemCpu before = ProcFiles.systemCpu();
            runner = RunnerLoopBench.measure(pen, periodNanos, s.spinMarginNanos(), loopNanos)
                    .withMachineLoad(before, ProcFiles.systemCpu());
        } catch (IllegalStateException e) {
            runner = LoopFigures.notMeasured(RunnerLoopBench.NAME, e.getMessage());
        }
        say(progress, "ScheduledExecutor loop, %d s ...", s.secondsPerLoop());
        LoopFigures executor;
        try {
            BenchPen pen = BenchPen.running(s.supply(), "CART-BENCH-EXECUTOR", DEPTH_MM, RATE_HZ);
            ProcFiles.SystemCpu before = ProcFiles.systemCpu();
            executor = ExecutorLoopBench.measure(pen, periodNanos, loopNanos).withMachineLoad(before, ProcFiles.systemCpu());
        } catch (IllegalStateException e) {
            executor = LoopFigures.notMeasured(ExecutorLoopBench.NAME, e.getMessage());
        }
        LoopFigures cyclictest;
        if (s.skipCyclictest()) {
            cyclictest = LoopFigures.notMeasured(CyclictestBench.NAME, "skipped (--skip-cyclictest)");
        } else {
            say(progress, "cyclictest, %d s ...", s.secondsPerLoop());
            ProcFiles.SystemCpu before = ProcFiles.systemCpu();
            cyclictest = CyclictestBench.measure(periodNanos, loopNanos).withMachineLoad(before, ProcFiles.systemCpu());
        }
        say(progress, "allocation, %,d ticks in RUNNING (after a warm-up pass of as many) ...", s.allocationTicks());
        AllocationFigures allocation;
        try {
            allocation = AllocationBench.measure(s.supply(), s.allocationTicks(), DEPTH_MM, RATE_HZ);
        } catch (IllegalStateException e) {
            allocation = AllocationFigures.notMeasured(e.getMessage()); // the session script could not be played
        }
        say(progress, "footprint: simulate --fast --duration %s under %s ...", s.footprintDuration(), FootprintBench.HEAP);
        FootprintFigures footprint = FootprintBench.measure(s.profileArgument(), s.footprintDuration(), s.dataDir(),
                s.workDir());

        var os = ManagementFactory.getOperatingSystemMXBean();
        var machine = new BenchResults.Machine(Runtime.getRuntime().availableProcessors(),
                os.getName() + " " + os.getVersion() + " " + os.getArch(), Runtime.version().toString(), loadAtStart,
                loadAverage());
        return new BenchResults(BenchResults.FORMAT_VERSION, machine, profile.name(), periodNanos / 1_000,
                s.secondsPerLoop(), s.quick(), runner, executor, cyclictest, BenchResults.Ratios.of(runner, executor,
                cyclictest), allocation, footprint, Goals.decide(runner, executor, cyclictest, allocation, footprint));
    }

    public static void print(PrintWriter out, BenchResults results) {
        BenchTable.print(out, results);
    }

    private static Double loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? null : load; // negative: the platform does not say
    }

    private static void say(PrintWriter out, String format, Object... args) {
        out.printf(Locale.ROOT, "measuring " + format + "%n", args);
        out.flush();
    }
}
