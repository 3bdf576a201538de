package com.needlepen.tools.cli;

/**
 * What {@code simulate} reports: the firmware's view of the session, the sim's truth, and what
 * telemetry delivered. Nothing here depends on the wall clock, so the same seed gives the same
 * summary.
 */
public record SessionSummary(
        String sessionId,
        String profile,
        long seed,
        String cartridge,
        double depthMm,
        double rateHz,
        double durationSeconds,
        String calibrationId,
        double meanRateHz,
        long strokes,
        double spinUpMs,
        double activeSeconds,
        String endReason,
        String fault,
        double stopToParkedMs,
        Truth truth,
        Telemetry telemetry,
        long published,
        long received) {

    /** The simulated pen's truth, which no firmware can see. */
    public record Truth(double meanRateHz, long excursions, double peakProtrusionMm, double stopToRestMs,
                        double finalProtrusionMm) {
    }

    /** Telemetry accounting. */
    public record Telemetry(long samplesProduced, long samplesDropped, long eventsPublished, long delivered,
                            long undelivered, long received, boolean brokerReached) {
    }
}
