package com.needlepen.firmware.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * A sample carries the sensor's reading and the firmware's two estimates beside it: the applied part's (what the
 * warning and the cut-off judge, H47) and the winding's (what F24 judges while running, H33); an estimate that
 * is not a number is written as null, which JSON has (NaN it has not). The copy the sink makes keeps both.
 */
class SampleJsonTest {

    private static JsonNode encode(TelemetrySample s) throws Exception {
        TelemetrySample copy = new TelemetrySample();
        copy.copyFrom(s);
        return new ObjectMapper().readTree(new TelemetryJson("np-test").sample(7, "S-1", copy));
    }

    @Test
    void givenASampleWithBothEstimates_thenTheyAreBesideTheReading() throws Exception {
        TelemetrySample s = new TelemetrySample();
        s.stateOrdinal = com.needlepen.firmware.state.PenState.RUNNING.ordinal();
        s.handpieceCelsius = 31.2345;
        s.noseCelsius = 33.4567;
        s.windingCelsius = 48.26;
        JsonNode n = encode(s);
        assertThat(n.get("handpieceCelsius").asDouble()).isEqualTo(31.23);
        assertThat(n.get("noseCelsius").asDouble()).isEqualTo(33.46);
        assertThat(n.get("windingCelsius").asDouble()).isEqualTo(48.3);
    }

    @Test
    void givenEstimatesThatAreNotANumber_thenNull() throws Exception {
        TelemetrySample s = new TelemetrySample();
        s.noseCelsius = Double.NaN;
        s.windingCelsius = Double.POSITIVE_INFINITY;
        JsonNode n = encode(s);
        assertThat(n.get("noseCelsius").isNull()).isTrue();
        assertThat(n.get("windingCelsius").isNull()).isTrue();
    }
}
