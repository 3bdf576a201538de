package com.needlepen.firmware.telemetry;

import java.util.Map;

/**
 * Something that happened (session start or end, a run, a fault, a refused input), as an object:
 * how the session's start and end are built, and how a sink that keeps events (tests, tools) gets
 * them by default. The control loop's events travel as preallocated {@link EventSlot}s instead, so
 * emitting one allocates nothing. Events are never dropped.
 *
 * @param type            e.g. {@code session.start}
 * @param utcEpochMillis  when, by the device's UTC clock
 * @param fields          the event's content, in insertion order
 */
public record TelemetryEvent(String type, long utcEpochMillis, Map<String, Object> fields) {

    public TelemetryEvent {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }
}
