package com.needlepen.tools.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Bytes the firmware's {@code tick()} allocated in RUNNING (ticks that began and ended in RUNNING),
 * and, apart from them, in the ticks of stopping, the zero check and starting again. All figures are
 * counts or sums (never NaN, never negative); {@code notMeasured} says why when there are none.
 *
 * @param ticksWithEvent ticks in RUNNING that emitted a telemetry event (a thermal warning, say), reported
 *                       apart from the steady ticks (the rest), as an event takes a path of its own
 * @param largest  the ticks in RUNNING that allocated most, with what the tick emitted
 * @param coverage what the measured ticks went through
 * @param warmUpPassBytes bytes in RUNNING of the unmeasured pass that first runs every path (the JIT
 *                        compiles as it goes, and the interpreter allocates what compiled code does not)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AllocationFigures(String method, Long runningTicks, Long bytesTotal, Double bytesPerTick,
                                Long allocatingTicks, Long ticksWithEvent, Long bytesInTicksWithEvent,
                                Long bytesInTicksWithoutEvent, List<AllocatingTick> largest, Long ticksOutsideRunning,
                                Long bytesOutsideRunning, Coverage coverage, Long warmUpPassRunningTicks,
                                Long warmUpPassBytes, String notMeasured) {

    /** One tick in RUNNING that allocated: which (counted from the first measured), in which run, what it emitted. */
    public record AllocatingTick(long runningTick, int run, long bytes, String emitted) {
    }

    /**
     * @param indexEdges      index pulses the firmware counted in the measured RUNNING ticks
     * @param samples         telemetry samples handed to the sink
     * @param depthChanges    depth changes applied (panel presses)
     * @param rateChanges     rate changes applied (panel presses, a request, the thermal warning's)
     * @param thermalWarnings handpiece warnings (39 °C) that lowered the rate
     * @param runs            runs measured, all in one session
     * @param oneSession      whether the runs were all in the same session
     */
    public record Coverage(long indexEdges, long samples, long depthChanges, long rateChanges, long thermalWarnings,
                           int runs, boolean oneSession) {
    }

    static AllocationFigures notMeasured(String why) {
        return new AllocationFigures(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                why);
    }

    boolean measured() {
        return notMeasured == null;
    }
}
