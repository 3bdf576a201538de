package com.needlepen.tools.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.HdrHistogram.Histogram;

/**
 * One loop's wake-up lateness (how long after its deadline the thread ran, µs) and what the loop
 * thread cost (CPU time over wall time, % of one core). A figure not measured is null (absent in
 * the JSON) and {@code notMeasured} says why; none is ever NaN or negative.
 *
 * @param plantPercentOfOneCore the share of it spent in the simulated plant, which a real pen does not run
 * @param longestTickMicros     the longest tick: a long tick makes the next wake-ups late; a late wake-up after
 *                              short ticks is the thread not being scheduled
 * @param overruns              ticks longer than the period
 * @param penAtEnd              the firmware's state when the loop ended (a late loop can fault it: F15)
 * @param machineBusyPercent    how busy all the machine's CPUs were meanwhile, this loop included (other
 *                              processes make every loop later); /proc/stat's figure, sampled at the timer
 *                              tick, so it misses much of short wake-ups like the loops' own
 * @param machineStealPercent   CPU time the hypervisor took from this virtual machine meanwhile (0 on bare metal)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoopFigures(String loop, String how, Long samples, Double p50Micros, Double p99Micros, Double p999Micros,
                          Double maxMicros, Double cpuPercentOfOneCore, Double plantPercentOfOneCore,
                          Double longestTickMicros, Long overruns, Long missedDeadlines, String penAtEnd,
                          Double machineBusyPercent, Double machineStealPercent, String notMeasured) {

    static LoopFigures notMeasured(String loop, String why) {
        return new LoopFigures(loop, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                why);
    }

    /** From a histogram of lateness in ns and the thread's CPU and wall time over the same span. */
    static LoopFigures of(String loop, String how, Histogram latenessNanos, long cpuNanos, long wallNanos,
                          Long plantNanos, Long longestTickNanos, Long overruns, Long missedDeadlines, String penAtEnd) {
        if (latenessNanos.getTotalCount() == 0) {
            return notMeasured(loop, "the loop recorded no ticks");
        }
        return new LoopFigures(loop, how, latenessNanos.getTotalCount(),
                micros(latenessNanos.getValueAtPercentile(50.0)), micros(latenessNanos.getValueAtPercentile(99.0)),
                micros(latenessNanos.getValueAtPercentile(99.9)), micros(latenessNanos.getMaxValue()),
                percent(cpuNanos, wallNanos), plantNanos == null ? null : percent(plantNanos, wallNanos),
                longestTickNanos == null ? null : micros(longestTickNanos), overruns, missedDeadlines, penAtEnd, null,
                null, null);
    }

    /** These figures with the machine's load between {@code before} and {@code after} (unknown: unchanged). */
    LoopFigures withMachineLoad(ProcFiles.SystemCpu before, ProcFiles.SystemCpu after) {
        if (!measured() || before == null || after == null) {
            return this;
        }
        return new LoopFigures(loop, how, samples, p50Micros, p99Micros, p999Micros, maxMicros, cpuPercentOfOneCore,
                plantPercentOfOneCore, longestTickMicros, overruns, missedDeadlines, penAtEnd,
                after.busyPercentSince(before), after.stealPercentSince(before), null);
    }

    boolean measured() {
        return notMeasured == null;
    }

    private static double micros(long nanos) {
        return Math.max(0, nanos) / 1_000.0;
    }

    static Double percent(long partNanos, long wallNanos) {
        if (wallNanos <= 0 || partNanos < 0) {
            return null;
        }
        return 100.0 * partNanos / wallNanos;
    }
}
