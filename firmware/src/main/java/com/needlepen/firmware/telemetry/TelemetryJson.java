package com.needlepen.firmware.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.needlepen.firmware.state.PenState;
import java.time.Instant;

/**
 * Encodes telemetry as versioned JSON (docs/telemetry.md and the published schemas under
 * resources/schemas/ describe each). Runs on the publisher thread, never on the control thread.
 */
final class TelemetryJson {

    static final String SAMPLE_SCHEMA = "needlepen.sample/1";
    static final String EVENT_SCHEMA = "needlepen.event/1";
    static final String STATUS_SCHEMA = "needlepen.status/1";

    private static final PenState[] STATES = PenState.values();

    private final ObjectMapper mapper = new ObjectMapper();
    private final String deviceId;

    TelemetryJson(String deviceId) {
        this.deviceId = deviceId;
    }

    byte[] sample(long seq, String sessionId, TelemetrySample s) {
        ObjectNode n = header(SAMPLE_SCHEMA, seq, s.utcEpochMillis);
        n.put("sessionId", sessionId);
        n.put("monotonicMs", s.monotonicNanos / 1_000_000L);
        n.put("state", STATES[s.stateOrdinal].name());
        n.put("setDepthMm", s.setDepthMm);
        n.put("collarSteps", s.collarSteps);
        n.put("collarDepthMm", round(s.collarDepthMm, 4));
        n.put("setRateHz", s.setRateHz);
        n.put("actualRateHz", round(s.actualRateHz, 3));
        n.put("dutyFraction", round(s.dutyFraction, 4));
        n.put("motorCurrentAmps", round(s.motorCurrentAmps, 4));
        n.put("handpieceCelsius", round(s.handpieceCelsius, 2));
        putOrNull(n, "noseCelsius", s.noseCelsius, 2);
        putOrNull(n, "windingCelsius", s.windingCelsius, 1);
        n.put("strokes", s.strokes);
        return bytes(n);
    }

    /** Each field as Jackson encodes its value boxed (a long as an integer, a double as Jackson writes doubles). */
    byte[] event(long seq, EventSlot e) {
        ObjectNode n = header(EVENT_SCHEMA, seq, e.utcEpochMillis());
        n.put("type", e.type());
        for (int i = 0; i < e.size(); i++) {
            String key = e.key(i);
            switch (e.kind(i)) {
                case EventSlot.LONG -> n.put(key, e.longValue(i));
                case EventSlot.DOUBLE -> n.put(key, e.doubleValue(i));
                case EventSlot.BOOLEAN -> n.put(key, e.booleanValue(i));
                case EventSlot.STRING -> n.put(key, (String) e.ref(i));
                default -> n.set(key, mapper.valueToTree(e.ref(i)));
            }
        }
        return bytes(n);
    }

    byte[] status(long seq, String status, long utcEpochMillis) {
        ObjectNode n = header(STATUS_SCHEMA, seq, utcEpochMillis);
        n.put("status", status);
        return bytes(n);
    }

    private ObjectNode header(String schema, long seq, long utcEpochMillis) {
        ObjectNode n = mapper.createObjectNode();
        n.put("schema", schema);
        n.put("deviceId", deviceId);
        n.put("seq", seq);
        n.put("utc", Instant.ofEpochMilli(utcEpochMillis).toString());
        return n;
    }

    private byte[] bytes(ObjectNode n) {
        try {
            return mapper.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode telemetry", e);
        }
    }

    /** An estimate that is not a number (a reading that is not one) is written as null, which JSON has. */
    private static void putOrNull(ObjectNode n, String key, double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, round(v, decimals));
        }
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
