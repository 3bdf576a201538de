package com.needlepen.firmware.session;

import com.needlepen.firmware.telemetry.TelemetryEvent;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Emits the control loop's events (run start and end, faults, refusals, checks), stamped with the
 * open session's id and both clocks. Events are rare: this may allocate.
 */
public final class ControllerEvents {

    private final TelemetrySink telemetry;
    private final SessionRecorder sessions;
    private final Clock clock;

    public ControllerEvents(TelemetrySink telemetry, SessionRecorder sessions, Clock clock) {
        this.telemetry = telemetry;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** {@code keysAndValues} alternate: key, value, key, value. */
    public void emit(String type, long nowNanos, Object... keysAndValues) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (sessions.current() != null) {
            f.put("sessionId", sessions.current().id());
        }
        f.put("monotonicMs", nowNanos / 1_000_000L);
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            f.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        telemetry.offerEvent(new TelemetryEvent(type, clock.utcEpochMillis(), f));
    }
}
