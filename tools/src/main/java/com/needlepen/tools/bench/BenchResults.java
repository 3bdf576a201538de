package com.needlepen.tools.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Everything one {@code needlepen bench} measured, as printed and as written to {@code --json}:
 * the three loops' lateness with ratios against the baselines from the same run, allocation per
 * tick, footprint, and the goals decided from them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchResults(int formatVersion, Machine machine, String profile, long periodMicros, long secondsPerLoop,
                           boolean quick, LoopFigures runner, LoopFigures executor, LoopFigures cyclictest,
                           Ratios ratios, AllocationFigures allocation, FootprintFigures footprint, List<Goal> goals) {

    public static final int FORMAT_VERSION = 1;

    /**
     * Where it ran. The load average is the machine's (other processes' work included): a busy
     * machine makes every loop later, the baselines too.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Machine(int cores, String os, String java, Double loadAverageAtStart, Double loadAverageAtEnd) {
    }

    /**
     * p99 lateness of one loop over another's from the same run (absent when either is, or the
     * baseline's p99 is 0).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ratios(Double runnerP99OverCyclictestP99, Double runnerP99OverExecutorP99,
                         Double executorP99OverCyclictestP99) {

        static Ratios of(LoopFigures runner, LoopFigures executor, LoopFigures cyclictest) {
            return new Ratios(p99Ratio(runner, cyclictest), p99Ratio(runner, executor), p99Ratio(executor, cyclictest));
        }
    }

    static Double p99Ratio(LoopFigures loop, LoopFigures baseline) {
        if (!loop.measured() || !baseline.measured() || baseline.p99Micros() <= 0) {
            return null;
        }
        return loop.p99Micros() / baseline.p99Micros();
    }
}
