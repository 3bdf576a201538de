package com.needlepen.firmware.telemetry;

/**
 * Where the control loop hands telemetry. Implementations never block the caller: samples go into
 * a bounded preallocated ring and may be dropped (counted) when it is full; events are never
 * dropped. All calls come from the control thread.
 */
public interface TelemetrySink {

    /** Copies {@code sample}; returns false (and counts a drop) if there was no room. Allocates nothing. */
    boolean offerSample(TelemetrySample sample);

    /** Queues an event built as an object (the session's start and end) for delivery; never drops it. */
    void offerEvent(TelemetryEvent event);

    /**
     * Copies {@code event}, the control loop's preallocated slot (filled again for its next event
     * once this returns), and queues it for delivery in order with the events before it; never drops
     * it. A sink with preallocated slots of its own ({@link MqttTelemetry}) allocates nothing here
     * while they last; by default the event is handed on as an object to
     * {@link #offerEvent(TelemetryEvent)}, which allocates.
     */
    default void offerEvent(EventSlot event) {
        offerEvent(event.toEvent());
    }

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
        public void offerEvent(EventSlot event) {
        }

        @Override
        public void sessionChanged(String sessionId) {
        }
    };
}
