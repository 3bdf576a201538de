package com.needlepen.tools;

import com.needlepen.firmware.behaviour.PenBench;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.session.Session;
import com.needlepen.hal.PanelButton;
import com.needlepen.broker.EmbeddedBroker;
import com.needlepen.tools.cli.TelemetryRig;
import com.needlepen.hal.sim.SimulatedPenFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A whole session on the sim, published to a real in-JVM broker and read back by a subscriber. */
class TelemetryEndToEndTest {

    @Test
    void givenASessionWhenPublishedThenTheReceivedMessagesMatchItInCountOrderAndContent() throws Exception {
        var profile = ProfileLoader.bundled("sim");
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            PenBench[] holder = new PenBench[1];
            TelemetryRig rig = TelemetryRig.start(broker.url(), profile.telemetry(),
                    () -> holder[0] == null ? SimulatedPenFactory.SIM_EPOCH_MILLIS : holder[0].pen.clock().utcEpochMillis());
            PenBench bench = new PenBench(profile, "12-pin", 1.0, 120, 5, rig.telemetry());
            holder[0] = bench;
            bench.insertCartridge().ready();
            bench.sim.setSkinContact(true);
            bench.click(PanelButton.START_STOP).running();
            bench.run(10 * S);
            bench.click(PanelButton.START_STOP);
            bench.run(S);
            bench.controller.submit(Request.endSession()); // after a run: the collar's zero check, then the end
            bench.runner.runUntil(() -> bench.controller.sessions().current() == null, 5 * S);
            bench.run(10 * PenBench.MS);
            TelemetryRig.Counts counts = rig.finish(5_000);

            Session session = bench.controller.sessions().endedSessions().get(0);
            List<JsonNode> got = rig.monitor().messages();
            assertThat(counts.undelivered()).isZero();
            assertThat(counts.received()).isEqualTo(counts.delivered());
            assertThat(got).hasSize((int) counts.delivered());

            for (JsonNode m : got) {
                assertThat(TelemetrySchemas.validate(m)).as("schema of %s", m).isEmpty();
            }
            // order: one sequence across topics, strictly increasing as received
            for (int i = 1; i < got.size(); i++) {
                assertThat(got.get(i).get("seq").asLong()).isGreaterThan(got.get(i - 1).get("seq").asLong());
            }
            assertThat(got.get(0).get("status").asText()).isEqualTo("online");
            assertThat(got.get(got.size() - 1).get("status").asText()).isEqualTo("offline");

            List<String> events = got.stream().filter(m -> m.get("_topic").asText().endsWith("/events"))
                    .map(m -> m.get("type").asText()).toList();
            assertThat(events).containsExactly("collar.check.start", "collar.check", "session.start", "run.start",
                    "run.end", "collar.check.start", "collar.check", "session.end");

            List<JsonNode> samples = got.stream().filter(m -> m.get("_topic").asText().endsWith("/samples")).toList();
            assertThat(samples).hasSize((int) bench.controller.status().samplesOffered());
            assertThat(samples.size()).isBetween(100, 101);
            long lastStrokes = -1;
            for (JsonNode s : samples) {
                assertThat(s.get("schema").asText()).isEqualTo("needlepen.sample/1");
                assertThat(s.get("sessionId").asText()).isEqualTo(session.id());
                assertThat(s.get("state").asText()).isEqualTo("RUNNING");
                assertThat(s.get("setDepthMm").asDouble()).isEqualTo(1.0);
                assertThat(s.get("setRateHz").asDouble()).isEqualTo(120.0);
                assertThat(s.get("strokes").asLong()).isGreaterThanOrEqualTo(lastStrokes);
                lastStrokes = s.get("strokes").asLong();
            }
            JsonNode last = samples.get(samples.size() - 1);
            assertThat(last.get("actualRateHz").asDouble()).isBetween(118.0, 122.0);

            JsonNode end = got.stream().filter(m -> "session.end".equals(m.path("type").asText())).findFirst().orElseThrow();
            assertThat(end.get("sessionId").asText()).isEqualTo(session.id());
            assertThat(end.get("strokes").asLong()).isEqualTo(session.strokes());
            assertThat(end.get("endReason").asText()).isEqualTo("completed");
            assertThat(end.get("runs").asInt()).isEqualTo(1);
            JsonNode start = got.stream().filter(m -> "session.start".equals(m.path("type").asText())).findFirst().orElseThrow();
            assertThat(start.get("cartridgeId").asText()).isEqualTo("CART-TEST");
            assertThat(start.get("needles").asInt()).isEqualTo(12);
        }
    }
}
