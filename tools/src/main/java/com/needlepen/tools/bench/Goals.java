package com.needlepen.tools.bench;

import java.util.List;
import java.util.Locale;

/** Issue 9's goals for the loop, allocation and footprint, decided from one bench run's figures. */
final class Goals {

    static final double MAX_LOOP_CPU_PERCENT = 25.0;
    static final double MAX_P99_OVER_EXECUTOR = 0.5;
    static final long ALLOCATION_TICKS = 1_000_000;
    static final long FIRST_TICK_MILLIS = 1_000;

    private Goals() {
    }

    static List<Goal> decide(LoopFigures runner, LoopFigures executor, LoopFigures cyclictest,
                             AllocationFigures allocation, FootprintFigures footprint) {
        return List.of(runnerAgainstCyclictest(runner, cyclictest), runnerCpu(runner), runnerAgainstExecutor(runner, executor),
                allocation(allocation), heap(footprint), firstTick(footprint));
    }

    private static Goal runnerAgainstCyclictest(LoopFigures runner, LoopFigures cyclictest) {
        String goal = "runner p99 lateness <= cyclictest p99 (same run)";
        Double ratio = BenchResults.p99Ratio(runner, cyclictest);
        if (ratio == null) {
            return Goal.notMeasured(goal, !cyclictest.measured() ? "cyclictest: " + cyclictest.notMeasured()
                    : !runner.measured() ? "runner: " + runner.notMeasured() : "cyclictest's p99 was 0 µs");
        }
        return Goal.decided(goal, ratio <= 1.0, f("%.1f µs vs %.0f µs: %.2fx", runner.p99Micros(), cyclictest.p99Micros(),
                ratio), f("by %.1f µs", runner.p99Micros() - cyclictest.p99Micros()));
    }

    private static Goal runnerCpu(LoopFigures runner) {
        String goal = "runner loop thread <= 25 % of one core";
        if (!runner.measured()) {
            return Goal.notMeasured(goal, runner.notMeasured());
        }
        double cpu = runner.cpuPercentOfOneCore();
        String plant = runner.plantPercentOfOneCore() == null ? ""
                : f(" (%.1f %% of it the simulated plant)", runner.plantPercentOfOneCore());
        return Goal.decided(goal, cpu <= MAX_LOOP_CPU_PERCENT, f("%.1f %%%s", cpu, plant),
                f("by %.1f percentage points", cpu - MAX_LOOP_CPU_PERCENT));
    }

    private static Goal runnerAgainstExecutor(LoopFigures runner, LoopFigures executor) {
        String goal = "runner p99 <= 0.5x ScheduledExecutor p99";
        Double ratio = BenchResults.p99Ratio(runner, executor);
        if (ratio == null) {
            return Goal.notMeasured(goal, !executor.measured() ? executor.notMeasured() : runner.notMeasured());
        }
        return Goal.decided(goal, ratio <= MAX_P99_OVER_EXECUTOR, f("%.1f µs vs %.1f µs: %.2fx", runner.p99Micros(),
                executor.p99Micros(), ratio), f("by %.1f µs (%.2fx against 0.5x)",
                runner.p99Micros() - MAX_P99_OVER_EXECUTOR * executor.p99Micros(), ratio));
    }

    private static Goal allocation(AllocationFigures a) {
        String goal = "0 bytes per tick in RUNNING over 1,000,000 ticks";
        if (!a.measured()) {
            return Goal.notMeasured(goal, a.notMeasured());
        }
        String figure = f("%d bytes in %,d ticks (%.4f bytes/tick)", a.bytesTotal(), a.runningTicks(), a.bytesPerTick());
        if (a.runningTicks() < ALLOCATION_TICKS) {
            return Goal.notMeasured(goal, figure + f(": fewer than %,d ticks (--ticks or --quick)", ALLOCATION_TICKS));
        }
        return Goal.decided(goal, a.bytesTotal() == 0, figure, f("by %d bytes in %d ticks", a.bytesTotal(),
                a.allocatingTicks()));
    }

    private static Goal heap(FootprintFigures fp) {
        String goal = "a full simulated session under " + FootprintBench.HEAP;
        if (!fp.measured()) {
            return Goal.notMeasured(goal, fp.notMeasured());
        }
        return Goal.decided(goal, fp.passed(), "exit code " + fp.exitCode(), fp.failure());
    }

    private static Goal firstTick(FootprintFigures fp) {
        String goal = "first control tick within 1.0 s of process start";
        if (!fp.measured() || fp.firstTickMillisFromSpawn() == null) {
            return Goal.notMeasured(goal, fp.measured() ? "the child printed no first-tick line" : fp.notMeasured());
        }
        long ms = fp.firstTickMillisFromSpawn();
        String cold = fp.coldFirstTickMillisFromSpawn() == null ? ""
                : f(" (the first start after a build, which writes the class-data archive: %d ms)",
                        fp.coldFirstTickMillisFromSpawn());
        return Goal.decided(goal, ms <= FIRST_TICK_MILLIS, f("%d ms", ms) + cold, f("by %d ms", ms - FIRST_TICK_MILLIS));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
