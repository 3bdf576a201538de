package com.needlepen.tools.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A whole simulated session in a child JVM with a small heap: whether it passed (exit code 0), its
 * peak resident memory (VmHWM, sampled while it ran), its GCs (from {@code -Xlog:gc}), and how long
 * after the process started its first control tick ran.
 *
 * @param firstTickMillisFromSpawn  from just before the bench started the child to its first tick (the
 *                                  process's whole start, JVM creation included)
 * @param firstTickMillisFromJvmStart from the JVM's recorded start time (RuntimeMXBean) to its first tick
 * @param coldFirstTickMillisFromSpawn the same as {@code firstTickMillisFromSpawn} for the cold start before,
 *                                  which had no class-data archive yet (the first start after a build or install)
 * @param gcPausesAfterFirstTick  pauses once the control loop was ticking: these stop the loop thread too
 *                                (start-up's pauses, class loading's, do not)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FootprintFigures(List<String> command, Integer exitCode, Boolean passed, Double peakRssMiB,
                               String collector, Integer gcCount, Integer gcPauses, Double longestGcPauseMillis,
                               Integer gcPausesAfterFirstTick, Double longestGcPauseAfterFirstTickMillis,
                               Long firstTickMillisFromSpawn, Long firstTickMillisFromJvmStart,
                               Long coldFirstTickMillisFromSpawn, Double wallSeconds, String failure, String notMeasured) {

    static FootprintFigures notMeasured(List<String> command, String why) {
        return new FootprintFigures(command, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, why);
    }

    FootprintFigures withColdFirstTick(Long coldMillisFromSpawn) {
        return new FootprintFigures(command, exitCode, passed, peakRssMiB, collector, gcCount, gcPauses,
                longestGcPauseMillis, gcPausesAfterFirstTick, longestGcPauseAfterFirstTickMillis, firstTickMillisFromSpawn,
                firstTickMillisFromJvmStart, coldMillisFromSpawn, wallSeconds, failure, notMeasured);
    }

    boolean measured() {
        return notMeasured == null;
    }
}
