package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code needlepen simulate} as a person runs it: the whole CLI, an in-JVM broker, virtual time. */
class SimulateCommandTest {

    /** The sim profile's unit's handpiece: its records live under its id. */
    static final String HANDPIECE = com.needlepen.hal.sim.SimulatedPenFactory.handpieceIdOf("np-sim-0001").toString();

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    /** Runs the CLI with {@code --data-dir} in a fresh temporary directory for each call unless one is given. */
    static Result run(String... args) {
        return runIn(null, args);
    }

    static Result runIn(Path dataDir, String... args) {
        if (dataDir != null && args.length > 0) {
            String[] withDir = java.util.Arrays.copyOf(args, args.length + 2);
            withDir[args.length] = "--data-dir";
            withDir[args.length + 1] = dataDir.toString();
            args = withDir;
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NeedlePenCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void givenSixtySecondsAt100HzWhenSimulatedThenStrokesRateSamplesAndMessagesAddUp() throws Exception {
        Path json = dir.resolve("summary.json");
        Result r = runIn(dir, "simulate", "--fast", "--depth", "1.0", "--rate", "100", "--duration", "60s",
                "--summary-json", json.toString());
        System.out.println(r.out());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(json.toFile());
        for (String field : new String[] {"sessionId", "depthMm", "rateHz", "meanRateHz", "strokes", "activeSeconds",
                "endReason", "published", "received"}) {
            assertThat(s.has(field)).as(field).isTrue();
        }
        assertThat(s.get("endReason").asText()).isEqualTo("completed");
        assertThat(s.get("strokes").asLong()).isCloseTo(s.get("truth").get("excursions").asLong(),
                org.assertj.core.data.Offset.offset(1L));
        assertThat(s.get("strokes").asLong()).isBetween(5_900L, 6_010L);
        assertThat(s.get("meanRateHz").asDouble()).isBetween(99.5, 100.5);
        assertThat(s.get("truth").get("meanRateHz").asDouble()).isBetween(99.5, 100.5);
        // one every 100 ms of RUNNING: the run ends on the tick at 60 s, which stops rather than samples
        assertThat(s.get("telemetry").get("samplesProduced").asLong()).isBetween(599L, 600L);
        assertThat(s.get("telemetry").get("samplesDropped").asLong()).isZero();
        assertThat(s.get("telemetry").get("undelivered").asLong()).isZero();
        assertThat(s.get("published").asLong()).isGreaterThan(600).isEqualTo(s.get("received").asLong());
        assertThat(s.get("truth").get("finalProtrusionMm").asDouble()).isNegative();
        assertThat(s.has("loop")).as("virtual time: no wake-up lateness to report").isFalse();
        assertThat(s.has("rateChanges")).as("the firmware kept the rate it was given").isFalse();
        assertThat(s.get("truth").get("hottestNoseCelsius").asDouble()).isBetween(20.0, 39.0);
    }

    /**
     * A 36-pin cartridge at 150 Hz warms the handpiece past its warning within minutes: the firmware
     * holds the rate to the profile's warning rate on its own, and simulate says so as it happens and
     * in the summary, with the panel's prompt, while the session still completes; the sim's nose stays
     * under IEC 60601-1's 43 °C.
     */
    @Test
    void givenAWarmingRunWhenTheFirmwareLowersTheRateThenTheRunAndTheSummarySaySoWithThePanelsPrompt() throws Exception {
        Path json = dir.resolve("warm.json");
        // 5 min: lowered after about 3, the cut-off after about 5.5 (the estimate counts the follower's heat)
        Result r = runIn(dir, "simulate", "--fast", "--cartridge", "36-pin", "--depth", "1.5", "--rate", "150",
                "--duration", "5m", "--summary-json", json.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(json.toFile());
        JsonNode first = s.get("rateChanges").get(0);
        assertThat(first.get("fromHz").asDouble()).isEqualTo(150.0);
        assertThat(first.get("toHz").asDouble()).isEqualTo(100.0);
        assertThat(first.get("prompt").asText()).isEqualTo("WARM: max 100 Hz");
        assertThat(first.get("atSeconds").asDouble()).isBetween(10.0, 300.0);
        assertThat(r.out()).contains("the firmware set the rate from 150 to 100 Hz (panel: WARM: max 100 Hz)")
                .contains("rate change    at ").contains("nose (truth)   hottest ");
        assertThat(s.get("truth").get("hottestNoseCelsius").asDouble()).isBetween(25.0, 43.0);
        assertThat(s.get("rateHz").asDouble()).as("what was asked stays what was asked").isEqualTo(150.0);
    }

    /**
     * IEC 60601-1's 40 °C room: the firmware holds the rate within the first minutes, and when even
     * the held rate warms the nose to the cut-off it stops the needles (F06, exit 3) while the true
     * nose is still under 43 °C.
     */
    @Test
    void givenThe40DegreeRoomWhenAWarmingRunIsSimulatedThenTheRateIsHeldThenF06WithTheNoseUnder43() throws Exception {
        Path json = dir.resolve("hot-room.json");
        Result r = runIn(dir, "simulate", "--fast", "--ambient", "40", "--cartridge", "36-pin", "--depth", "1.5",
                "--rate", "150", "--duration", "5m", "--summary-json", json.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        JsonNode s = new ObjectMapper().readTree(json.toFile());
        assertThat(s.get("fault").asText()).startsWith("F06 ");
        assertThat(s.get("rateChanges").get(0).get("toHz").asDouble()).isEqualTo(100.0);
        assertThat(s.get("rateChanges").get(0).get("atSeconds").asDouble()).isLessThan(150.0);
        assertThat(s.get("truth").get("hottestNoseCelsius").asDouble()).isBetween(38.0, 43.0);
        assertThat(s.get("truth").get("finalProtrusionMm").asDouble()).isNegative();
    }

    @ParameterizedTest
    @CsvSource({"41", "9.5", "-5", "hot", "1e2"})
    void givenAnAmbientOutsideTheRatedRangeOrNotANumber_thenExit2NamingTheOptionAndTheRange(String ambient) {
        Result r = run("simulate", "--fast", "--ambient", ambient);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("needlepen: --ambient '" + ambient + "'").doesNotContain("\n");
    }

    @Test
    void givenTheSameSeedTwiceWhenSimulatedThenTheSummariesAreIdentical() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertThat(runIn(dir, "simulate", "--fast", "--duration", "5s", "--seed", "77", "--summary-json", a.toString()).exit()).isZero();
        assertThat(runIn(dir, "simulate", "--fast", "--duration", "5s", "--seed", "77", "--summary-json", b.toString()).exit()).isZero();
        // ids are unique to each run (issue 8 item 11); everything else is the seed's
        assertThat(withoutIds(b)).isEqualTo(withoutIds(a));
        assertThat(json(b).get("sessionId").asText()).isNotEqualTo(json(a).get("sessionId").asText());
        assertThat(json(b).get("cartridgeId").asText()).isNotEqualTo(json(a).get("cartridgeId").asText());
        Path c = dir.resolve("c.json");
        assertThat(runIn(dir, "simulate", "--fast", "--duration", "5s", "--seed", "78", "--summary-json", c.toString()).exit()).isZero();
        assertThat(withoutIds(c)).as("another seed, another run (jitter)").isNotEqualTo(withoutIds(a));
    }

    static JsonNode json(Path file) throws java.io.IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    static JsonNode withoutIds(Path file) throws java.io.IOException {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) json(file);
        node.remove("sessionId");
        node.remove("cartridgeId");
        return node;
    }

    @Test
    void givenAPresetWhenSimulatedThenItsDepthAndRateAreUsed() throws Exception {
        Path json = dir.resolve("p.json");
        Result r = runIn(dir, "simulate", "--fast", "--preset", "forehead", "--duration", "2s", "--summary-json", json.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(json.toFile());
        assertThat(s.get("depthMm").asDouble()).isEqualTo(0.5);
        assertThat(s.get("rateHz").asDouble()).isEqualTo(120.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "out-of-range depth  | --depth 3.0                  | depth 3 mm is above the 1.50 mm ceiling",
            "unreachable rate    | --rate 190                   | rate 190 Hz is above the",
            "unknown preset      | --preset chin                | --preset 'chin' is not in profile sim; allowed: forehead",
            "bad profile         | --profile /nonexistent/x.yaml | x.yaml",
            "bundled name typo   | --profile simm               | --profile 'simm' is neither a file nor a bundled profile",
            "bad duration        | --duration forever           | --duration 'forever' is not a duration",
            "not a number        | --depth deep                 | deep",
            "preset and depth    | --preset forehead --depth 1.0 | --preset cannot be combined",
            "bad cartridge id    | --cartridge-id CART/7        | --cartridge-id 'CART/7' is not an id; allowed: 1 to 64 of",
            "unknown option      | --depht 1.0                  | Unknown option",
            "bad unit serial     | --unit ../x                  | --unit '../x' is not a unit serial; allowed: 1 to 64",
            "broker port         | --broker tcp://127.0.0.1:99999 | needlepen: --broker: broker URL 'tcp://127.0.0.1:99999': port 99999 is outside 1..65535; allowed: tcp://host:port",
            "broker path         | --broker tcp://127.0.0.1:1883/foo | needlepen: --broker: broker URL 'tcp://127.0.0.1:1883/foo': a path ('/foo') is not allowed; allowed:"})
    void givenBadInputWhenSimulatingThenOneLineOnStderrAndExit2(String name, String args, String expected) {
        String duration = args.contains("--duration") ? "" : "--duration 1s ";
        String[] argv = ("simulate --fast " + duration + args.trim()).split("\\s+");
        Result r = runIn(dir, argv);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void givenABadProfileFileWhenSimulatingThenTheErrorNamesFileLineAndField() throws Exception {
        String yaml = new String(getClass().getResourceAsStream("/profiles/sim.yaml").readAllBytes())
                .replace("resistanceOhm20C: 2.5", "resistanceOhm20C: 0");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, yaml);
        Result r = runIn(dir, "simulate", "--fast", "--profile", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("bad.yaml:").contains("motor.resistanceOhm20C");
    }

    @Test
    void givenAnUnreachableBrokerWhenSimulatedThenTheSessionCompletesAndSaysWhatWasNotDelivered() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path json = dir.resolve("nb.json");
        Result r = runIn(dir, "simulate", "--fast", "--duration", "2s", "--broker", "tcp://127.0.0.1:" + port,
                "--summary-json", json.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(json.toFile());
        assertThat(s.get("endReason").asText()).isEqualTo("completed");
        assertThat(s.get("published").asLong()).isZero();
        assertThat(s.get("telemetry").get("undelivered").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(r.out()).contains("not delivered").contains("was never reached");
        assertThat(s.get("telemetry").get("brokerReached").asBoolean()).isFalse();
        assertThat(s.get("telemetry").get("eventsPublished").asLong()).isZero();
    }

    @Test
    void givenABrokerHostThatDoesNotResolveWhenSimulatedThenTheSessionCompletes_andTheWarningNamesTheHostInOneLine()
            throws Exception {
        // .invalid never resolves (RFC 6761): no broker anywhere is contacted.
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        Result r;
        System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            r = runIn(dir, "simulate", "--fast", "--duration", "2s", "--broker", "tcp://nosuchhost.invalid:1883");
        } finally {
            System.setErr(stderr);
        }
        String log = logged.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(r.exit()).as(r.err() + log).isZero();
        assertThat(r.out()).contains("(completed)").contains("not delivered")
                .contains("broker         tcp://nosuchhost.invalid:1883 was never reached");
        // the logs go to the process's stderr (where a person sees them), not to the CLI's err writer
        assertThat(log.lines().filter(line -> line.contains("nosuchhost")).toList()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("broker host 'nosuchhost.invalid' is unknown: the name does not resolve"));
        assertThat(r.err() + log).doesNotContain("Untranslated").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "--inject {0} ends with exit 3 naming {1}")
    @CsvSource({
            "cam-jammed@10s, F02", "index-sensor-dead@10s, F11", "collar-steps-lost@10s, F30",
            "collar-pushed-back@10s, F30", "home-switch-stuck-pressed@10s, F17", "home-switch-stuck-released@0s, F01",
            "home-switch-stuck-released@6s, F18",
            "overheating@3s, F06", "cartridge-pulled@10s, F07", "supply-sag@10s, F12", "driver-shorted@1s, F13",
            "pwm-stuck-high@10s, F03", "thermistor-open@10s, F19",
            "clock-stopped@10s, F29", "clock-jumped@10s, F29",
            "collar-walked@10s, F30",
            "supply-surge@10s, F22", "thermistor-stuck@10s, F26", "current-sense-dead@10s, F26",
            "thermistor-shorted@10s, F06", "spring-broken@10s, F25",
            "supply-lost@10s, F21",
            "index-stuck-active@10s, F31", "index-missed-edges@10s, F32", "index-spurious-edges@10s, F31",
            "follower-seized@10s, F36", "collar-driver-reset@10s, F37", "index-edges-lost@10s, F38",
            "index-reader-stalled@10s, F39"})
    void givenAnInjectedFaultWhenSimulatedThenTheSessionEndsWithExit3AndASummaryNamingIt(String inject, String code)
            throws Exception {
        Path json = dir.resolve("f.json");
        Result r = runIn(dir, "simulate", "--fast", "--duration", "60s", "--inject", inject, "--summary-json", json.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        JsonNode s = new ObjectMapper().readTree(json.toFile());
        assertThat(s.get("fault").asText()).startsWith(code);
        assertThat(r.out()).contains("FAULT          " + code);
    }

    @Test
    void everyInjectableKindHasItsExit3Case() throws Exception {
        var csv = getClass().getDeclaredMethod("givenAnInjectedFaultWhenSimulatedThenTheSessionEndsWithExit3AndASummaryNamingIt",
                String.class, String.class).getAnnotation(CsvSource.class);
        String all = String.join(" ", csv.value());
        for (var f : com.needlepen.hal.sim.SimFault.values()) {
            if (f == com.needlepen.hal.sim.SimFault.HANDPIECE_ID_SILENT) {
                continue; // refuses the start rather than faulting: its own case below
            }
            if (f == com.needlepen.hal.sim.SimFault.DUTY_STUCK) {
                continue; // a runaway only at a low set rate: its own case below, at 50 Hz
            }
            if (f == com.needlepen.hal.sim.SimFault.BRAKE_SWITCH_STUCK_OPEN) {
                continue; // shown by its monitor only while the drive's enable is low: its own case below
            }
            if (f == com.needlepen.hal.sim.SimFault.HOME_SWITCH_DRIFTED) {
                continue; // a drift within the switch's life figure is no fault: its own case below, exit 0
            }
            if (f == com.needlepen.hal.sim.SimFault.WINDING_HOT) {
                continue; // heats the winding over minutes, found at rest before the next start: its own case below
            }
            assertThat(all).as("a case for %s", f).contains(com.needlepen.tools.sim.FaultInjector.kindName(f) + "@");
        }
    }

    @org.junit.jupiter.api.Tag("H32")
    @Test
    void givenTheDutyStuckAtALowSetRateWhenSimulatedThenF23EndsTheSessionWithExit3() throws Exception {
        Path json = dir.resolve("f.json");
        Result r = runIn(dir, "simulate", "--fast", "--duration", "60s", "--rate", "50", "--inject", "duty-stuck@10s",
                "--summary-json", json.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(new ObjectMapper().readTree(json.toFile()).get("fault").asText()).startsWith("F23");
        assertThat(r.out()).contains("FAULT          F23");
    }

    @org.junit.jupiter.api.Tag("H33")
    @Test
    void givenTheWindingHotWhenATenMinuteRunHasHeatedItThenTheSessionsClosingCheckLatchesF24WithExit3() throws Exception {
        Path json = dir.resolve("f.json");
        Result r = runIn(dir, "simulate", "--fast", "--duration", "10m", "--rate", "150", "--inject", "winding-hot@0s",
                "--summary-json", json.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(new ObjectMapper().readTree(json.toFile()).get("fault").asText()).startsWith("F24");
        assertThat(r.out()).contains("FAULT          F24").contains("winding at 1");
    }

    @org.junit.jupiter.api.Tag("H43")
    @Test
    void givenTheHandpieceIdentityEepromSilentWhenSimulatedThenTheStartIsRefusedWithExit3SayingWhy() throws Exception {
        Path json = dir.resolve("f.json");
        Result r = runIn(dir, "simulate", "--fast", "--duration", "5s", "--inject", "handpiece-id-silent@0s",
                "--summary-json", json.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out()).contains("NOT STARTED    the start was refused: handpiece identity unreadable")
                .contains("strokes        0 counted");
    }

    @org.junit.jupiter.api.Tag("H30")
    @Test
    void givenTheBrakeSwitchStuckOpenWhenSimulatedThenItsMonitorShowsItAsF33WithExit3() throws Exception {
        // injected at 5 s, before the run (the in-process calibration and homing come first), with the drive's enable low:
        // its monitor shows it 20 ms later, and no run starts; a power loss after it never coasts the needles
        Path json = dir.resolve("f.json");
        Result r = runIn(dir, "simulate", "--fast", "--duration", "20s", "--inject", "brake-switch-stuck-open@5s",
                "--summary-json", json.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(new ObjectMapper().readTree(json.toFile()).get("fault").asText()).startsWith("F33");
    }

    @org.junit.jupiter.api.Tag("H50")
    @Test
    void givenTheHomeSwitchDriftedWhenSimulatedThenTheSessionCompletesAtTheSetDepth() throws Exception {
        Result r = runIn(dir, "simulate", "--fast", "--duration", "5s", "--inject", "home-switch-drifted@0s");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
    }

    @Test
    void givenListFaultsThenEveryInjectableKindIsListed() {
        Result r = run("simulate", "--list-faults");
        assertThat(r.exit()).isZero();
        for (var f : com.needlepen.hal.sim.SimFault.values()) {
            assertThat(r.out()).contains(com.needlepen.tools.sim.FaultInjector.kindName(f));
        }
    }

    @ParameterizedTest(name = "--inject {0} is refused")
    @CsvSource(delimiter = '|', value = {"bogus@1s | unknown fault kind 'bogus'", "cam-jammed | is not KIND@TIME",
            "cam-jammed@soon | is not KIND@TIME"})
    void givenABadInjectValueThenOneLineAndExit2(String inject, String expected) {
        Result r = runIn(dir, "simulate", "--fast", "--inject", inject.trim());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(expected);
    }

    @org.junit.jupiter.api.Tag("H24")
    @Test
    void givenACartridgeIdUsedInAnEarlierSessionThenSimulateRefusesItInOneLineWhileDefaultIdsAreAlwaysNew()
            throws Exception {
        assertThat(runIn(dir, "simulate", "--fast", "--duration", "1s", "--cartridge-id", "CART-7").exit()).isZero();
        Result again = runIn(dir, "simulate", "--fast", "--duration", "1s", "--cartridge-id", "CART-7");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err().strip()).doesNotContain("\n").contains("--cartridge-id CART-7 was used in session ")
                .endsWith("a cartridge serves one session only; give a new id");
        assertThat(again.out()).isEmpty();
        // the README's command twice on one pen: each run takes a new cartridge
        assertThat(runIn(dir, "simulate", "--fast", "--duration", "1s").exit()).isZero();
        assertThat(runIn(dir, "simulate", "--fast", "--duration", "1s").exit()).isZero();
        var ledger = Files.readAllLines(dir.resolve(HANDPIECE).resolve("cartridges.log"));
        assertThat(ledger).hasSize(3);
        assertThat(ledger.get(1)).matches("CART-00000001-[0-9A-F]{8}\t.*");
        assertThat(ledger.get(2)).matches("CART-00000001-[0-9A-F]{8}\t.*");
        assertThat(ledger.get(1).split("\t")[0]).isNotEqualTo(ledger.get(2).split("\t")[0]);
    }

    @org.junit.jupiter.api.Tag("H24")
    @Test
    void givenACartridgeWithoutAnIdThenTheSimulatedPractitionerConfirmsItNewAndTheSessionRuns() {
        Result r = runIn(dir, "simulate", "--fast", "--duration", "1s", "--cartridge-id", "none");
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void givenADamagedCartridgeLedgerThenSimulateRefusesInOneLineAndLeavesItAsItWas() throws Exception {
        Path ledger = dir.resolve(HANDPIECE).resolve("cartridges.log");
        Files.createDirectories(ledger.getParent());
        Files.writeString(ledger, "CART-1 garbage\n");
        Result r = runIn(dir, "simulate", "--fast", "--duration", "1s");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("cartridges.log: line 1: 'CART-1 garbage'")
                .contains("the ledger of used cartridges must be intact");
        assertThat(Files.readString(ledger)).isEqualTo("CART-1 garbage\n");
    }

    @Test
    void givenHelp_whenEveryCommandIsListed_thenEachSummaryIsAWholeSentence() {
        assertWholeSentences(run("--help").out(), "simulate", "calibrate", "home", "jog");
        assertWholeSentences(run("calibrate", "--help").out(), "history", "verify");
    }

    /** Each command's entry under "Commands:" (wrapped onto indented lines or not) ends its sentence. */
    static void assertWholeSentences(String help, String... commands) {
        String list = help.substring(help.indexOf("Commands:"));
        for (String command : commands) {
            String entry = list.substring(list.indexOf("  " + command + " ")).lines()
                    .takeWhile(new java.util.function.Predicate<String>() {
                        boolean first = true;

                        @Override
                        public boolean test(String line) {
                            boolean keep = first || line.startsWith("       ");
                            first = false;
                            return keep;
                        }
                    })
                    .reduce("", (a, b) -> a + " " + b.strip()).strip();
            assertThat(entry).as(command).endsWith(".");
        }
    }
}
