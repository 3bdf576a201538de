package com.needlepen.tools.cli;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code simulate} reports: the firmware's view of the session, the sim's truth, and what
 * telemetry delivered; docs/simulate.md describes every field. A figure that is unknown (no
 * session opened, the needles never ran, the pen never parked) is absent, never NaN, and no figure
 * is negative where it cannot be. Apart from the ids, which are unique to each run, nothing here
 * depends on the wall clock, so the same seed gives the same summary.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionSummary(
        String sessionId,
        String profile,
        long seed,
        String cartridge,
        String cartridgeId,
        double depthMm,
        double rateHz,
        double durationSeconds,
        String calibrationId,
        String endReason,
        String notStarted,
        String fault,
        String depthError,
        Double meanRateHz,
        long strokes,
        Double spinUpMs,
        double activeSeconds,
        Double stopToParkedMs,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<RateChange> rateChanges,
        Truth truth,
        Loop loop,
        Telemetry telemetry,
        long published,
        long received) {

    /** What ended the session: the firmware's end reason, or why none ran. */
    public static final String NOT_STARTED = "not started";

    /**
     * The simulated pen's truth, which no firmware can see.
     *
     * @param meanRateHz        mean true shaft rate after spin-up (absent unless the run ran to its end)
     * @param excursions        needle excursions out of the collar
     * @param peakProtrusionMm  deepest the tips went (negative: they never left the collar)
     * @param depthErrorMm      peak protrusion minus the set depth (absent when the needles never ran)
     * @param stopToRestMs      from the end of the run (the stop, or the fault) to the shaft at rest; 0 when it
     *                          was already still (a jam stops it before the fault latches); absent when no run
     * @param finalProtrusionMm where the tips are at the end (negative: hidden)
     * @param hottestNoseCelsius the hottest the applied part (the nose) got since power-on, which IEC 60601-1
     *                          limits to 43 °C; the firmware only estimates it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Truth(Double meanRateHz, long excursions, double peakProtrusionMm, Double depthErrorMm,
                        Double stopToRestMs, double finalProtrusionMm, Double hottestNoseCelsius) {
    }

    /**
     * A change of the set rate the firmware made on its own (simulate sets it once): a warm handpiece
     * held to the profile's {@code safety.warningMaxRateHz}, or the rate given back once it cooled.
     *
     * @param atSeconds from power-on
     * @param prompt    what the panel's prompt line said then, absent if nothing
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RateChange(double atSeconds, double fromHz, double toHz, String prompt) {
    }

    /**
     * The firmware's real-time loop runner in a real-time session (absent in virtual time, where
     * lateness means nothing): how late it woke against each deadline, and what it missed.
     */
    public record Loop(String waitStrategy, long periodMicros, long ticks, double latenessP50Micros,
                       double latenessP99Micros, double latenessP999Micros, double latenessMaxMicros, long overruns,
                       long missedDeadlines) {
    }

    /**
     * Telemetry accounting.
     *
     * @param samplesProduced   samples the firmware offered
     * @param samplesDropped    samples the ring could not take (full)
     * @param samplesPublished  samples the broker acknowledged
     * @param eventsPublished   events the broker acknowledged
     * @param delivered         all messages the broker acknowledged (status, events, samples)
     * @param undelivered       messages still waiting at the end (the outbox is in memory: lost when the
     *                          process ends)
     * @param received          messages this run's monitor (a subscriber) received
     * @param brokerReached     whether the publisher ever connected
     * @param brokerReachedAtStart whether it was connected before the session began
     * @param brokerConnects    how many times its link came up
     * @param monitorSubscribed whether the monitor's subscription was granted (at start or later)
     * @param monitorConnects   how many times the monitor's link came up
     * @param notSeenByMonitor  delivered messages the monitor did not receive because it was not subscribed
     *                          when they were delivered
     * @param notSeenSeqs       their sequence numbers, e.g. "311-332" (absent when none, or unknown)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Telemetry(long samplesProduced, long samplesDropped, long samplesPublished, long eventsPublished,
                            long delivered, long undelivered, long received, boolean brokerReached,
                            boolean brokerReachedAtStart, long brokerConnects, boolean monitorSubscribed,
                            long monitorConnects, long notSeenByMonitor, String notSeenSeqs) {
    }
}
