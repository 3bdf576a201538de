package com.needlepen.firmware.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An event filled into a slot is published byte for byte as it was when events were maps of boxed
 * values encoded by Jackson, and events reach the broker in the order they were offered, whichever
 * way they came, none dropped when the ring is full.
 */
class EventJsonTest {

    private static final long UTC = 1_798_761_600_123L;

    /** How an event map was encoded before events were slots: each value through {@code valueToTree}. */
    private static String boxedEncoding(long seq, String type, Map<String, Object> fields) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode n = mapper.createObjectNode();
        n.put("schema", TelemetryJson.EVENT_SCHEMA);
        n.put("deviceId", "np-test");
        n.put("seq", seq);
        n.put("utc", Instant.ofEpochMilli(UTC).toString());
        n.put("type", type);
        fields.forEach((k, v) -> n.set(k, mapper.valueToTree(v)));
        return new String(mapper.writeValueAsBytes(n), StandardCharsets.UTF_8);
    }

    private static String slotEncoding(long seq, EventSlot slot) {
        return new String(new TelemetryJson("np-test").event(seq, slot), StandardCharsets.UTF_8);
    }

    @Test
    void givenEveryKindOfValue_whenEncodedFromASlot_thenTheJsonIsTheBoxedEventsByteForByte() throws Exception {
        Map<String, Object> boxed = new LinkedHashMap<>();
        boxed.put("sessionId", "np-sim-0001-20270101T000006Z-3fa2c1-1");
        boxed.put("monotonicMs", 39_951L);
        boxed.put("celsius", 39.00005019843729);
        boxed.put("maxRateHz", 100.0);
        boxed.put("offsetMm", -0.00125);
        boxed.put("tiny", 1e-7);
        boxed.put("huge", 1.5e300);
        boxed.put("notANumber", Double.NaN);
        boxed.put("needles", 12);
        boxed.put("strokes", 9_876_543_210L);
        boxed.put("found", true);
        boxed.put("lost", false);
        boxed.put("detail", "41.0 °C, cut-off 41.0 °C \"quoted\"\n");
        boxed.put("cartridgeId", null);
        EventSlot slot = new EventSlot().start("every.kind", UTC)
                .put("sessionId", "np-sim-0001-20270101T000006Z-3fa2c1-1").put("monotonicMs", 39_951L)
                .put("celsius", 39.00005019843729).put("maxRateHz", 100.0).put("offsetMm", -0.00125).put("tiny", 1e-7)
                .put("huge", 1.5e300).put("notANumber", Double.NaN).put("needles", 12).put("strokes", 9_876_543_210L)
                .put("found", true).put("lost", false).put("detail", "41.0 °C, cut-off 41.0 °C \"quoted\"\n")
                .put("cartridgeId", (String) null);

        assertThat(slotEncoding(7, slot)).isEqualTo(boxedEncoding(7, "every.kind", boxed));
        EventSlot fromObject = new EventSlot();
        fromObject.copyFrom(new TelemetryEvent("every.kind", UTC, boxed));
        assertThat(slotEncoding(7, fromObject)).as("an event built as an object").isEqualTo(slotEncoding(7, slot));
    }

    @Test
    void givenValuesJacksonEncodesItsOwnWay_whenAnObjectEventIsCopiedIntoASlot_thenTheyAreEncodedAsBefore()
            throws Exception {
        Map<String, Object> boxed = new LinkedHashMap<>();
        boxed.put("float", 1.1f);
        boxed.put("decimal", new BigDecimal("2.50"));
        boxed.put("list", List.of(1, "two"));
        EventSlot slot = new EventSlot();
        slot.copyFrom(new TelemetryEvent("odd.values", UTC, boxed));
        assertThat(slotEncoding(1, slot)).isEqualTo(boxedEncoding(1, "odd.values", boxed));
    }

    @Test
    void givenMoreEventsThanTheRingHoldsBeforeThePublisherRuns_whenItStarts_thenAllArePublishedInOfferOrder() {
        RecordingTransport transport = new RecordingTransport();
        MqttTelemetry telemetry = new MqttTelemetry(transport, "needlepen/np-test", "np-test", 16, () -> UTC);
        int count = MqttTelemetry.EVENT_SLOTS + 50;
        EventSlot slot = new EventSlot();
        for (int n = 0; n < count; n++) {
            if (n % 7 == 0) { // the session's events come as objects, in the same order
                telemetry.offerEvent(new TelemetryEvent("object", UTC, Map.of("n", n)));
            } else {
                telemetry.offerEvent(slot.start("slot", UTC).put("n", n));
            }
        }
        assertThat(telemetry.eventsOverflowed()).isEqualTo(50);
        assertThat(telemetry.backlog()).isEqualTo(count);
        telemetry.start();
        try {
            assertThat(telemetry.flush(10_000)).isTrue();
            List<String> events = transport.payloads("/events");
            assertThat(events).hasSize(count);
            for (int n = 0; n < count; n++) {
                assertThat(events.get(n)).endsWith("\"type\":\"" + (n % 7 == 0 ? "object" : "slot") + "\",\"n\":" + n + "}");
            }
        } finally {
            telemetry.close(2_000);
        }
    }
}
