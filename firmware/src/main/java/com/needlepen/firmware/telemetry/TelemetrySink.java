package com.needlepen.firmware.telemetry;

/**
 * Where the control loop hands telemetry. Implementations never block the caller: samples go into
 * a bounded preallocated ring and may be dropped (counted) when it is full; events are never
 * dropped.
 */
public interface TelemetrySink {

    /** Copies {@code sample}; returns false (and counts a drop) if there was no room. Allocates nothing. */
    boolean offerSample(TelemetrySample sample);

    /** Queues an event for delivery; never drops it. */
    void offerEvent(TelemetryEvent event);

    /** Tells the sink which session the samples that follow belong to (null: none). */
    void sessionChanged(String sessionId);

    /** A sink that keeps nothing, for firmware built without telemetry in tests. */
    TelemetrySink NONE = new TelemetrySink() {
        @Override
        public boolean offerSample(TelemetrySample sample) {
            return true;
        }

        @Override
        public void offerEvent(TelemetryEvent event) {
        }

        @Override
        public void sessionChanged(String sessionId) {
        }
    };
}
