package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.needlepen.firmware.telemetry.MqttTelemetry;
import org.junit.jupiter.api.Test;

/** The published schemas really constrain the payloads (so the end-to-end check can fail). */
class TelemetrySchemasTest {

    private static ObjectNode sample() throws Exception {
        return (ObjectNode) new ObjectMapper().readTree("""
                {"schema":"needlepen.sample/1","deviceId":"np-1","seq":3,"utc":"2027-01-01T00:00:01Z",
                 "sessionId":"s","monotonicMs":1000,"state":"RUNNING","setDepthMm":1.0,"collarSteps":5120,
                 "collarDepthMm":1.0,"setRateHz":100.0,"actualRateHz":99.9,"dutyFraction":0.5,
                 "motorCurrentAmps":0.1,"handpieceCelsius":25.0,"strokes":100}""");
    }

    @Test
    void givenAWellFormedSampleThenItValidates() throws Exception {
        assertThat(TelemetrySchemas.validate(sample())).isEmpty();
    }

    @Test
    void givenASampleWithTheFirmwaresNoseAndWindingEstimates_thenItValidates_asANullOne_butNotAString() throws Exception {
        assertThat(TelemetrySchemas.validate(sample().put("noseCelsius", 33.46).put("windingCelsius", 48.3))).isEmpty();
        assertThat(TelemetrySchemas.validate(sample().putNull("noseCelsius").putNull("windingCelsius"))).isEmpty();
        assertThat(TelemetrySchemas.validate(sample().put("windingCelsius", "hot"))).isNotEmpty();
    }

    @Test
    void givenASampleWithADutyAboveOneOrAMissingFieldOrAnExtraFieldThenItIsRejected() throws Exception {
        assertThat(TelemetrySchemas.validate(sample().put("dutyFraction", 1.5))).isNotEmpty();
        ObjectNode missing = sample();
        missing.remove("strokes");
        assertThat(TelemetrySchemas.validate(missing)).isNotEmpty();
        assertThat(TelemetrySchemas.validate(sample().put("depth", 2))).isNotEmpty();
    }

    @Test
    void givenTheLastWillThenItValidatesWithoutSeqAndUtc_butThePensOwnStatusesMustCarryBoth() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode will = (ObjectNode) mapper.readTree(MqttTelemetry.lastWill("needlepen/np-1", "np-1").payload());
        assertThat(will.has("seq") || will.has("utc")).as("the will is the broker's, not in the pen's sequence").isFalse();
        assertThat(TelemetrySchemas.validate(will)).isEmpty();

        ObjectNode cleanClose = will.deepCopy().put("seq", 42).put("utc", "2027-01-01T00:00:01Z");
        assertThat(TelemetrySchemas.validate(cleanClose)).isEmpty();
        ObjectNode birthWithoutSeqOrUtc = will.deepCopy().put("status", "online");
        assertThat(TelemetrySchemas.validate(birthWithoutSeqOrUtc)).as("a birth must carry seq and utc").isNotEmpty();
        ObjectNode offlineWithSeqOnly = will.deepCopy().put("seq", 42);
        assertThat(TelemetrySchemas.validate(offlineWithSeqOnly)).as("seq without utc").isNotEmpty();
    }

    @Test
    void givenAFaultEventWithoutItsCodeThenItIsRejected() throws Exception {
        ObjectNode event = (ObjectNode) new ObjectMapper().readTree("""
                {"schema":"needlepen.event/1","deviceId":"np-1","seq":9,"utc":"2027-01-01T00:00:01Z",
                 "type":"fault","description":"x","detail":""}""");
        assertThat(TelemetrySchemas.validate(event)).isNotEmpty();
        assertThat(TelemetrySchemas.validate(event.put("code", "F02"))).isEmpty();
    }
}
