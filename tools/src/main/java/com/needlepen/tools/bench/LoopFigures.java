package com.needlepen.tools.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.HdrHistogram.Histogram;

/**
 * One loop's wake-up lateness (how long after its deadline the thread ran, µs) and what the loop
 * thread cost (CPU time over wall time, % of one core). A figure not measured is null (absent in
 * the JSON) and {@code notMeasured} says why; none is ever NaN or negative.
 *
 * @param plantPercentOfOneCore the share of it spent in the simulated plant, which a real pen does not run
 * @param penAtEnd              the firmware's state when the loop ended (a late loop can fault it: F15)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoopFigures(String loop, String how, Long samples, Double p50Micros, Double p99Micros, Double p999Micros,
                          Double maxMicros, Double cpuPercentOfOneCore, Double plantPercentOfOneCore, Long overruns,
                          Long missedDeadlines, String penAtEnd, String notMeasured) {

    static LoopFigures notMeasured(String loop, String why) {
        return new LoopFigures(loop, null, null, null, null, null, null, null, null, null, null, null, why);
    }

    /** From a histogram of lateness in ns and the thread's CPU and wall time over the same span. */
    static LoopFigures of(String loop, String how, Histogram latenessNanos, long cpuNanos, long wallNanos,
                          Long plantNanos, Long overruns, Long missedDeadlines, String penAtEnd) {
        if (latenessNanos.getTotalCount() == 0) {
            return notMeasured(loop, "the loop recorded no ticks");
        }
        return new LoopFigures(loop, how, latenessNanos.getTotalCount(),
                micros(latenessNanos.getValueAtPercentile(50.0)), micros(latenessNanos.getValueAtPercentile(99.0)),
                micros(latenessNanos.getValueAtPercentile(99.9)), micros(latenessNanos.getMaxValue()),
                percent(cpuNanos, wallNanos), plantNanos == null ? null : percent(plantNanos, wallNanos), overruns,
                missedDeadlines, penAtEnd, null);
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
