package com.needlepen.tools;

import static com.needlepen.tools.SimulateCommandTest.json;
import static com.needlepen.tools.SimulateCommandTest.runIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.needlepen.broker.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code simulate} tells a test rig, used as one would with odd but reasonable input: a start
 * the pen refuses, an injection after the end, a run as long as the profile allows, a broker that
 * starts late, two processes on one data directory, a calibration that does not fit the pen. Each
 * was a wrong answer once (issue 8); the summary must name what happened and hold no NaN, no
 * impossible negative and no string where a number belongs.
 */
class SimulateReportsTest {

    /** The sim profile's unit's handpiece: its records live under its id. */
    static final String HANDPIECE = com.needlepen.hal.sim.SimulatedPenFactory.handpieceIdOf("np-sim-0001").toString();

    @TempDir
    Path dir;

    /** The bundled sim profile with one text replaced, written to {@code file}. */
    static Path simProfileWith(Path file, String from, String to) throws java.io.IOException {
        try (var in = SimulateReportsTest.class.getResourceAsStream("/profiles/sim.yaml")) {
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(yaml).as("the bundled profile still says " + from).contains(from);
            Files.writeString(file, yaml.replace(from, to));
        }
        return file;
    }

    /** Every number in the summary is finite and, where it cannot be negative, not negative. */
    static void assertHonest(JsonNode node, String path) {
        node.fields().forEachRemaining(e -> {
            String at = path + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                assertHonest(v, at);
            } else if (v.isTextual()) {
                assertThat(v.asText()).as(at).isNotIn("NaN", "Infinity", "-Infinity");
            } else if (v.isNumber()) {
                assertThat(Double.isFinite(v.asDouble())).as(at).isTrue();
                boolean signed = e.getKey().equals("peakProtrusionMm") || e.getKey().equals("finalProtrusionMm")
                        || e.getKey().equals("depthErrorMm");
                if (!signed) {
                    assertThat(v.asDouble()).as(at).isGreaterThanOrEqualTo(0.0);
                }
            }
        });
    }

    @Test
    void givenAStartThePenRefuses_whenSimulated_thenTheSummaryNamesTheRefusalAndHoldsNoNaN() throws Exception {
        Path file = dir.resolve("r.json");
        var r = runIn(dir, "simulate", "--fast", "--duration", "10s", "--inject", "cartridge-pulled@2s",
                "--summary-json", file.toString());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("NOT STARTED    the start was refused: no cartridge")
                .doesNotContain("null").doesNotContain("NaN");
        JsonNode s = json(file);
        assertThat(s.has("sessionId")).as("no session opened: absent, not null text").isFalse();
        assertThat(s.get("endReason").asText()).isEqualTo("not started");
        assertThat(s.get("notStarted").asText()).contains("no cartridge");
        assertThat(s.has("meanRateHz")).isFalse();
        assertThat(s.has("stopToParkedMs")).isFalse();
        assertHonest(s, "summary");
    }

    @ParameterizedTest(name = "--inject {0}")
    @CsvSource({"cam-jammed@10s", "index-sensor-dead@10s", "home-switch-stuck-released@0s", "driver-shorted@1s"})
    void givenAFault_whenSimulated_thenNoFigureIsNaNNegativeOrAString(String inject) throws Exception {
        Path file = dir.resolve("f.json");
        var r = runIn(dir, "simulate", "--fast", "--duration", "20s", "--inject", inject, "--summary-json", file.toString());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).doesNotContain("NaN").doesNotContainPattern("-\\d+(\\.\\d+)? ms");
        assertHonest(json(file), "summary");
    }

    @Test
    void givenAJam_whenTheShaftStoppedBeforeTheFaultLatched_thenItSaysSoInsteadOfANegativeTime() throws Exception {
        Path file = dir.resolve("j.json");
        var r = runIn(dir, "simulate", "--fast", "--duration", "20s", "--inject", "cam-jammed@10s",
                "--summary-json", file.toString());

        assertThat(r.out()).contains("the shaft was already at rest when the run ended");
        assertThat(json(file).get("truth").get("stopToRestMs").asDouble()).isZero();
    }

    @Test
    void givenAnInjectionLongAfterTheSession_whenSimulated_thenOneLineExit2BeforeTheNeedlesMove() throws Exception {
        var r = runIn(dir, "simulate", "--fast", "--duration", "10s", "--inject", "cam-jammed@100s");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n")
                .contains("--inject cam-jammed@100s is after the session's end").contains("allowed:");
        assertThat(r.out()).doesNotContain("Session summary");
        assertThat(Files.exists(dir.resolve(HANDPIECE).resolve("cartridges.log")))
                .as("no cartridge used up").isFalse();
    }

    @Test
    void givenAnInjectionJustAfterTheSessionsEnd_whenSimulated_thenExit2SaysItNeverHappened() {
        var r = runIn(dir, "simulate", "--fast", "--duration", "10s", "--inject", "cam-jammed@25s");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--inject cam-jammed@25s never happened: the session ended at");
    }

    @Test
    void givenADurationOfExactlyTheLongestRun_whenSimulated_thenItCompletesAndOneLongerIsRefusedUpFront()
            throws Exception {
        // the same comparison as the supervisor's: a run may last safety.maxContinuousRunMinutes, not one tick more
        Path profile = simProfileWith(dir.resolve("short.yaml"), "maxContinuousRunMinutes: 30 ", "maxContinuousRunMinutes: 0.2");
        Path file = dir.resolve("d.json");

        var exact = runIn(dir, "simulate", "--fast", "--profile", profile.toString(), "--duration", "12s",
                "--summary-json", file.toString());
        assertThat(exact.exit()).as(exact.out()).isZero();
        assertThat(json(file).get("endReason").asText()).isEqualTo("completed");

        var longer = runIn(dir, "simulate", "--fast", "--profile", profile.toString(), "--duration", "12.1s");
        assertThat(longer.exit()).isEqualTo(2);
        assertThat(longer.err().strip()).doesNotContain("\n").isEqualTo("needlepen: --duration '12.1s' is longer than one"
                + " run may last on profile sim (safety.maxContinuousRunMinutes: 0.2 min); allowed 0.1 s to 0.2 min");
        var bundled = runIn(dir, "simulate", "--fast", "--duration", "31m");
        assertThat(bundled.err()).contains("(safety.maxContinuousRunMinutes: 30 min); allowed 0.1 s to 30 min");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--depth 1e400 | --depth '1e400' is not a plain number of mm; write it like 1.25",
            "--depth NaN   | --depth 'NaN' is not a plain number of mm",
            "--rate 102    | --rate '102': rate 102 Hz is not a multiple of the 5 Hz step of profile sim; nearest allowed 100 or 105 Hz",
            "--rate 100.5  | --rate '100.5': rate 100.5 Hz is not a multiple of the 5 Hz step",
            "--depth 1.03  | --depth '1.03': depth 1.03 mm is not a multiple of the 0.05 mm step; nearest allowed 1.00 or 1.05 mm"})
    void givenANumberOffTheProfilesSteps_whenSimulated_thenItIsNamedAsGivenInOneLine(String args, String expected) {
        List<String> argv = new ArrayList<>(List.of("simulate", "--fast", "--duration", "1s"));
        argv.addAll(List.of(args.trim().split("\\s+")));
        var r = runIn(dir, argv.toArray(String[]::new));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(expected).doesNotContain("Infinity");
    }

    @Test
    void givenTwoRunsOnOnePen_whenSimulated_thenTheirSessionIdsDiffer() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertThat(runIn(dir, "simulate", "--fast", "--duration", "1s", "--summary-json", a.toString()).exit()).isZero();
        assertThat(runIn(dir, "simulate", "--fast", "--duration", "1s", "--summary-json", b.toString()).exit()).isZero();

        assertThat(json(a).get("sessionId").asText()).isNotEqualTo(json(b).get("sessionId").asText());
    }

    @Test
    void givenFourProcessesOnOneDataDirectory_whenEachTakesTheDefaultCartridge_thenFourCartridgesAreRecordedOnce()
            throws Exception {
        // a fresh data directory: each process also finds no calibration and calibrates the sim, under the store's lock
        List<CompletableFuture<SimulateCommandTest.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> runIn(dir, "simulate", "--fast", "--duration", "1s")));
        }
        for (var run : runs) {
            assertThat(run.get().exit()).as(run.get().out() + run.get().err()).isZero();
        }
        List<String> ids = Files.readAllLines(dir.resolve(HANDPIECE).resolve("cartridges.log")).stream()
                .map(line -> line.split("\t")[0]).toList();
        assertThat(ids).hasSize(4).doesNotHaveDuplicates();
        double hours = new com.needlepen.config.calibration.RunHourMeter(dir.resolve(HANDPIECE).resolve("run-hours")).hours();
        assertThat(hours * 3600).as("every run's seconds counted, none overwritten").isGreaterThan(4 * 1.0);
    }

    @Test
    void givenABrokerThatStartsLate_whenSimulated_thenEverythingIsDeliveredAndSaidSo() throws Exception {
        int port = EmbeddedBroker.freeLoopbackPort();
        Path file = dir.resolve("late.json");
        var run = CompletableFuture.supplyAsync(() -> runIn(dir, "simulate", "--fast", "--duration", "20s",
                "--broker", EmbeddedBroker.urlFor(port), "--summary-json", file.toString()));
        Thread.sleep(1_500);
        try (EmbeddedBroker broker = EmbeddedBroker.start(port)) {
            var r = run.get();
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            JsonNode t = json(file).get("telemetry");
            assertThat(t.get("brokerReached").asBoolean()).isTrue();
            assertThat(t.get("undelivered").asLong()).isZero();
            assertThat(t.get("received").asLong()).isEqualTo(t.get("delivered").asLong());
            assertThat(r.out()).doesNotContain("not reached").doesNotContain("never reached");
            if (!t.get("brokerReachedAtStart").asBoolean()) {
                assertThat(r.out()).contains("was not reachable at the start; reached later");
            }
        }
    }

    @Test
    void givenACalibrationThatDoesNotFitThePen_whenSimulated_thenTheTrueDepthErrorEndsItWithExit3() throws Exception {
        // a technician's readings that belong to another pen: the fit passes, the depth is off
        StringBuilder readings = new StringBuilder("commandedMm,measuredMm\n");
        for (int i = 0; i <= 10; i++) {
            readings.append(String.format(Locale.ROOT, "%.2f,%.4f%n", i * 0.25, i * 0.25 * 0.98 - 0.03));
        }
        Path csv = dir.resolve("other-pen.csv");
        Files.writeString(csv, readings);
        assertThat(runIn(dir, "calibrate", "--measurements", csv.toString(), "--technician", "bob").exit()).isZero();
        Path file = dir.resolve("e.json");

        var r = runIn(dir, "simulate", "--fast", "--duration", "5s", "--summary-json", file.toString());

        assertThat(r.exit()).as(r.out()).isEqualTo(3);
        assertThat(r.out()).contains("DEPTH ERROR    true peak depth").contains("beyond the profile's ±0.02 mm");
        JsonNode s = json(file);
        assertThat(s.get("endReason").asText()).isEqualTo("completed");
        assertThat(Math.abs(s.get("truth").get("depthErrorMm").asDouble())).isGreaterThan(0.02);
        assertThat(s.get("depthError").asText()).contains("does not fit this pen");
    }

    @Test
    void givenADataDirectoryThatCannotBeCreated_whenSimulatedOrCalibrated_thenOneLineExit2NamingIt() throws Exception {
        Path aFile = dir.resolve("a-file");
        Files.writeString(aFile, "not a directory");
        for (String bad : new String[] {"/proc/needlepen-data", aFile.toString()}) {
            for (String[] command : new String[][] {{"simulate", "--fast", "--duration", "1s"}, {"calibrate", "history"}}) {
                List<String> argv = new ArrayList<>(List.of(command));
                argv.addAll(List.of("--data-dir", bad));
                var r = SimulateCommandTest.run(argv.toArray(String[]::new));
                assertThat(r.exit()).as(String.join(" ", argv) + ": " + r.err()).isEqualTo(2);
                assertThat(r.err().strip()).doesNotContain("\n").startsWith("needlepen: --data-dir " + bad + ": cannot create")
                        .contains("allowed: a directory this user can create and write").doesNotContain("Exception");
            }
        }
        assertThat(Files.readString(aFile)).isEqualTo("not a directory");
    }

    @Test
    void givenABrokerOutageMidSession_whenSimulatedInRealTime_thenEveryDeliveredMessageIsReceivedOrNamedAsMissed()
            throws Exception {
        int port = EmbeddedBroker.freeLoopbackPort();
        Path file = dir.resolve("outage.json");
        EmbeddedBroker first = EmbeddedBroker.start(port);
        var run = CompletableFuture.supplyAsync(() -> runIn(dir, "simulate", "--duration", "4s",
                "--broker", EmbeddedBroker.urlFor(port), "--summary-json", file.toString()));
        Thread.sleep(5_000); // real time: homing and the zero check are done, the needles run
        first.close(); // an in-memory broker: its sessions and the monitor's subscription go with it
        Thread.sleep(1_000);
        try (EmbeddedBroker second = EmbeddedBroker.start(port)) {
            var r = run.get();
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            JsonNode t = json(file).get("telemetry");
            System.out.println(r.out().substring(r.out().indexOf("  telemetry")));
            assertThat(t.get("brokerConnects").asLong()).as("reconnected").isGreaterThanOrEqualTo(2);
            assertThat(t.get("undelivered").asLong()).isZero();
            assertThat(t.get("received").asLong() + t.get("notSeenByMonitor").asLong())
                    .as("every delivered message is received, or named as missed")
                    .isEqualTo(t.get("delivered").asLong());
            assertThat(r.out()).contains("the link came up");
            if (t.get("notSeenByMonitor").asLong() > 0) {
                assertThat(r.out()).contains("were not seen by this run's monitor");
            }
        }
    }

    @Test
    void givenAProfileNamingABackendThisProgramDoesNotHave_whenAnyCommandLoadsIt_thenOneLineExit2ListsTheKnownOnes()
            throws Exception {
        Path profile = simProfileWith(dir.resolve("nonsense.yaml"), "backend: sim", "backend: nonsense");
        for (String[] command : new String[][] {{"simulate", "--fast", "--duration", "1s"}, {"calibrate", "--from-sim"},
                {"home"}, {"calibrate", "history"}}) {
            List<String> argv = new ArrayList<>(List.of(command));
            argv.addAll(List.of("--profile", profile.toString()));
            var r = runIn(dir, argv.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", argv)).isEqualTo(2);
            assertThat(r.err().strip()).doesNotContain("\n")
                    // the list is what is installed: the Pi's and the sim, and on this test class path the real-time rig
                    .isEqualTo("needlepen: " + profile + ":4: backend: 'nonsense' is not a known backend; known backends: "
                            + "pi4j, sim, " + RealTimeRigBackend.NAME);
        }
    }
}
