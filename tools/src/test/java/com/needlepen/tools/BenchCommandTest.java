package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code needlepen bench --quick}: every figure is in the JSON, none NaN or negative, and the steady
 * RUNNING ticks of three runs in one session allocate nothing. How fast anything was is not asserted
 * (that is what the bench is for); a cyclictest that is not installed is absent with its reason.
 */
class BenchCommandTest {

    private static final List<String> LOOP_FIGURES = List.of("samples", "p50Micros", "p99Micros", "p999Micros",
            "maxMicros", "cpuPercentOfOneCore");

    @TempDir
    Path dir;

    @Test
    void givenAQuickBenchWhenItRunsThenTheJsonHasEveryFigureAndSteadyRunningTicksAllocateNothing() throws Exception {
        Path json = dir.resolve("bench.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = NeedlePenCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "bench", "--quick", "--json",
                json.toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Wake-up lateness").contains("Allocation in RUNNING").contains("Footprint")
                .contains("Goals");
        String text = Files.readString(json);
        assertThat(text).doesNotContainIgnoringCase("nan").doesNotContainIgnoringCase("infinity");
        JsonNode r = new ObjectMapper().readTree(text);
        assertThat(negativeNumbers(r, "")).as("negative figures").isEmpty();
        assertThat(r.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(r.get("periodMicros").asLong()).isEqualTo(1000);
        assertThat(r.get("machine").get("cores").asInt()).isPositive();

        for (String loop : List.of("runner", "executor")) {
            assertLoopFigures(r.get(loop));
            assertThat(r.get(loop).get("plantPercentOfOneCore").isNumber()).isTrue();
            assertThat(r.get(loop).get("longestTickMicros").isNumber()).isTrue();
            assertThat(r.get(loop).get("overruns").isIntegralNumber()).isTrue();
            assertThat(r.get(loop).get("penAtEnd").asText()).isNotBlank();
        }
        assertThat(r.get("runner").get("missedDeadlines").isIntegralNumber()).isTrue();
        JsonNode cyclictest = r.get("cyclictest");
        if (cyclictest.has("notMeasured")) {
            assertThat(cyclictest.get("notMeasured").asText()).isNotBlank();
            assertThat(r.get("ratios").has("runnerP99OverCyclictestP99")).isFalse();
        } else {
            assertLoopFigures(cyclictest);
            assertThat(cyclictest.get("how").asText()).contains("-i 1000");
        }
        assertThat(r.get("ratios").get("runnerP99OverExecutorP99").isNumber()).isTrue();

        JsonNode a = r.get("allocation");
        assertThat(a.get("runningTicks").asLong()).isGreaterThanOrEqualTo(150_000);
        assertThat(a.get("bytesInTicksWithoutEvent").asLong()).as("bytes in steady RUNNING ticks").isZero();
        assertThat(a.get("ticksWithEvent").asLong()).as("ticks in RUNNING that emitted an event").isPositive();
        assertThat(a.get("bytesInTicksWithEvent").asLong()).as("bytes in RUNNING ticks that emitted an event").isZero();
        assertThat(a.get("bytesTotal").asLong()).isZero();
        assertThat(a.get("bytesPerTick").isNumber()).isTrue();
        JsonNode c = a.get("coverage");
        assertThat(c.get("indexEdges").asLong()).isGreaterThan(10_000);
        assertThat(c.get("samples").asLong()).isGreaterThan(1_000);
        assertThat(c.get("depthChanges").asLong()).isGreaterThanOrEqualTo(6);
        assertThat(c.get("rateChanges").asLong()).isGreaterThanOrEqualTo(6);
        assertThat(c.get("thermalWarnings").asLong()).isEqualTo(1);
        assertThat(c.get("runs").asInt()).isEqualTo(3);
        assertThat(c.get("oneSession").asBoolean()).isTrue();

        JsonNode f = r.get("footprint");
        assertThat(f.has("notMeasured")).as(f.toString()).isFalse();
        assertThat(f.get("exitCode").asInt()).as(f.toString()).isZero();
        assertThat(f.get("passed").asBoolean()).isTrue();
        for (String figure : List.of("peakRssMiB", "gcCount", "gcPauses", "longestGcPauseMillis",
                "gcPausesAfterFirstTick", "longestGcPauseAfterFirstTickMillis", "firstTickMillisFromSpawn", "firstTickMillisFromJvmStart", "wallSeconds")) {
            assertThat(f.get(figure)).as(figure).isNotNull();
            assertThat(f.get(figure).isNumber()).as(figure).isTrue();
        }
        assertThat(f.get("peakRssMiB").asDouble()).isPositive();

        assertThat(r.get("goals")).hasSize(6);
        r.get("goals").forEach(g -> assertThat(g.get("status").asText()).isIn("met", "missed", "not measured"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--seconds=0", "--ticks=1000", "--spin-margin-us=5000", "--profile=nonsense",
            "--seconds=many", "--json=/no/such/dir/b.json"})
    void givenBadInputWhenBenchIsAskedThenOneLineAndExitTwo(String option) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = NeedlePenCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "bench", option);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("needlepen: ");
    }

    private static void assertLoopFigures(JsonNode loop) {
        assertThat(loop.has("notMeasured")).as(loop.toString()).isFalse();
        for (String figure : LOOP_FIGURES) {
            assertThat(loop.get(figure)).as(figure).isNotNull();
            assertThat(loop.get(figure).isNumber()).as(figure).isTrue();
        }
        assertThat(loop.get("samples").asLong()).isPositive();
        assertThat(loop.get("p50Micros").asDouble()).isLessThanOrEqualTo(loop.get("p99Micros").asDouble());
        assertThat(loop.get("p99Micros").asDouble()).isLessThanOrEqualTo(loop.get("p999Micros").asDouble());
        assertThat(loop.get("p999Micros").asDouble()).isLessThanOrEqualTo(loop.get("maxMicros").asDouble());
    }

    private static List<String> negativeNumbers(JsonNode node, String path) {
        List<String> found = new ArrayList<>();
        if (node.isNumber() && node.asDouble() < 0) {
            found.add(path + "=" + node);
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                found.addAll(negativeNumbers(e.getValue(), path + "." + e.getKey()));
            }
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.addAll(negativeNumbers(node.get(i), path + "[" + i + "]"));
            }
        }
        return found;
    }
}
