package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.needlepen.broker.EmbeddedBroker;
import com.needlepen.tools.cli.TelemetryMonitor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code needlepen simulate} in real time while the needles run, as a service manager
 * stops a program: the process ends by itself with the session's exit code, the cam parked and the
 * tips hidden, the session closed with reason "shutdown", and its end event delivered.
 */
class SimulateShutdownTest {

    @TempDir
    Path dir;

    @Test
    void givenARealTimeSessionRunning_whenSigtermArrives_thenThePenParksTheSessionClosesAsShutdownAndItsEndIsPublished()
            throws Exception {
        assertThat(SimulateCommandTest.runIn(dir, "calibrate", "--from-sim", "--technician", "ci").exit()).isZero();
        Path json = dir.resolve("s.json");
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             TelemetryMonitor monitor = new TelemetryMonitor(broker.url(), "shutdown-test-monitor")) {
            assertThat(monitor.start("needlepen/np-sim-0001", 5_000)).isTrue();
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process child = new ProcessBuilder(java, "-Dio.netty.noUnsafe=true", "-cp", System.getProperty("java.class.path"),
                    NeedlePenCli.class.getName(), "simulate", "--duration", "60s", "--broker", broker.url(),
                    "--data-dir", dir.toString(), "--summary-json", json.toString())
                    .redirectErrorStream(true).start();
            StringBuilder out = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.append(line).append('\n');
                    if (line.contains("RUNNING") && line.contains("strokes") && !line.contains("strokes       1")) {
                        break; // the needles are running
                    }
                }
                long sent = System.nanoTime();
                child.toHandle().destroy(); // SIGTERM
                assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("ended by itself").isTrue();
                System.out.printf("SIGTERM to exit: %d ms%n", (System.nanoTime() - sent) / 1_000_000);
                r.lines().forEach(l -> out.append(l).append('\n'));
            }
            System.out.println(out);
            assertThat(child.exitValue()).as(out.toString()).isIn(0, 3);
            JsonNode s = new ObjectMapper().readTree(json.toFile());
            assertThat(s.get("endReason").asText()).isEqualTo("shutdown");
            assertThat(s.get("truth").get("finalProtrusionMm").asDouble()).as("tips hidden").isNegative();
            assertThat(s.get("stopToParkedMs").asDouble()).as("parked as at a stop").isLessThan(100.0);
            assertThat(s.get("telemetry").get("undelivered").asLong()).isZero();
            JsonNode loop = s.get("loop");
            assertThat(loop.get("ticks").asLong()).as("real time runs on the firmware's loop runner").isPositive();
            assertThat(loop.get("waitStrategy").asText()).isEqualTo("park, then spin the last 100 µs");
            assertThat(loop.get("latenessMaxMicros").asDouble()).isGreaterThanOrEqualTo(loop.get("latenessP50Micros").asDouble());
            assertThat(monitor.awaitCount(s.get("published").asLong(), 5_000)).isTrue();
            assertThat(monitor.messages()).anySatisfy(m -> {
                assertThat(m.path("type").asText()).isEqualTo("session.end");
                assertThat(m.toString()).contains("shutdown");
            });
        }
    }
}
