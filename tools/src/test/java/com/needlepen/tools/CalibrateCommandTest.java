package com.needlepen.tools;

import static com.needlepen.tools.SimulateCommandTest.runIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.needlepen.config.calibration.CalibrationStore;
import com.needlepen.tools.calibration.ReadingsInProgress;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The technician's commands on the simulated pen, as a technician runs them. */
class CalibrateCommandTest {

    /** The sim profile's unit's handpiece: its records live under its id. */
    static final String HANDPIECE = com.needlepen.hal.sim.SimulatedPenFactory.handpieceIdOf("np-sim-0001").toString();

    @TempDir
    Path dir;

    private Path calibrationDir() {
        return dir.resolve(HANDPIECE).resolve("calibration");
    }

    @Test
    void givenNoCalibrationWhenCalibratedFromTheSimThenItIsStoredWithAReportAndSessionsRecordIt() throws Exception {
        var r = runIn(dir, "calibrate", "--from-sim", "--technician", "alice");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("point 26/").contains("PASS").contains("stored in");
        var store = new CalibrationStore(calibrationDir());
        var current = store.current();
        assertThat(current.calibration().technician()).isEqualTo("alice");
        assertThat(current.calibration().points().size()).isBetween(26, 28);
        BufferedImage png = ImageIO.read(CalibrationStore.reportFile(current.file(), "png").toFile());
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(912);
        assertThat(Files.readString(CalibrationStore.reportFile(current.file(), "txt"))).contains("PASS").contains("alice");

        Path json = dir.resolve("s.json");
        var session = runIn(dir, "simulate", "--fast", "--duration", "2s", "--summary-json", json.toString());
        assertThat(session.exit()).as(session.err()).isZero();
        assertThat(session.out()).doesNotContain("calibrating the simulated pen in-process");
        assertThat(new ObjectMapper().readTree(json.toFile()).get("calibrationId").asText())
                .isEqualTo(current.calibration().id());

        var history = runIn(dir, "calibrate", "history");
        assertThat(history.out()).contains("cal-000001.npcal").contains("current").contains("alice");
        var verify = runIn(dir, "calibrate", "verify", "--seed", "9");
        assertThat(verify.exit()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("PASS (calibration " + current.calibration().id() + " still in use)");
        assertThat(store.history()).hasSize(1);
        assertThat(store.current().verifications()).singleElement().satisfies(v -> {
            assertThat(v.verification().passed()).isTrue();
            assertThat(v.verification().calibrationId()).isEqualTo(current.calibration().id());
        });
    }

    @Test
    void givenTwoCalibrationsInARowThenEachHasItsOwnIdHistoryKeepsTheirOrderAndTheyAreDatedByTheWallClock() {
        long before = System.currentTimeMillis();
        assertThat(runIn(dir, "calibrate", "--from-sim", "--technician", "alice").exit()).isZero();
        assertThat(runIn(dir, "calibrate", "--from-sim", "--technician", "bob", "--points", "20").exit()).isZero();
        long after = System.currentTimeMillis();
        var history = new CalibrationStore(calibrationDir()).history();
        assertThat(history).extracting(e -> e.calibration().id())
                .containsExactly(HANDPIECE + "-c0001", HANDPIECE + "-c0002");
        assertThat(history).extracting(e -> e.calibration().technician()).containsExactly("alice", "bob");
        long first = history.get(0).calibration().utcEpochMillis();
        long second = history.get(1).calibration().utcEpochMillis();
        assertThat(first).as("made now, by the computer's clock, not the sim's 2027 epoch").isBetween(before, after);
        assertThat(second).isBetween(first, after);
        var listed = runIn(dir, "calibrate", "history").out().lines().toList();
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0)).contains(HANDPIECE + "-c0001").contains("superseded").doesNotContain("2027-");
        assertThat(listed.get(1)).contains(HANDPIECE + "-c0002").contains("current");
    }

    @Test
    void givenAFailedCalibrationAttemptThenItsNumberIsNotReusedAndSimulateDoesNotCalibrateOverIt() {
        var failed = runIn(dir, "calibrate", "--from-sim", "--points", "10");
        assertThat(failed.exit()).as(failed.out()).isEqualTo(3);
        assertThat(failed.out()).contains("calibration " + HANDPIECE + "-c0001 did not pass: nothing stored");
        assertThat(calibrationDir().resolve("failed-cal-000001.txt")).exists();
        var session = runIn(dir, "simulate", "--fast", "--duration", "1s");
        assertThat(session.exit()).as(session.out()).isEqualTo(2);
        assertThat(session.out()).doesNotContain("calibrating the simulated pen in-process");
        assertThat(session.err().strip()).doesNotContain("\n").contains("no depth calibration in");
        assertThat(runIn(dir, "calibrate", "--from-sim").exit()).isZero();
        assertThat(new CalibrationStore(calibrationDir()).current().calibration().id()).isEqualTo(HANDPIECE + "-c0002");
    }

    @Test
    void givenAHomeSwitchMovedSinceCalibrationWhenVerifiedThenEveryPointDriftsByAboutThatMuch() {
        assertThat(runIn(dir, "calibrate", "--from-sim").exit()).isZero();
        var verify = runIn(dir, "calibrate", "verify", "--sim-drift", "0.05");
        assertThat(verify.exit()).as(verify.out() + verify.err()).isEqualTo(3);
        double worst = Double.parseDouble(verify.out().replaceAll("(?s).*worst drift ([0-9.]+) mm.*", "$1"));
        assertThat(worst).isBetween(0.04, 0.065);
        assertThat(verify.out()).contains("DRIFTED").contains("FAIL");
        var bad = runIn(dir, "calibrate", "verify", "--sim-drift", "0.5");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("needlepen: --sim-drift 0.5 mm is out of range; allowed -0.15 to 0.15 mm");
    }

    @Test
    void givenAFailedVerificationThenItIsRecordedAndSessionsAreRefusedUntilANewCalibrationIsStored() {
        assertThat(runIn(dir, "calibrate", "--from-sim", "--technician", "alice").exit()).isZero();
        long before = System.currentTimeMillis();
        var verify = runIn(dir, "calibrate", "verify", "--sim-drift", "0.05", "--technician", "bob");
        assertThat(verify.exit()).as(verify.out() + verify.err()).isEqualTo(3);
        assertThat(verify.out()).contains("sessions are refused until a new calibration is stored")
                .contains("verification recorded in");
        var store = new CalibrationStore(calibrationDir());
        var failed = store.current().verifications().get(0).verification();
        assertThat(failed.passed()).isFalse();
        assertThat(failed.technician()).isEqualTo("bob");
        assertThat(failed.utcEpochMillis()).isBetween(before, System.currentTimeMillis());

        var session = runIn(dir, "simulate", "--fast", "--duration", "1s");
        assertThat(session.exit()).as(session.out()).isEqualTo(2);
        assertThat(session.out()).doesNotContain("calibrating the simulated pen in-process").doesNotContain("Session summary");
        String date = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.ofEpochMilli(failed.utcEpochMillis()));
        assertThat(session.err().strip()).doesNotContain("\n").matches(String.format(Locale.ROOT,
                "needlepen: calibration " + HANDPIECE + "-c0001 failed verification on %s \\d\\d:\\d\\d:\\d\\d UTC"
                        + " \\(drift %.4f mm, tolerance 0.0200 mm\\): re-calibrate \\(needlepen calibrate\\)",
                date, failed.worstDriftMm()));

        assertThat(runIn(dir, "calibrate", "history").out())
                .contains("cal-000001.verify-001.npver  verification FAILED").contains("by bob")
                .contains("calibration unusable, re-calibrate");
        var again = runIn(dir, "calibrate", "verify");
        assertThat(again.exit()).as("a failed calibration is past verifying").isEqualTo(2);
        assertThat(again.err()).contains("failed verification on");

        assertThat(runIn(dir, "calibrate", "--from-sim", "--technician", "alice").exit()).isZero();
        var after = runIn(dir, "simulate", "--fast", "--duration", "1s");
        assertThat(after.exit()).as(after.err()).isZero();
    }

    /** The CLI with {@code typed} as what the person types, and {@code --data-dir dir}. */
    private static SimulateCommandTest.Result typing(Path dataDir, String typed, String... args) {
        String[] withDir = java.util.Arrays.copyOf(args, args.length + 2);
        withDir[args.length] = "--data-dir";
        withDir[args.length + 1] = dataDir.toString();
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        int exit = NeedlePenCli.run(new java.io.ByteArrayInputStream(typed.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), withDir);
        return new SimulateCommandTest.Result(exit, out.toString(), err.toString());
    }

    /** What this simulated unit's gauge reads at the default plan's points, as a technician would type them. */
    private List<String> gaugeReadings() {
        Path reference = dir.resolve("reference");
        assertThat(runIn(reference, "calibrate", "--from-sim").exit()).isZero();
        return new CalibrationStore(reference.resolve(HANDPIECE).resolve("calibration")).current().calibration()
                .points().stream().map(p -> String.format(Locale.ROOT, "%.4f", p.measuredMm())).toList();
    }

    private Path inProgress() {
        return dir.resolve(HANDPIECE).resolve("calibration-in-progress.npreadings");
    }

    @Test
    void givenATypoAtThePromptThenItIsCaughtAtItsPointAndAnInterruptedCalibrationResumesFromItsReadings() throws Exception {
        List<String> gauge = gaugeReadings();
        int typoAt = 19;
        String typo = String.format(Locale.ROOT, "%.4f", Double.parseDouble(gauge.get(typoAt)) - 0.36); // 1.84 -> 1.48
        StringBuilder first = new StringBuilder();
        for (int i = 0; i <= 22; i++) {
            first.append(i == typoAt ? typo + "\n" : "").append(gauge.get(i)).append('\n');
        }
        var interrupted = typing(dir, first.toString(), "calibrate", "--technician", "alice");
        assertThat(interrupted.exit()).as(interrupted.out() + interrupted.err()).isEqualTo(3);
        assertThat(interrupted.out()).contains(typo + " mm is not deeper than " + gauge.get(typoAt - 1)
                + " mm at the previous point").contains("point 24/");
        assertThat(interrupted.err().strip()).doesNotContain("\n")
                .contains("input ended before point 24 was measured; the readings taken so far are kept in " + inProgress()
                        + ": the next needlepen calibrate offers to resume them");
        var kept = new ReadingsInProgress(inProgress().getParent()).load().orElseThrow();
        assertThat(kept.readings()).hasSize(23);
        assertThat(kept.readings().get(typoAt).measuredMm()).isEqualTo(Double.parseDouble(gauge.get(typoAt)));

        var otherPlan = typing(dir, "", "calibrate", "--points", "30", "--technician", "bob");
        assertThat(otherPlan.exit()).isEqualTo(2);
        assertThat(otherPlan.err().strip()).isEqualTo("needlepen: " + inProgress() + " holds readings for a plan of 26"
                + " points from 0.00 to 2.50 mm, not this calibration's 30 points; resume it with --points 26, or move it"
                + " aside to start a new calibration");
        assertThat(new ReadingsInProgress(inProgress().getParent()).load().orElseThrow().readings()).hasSize(23);

        StringBuilder rest = new StringBuilder("y\n");
        gauge.subList(23, gauge.size()).forEach(r -> rest.append(r).append('\n'));
        var resumed = typing(dir, rest.toString(), "calibrate", "--technician", "bob");
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("An interrupted calibration is kept in " + inProgress())
                .contains("by alice, 23 of 26 planned readings taken").contains("resuming after 23 readings")
                .doesNotContain("point 23/26 at").contains("point 24/26 at");
        var stored = new CalibrationStore(calibrationDir()).current().calibration();
        assertThat(stored.points()).extracting(p -> String.format(Locale.ROOT, "%.4f", p.measuredMm()))
                .containsExactlyElementsOf(gauge);
        assertThat(stored.technician()).isEqualTo("alice, bob");
        assertThat(inProgress()).doesNotExist();
    }

    @Test
    void givenAnInterruptedCalibrationWhenTheTechnicianDeclinesToResumeThenItIsSetAsideNotDeleted() throws Exception {
        var interrupted = typing(dir, "0.02\n", "calibrate");
        assertThat(interrupted.exit()).isEqualTo(3);
        var declined = typing(dir, "maybe\nn\n", "calibrate");
        assertThat(declined.exit()).isEqualTo(3);
        assertThat(declined.out()).contains("type y or n.").contains("set aside as");
        assertThat(declined.err()).contains("input ended before point 1 was measured; no reading was taken");
        Path aside = dir.resolve(HANDPIECE).resolve("calibration-set-aside-001.npreadings");
        assertThat(new ReadingsInProgress(dir.resolve(HANDPIECE)).file()).doesNotExist();
        assertThat(Files.readString(aside)).contains("\"measuredMm\" : 0.02");
    }

    @Test
    void givenAFreshDataDirWhenSimulatingThenTheSimPenIsCalibratedInProcessFirstAndItSaysSo() {
        var r = runIn(dir, "simulate", "--fast", "--duration", "1s");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("no depth calibration for handpiece " + HANDPIECE).contains("calibrating the simulated pen in-process");
        assertThat(new CalibrationStore(calibrationDir()).history()).hasSize(1);
    }

    @Test
    void givenACalibrationWithOneByteChangedWhenSimulatingThenTheSessionIsRefusedNamingTheChecksum() throws Exception {
        assertThat(runIn(dir, "calibrate", "--from-sim").exit()).isZero();
        Path file = calibrationDir().resolve("cal-000001.npcal");
        byte[] bytes = Files.readAllBytes(file);
        int at = new String(bytes).indexOf("\"measuredMm\"") + 16;
        bytes[at] = (byte) (bytes[at] == '5' ? '6' : '5');
        Files.write(file, bytes);
        var r = runIn(dir, "simulate", "--fast", "--duration", "1s");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("fails its checksum");
        assertThat(runIn(dir, "calibrate", "history").out()).contains("DAMAGED");
    }

    @Tag("H43")
    @Test
    void givenTwoUnitsWhenEachIsCalibratedThenEachHasItsOwnRecordsAndAnotherHandpiecesCalibrationIsRefusedNamingBoth()
            throws Exception {
        String other = com.needlepen.hal.sim.SimulatedPenFactory.handpieceIdOf("np-sim-0007").toString();
        assertThat(runIn(dir, "calibrate", "--from-sim").exit()).isZero();
        var second = runIn(dir, "calibrate", "--from-sim", "--unit", "np-sim-0007");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).contains("Calibrating " + other).contains(other + "-c0001");
        assertThat(new CalibrationStore(dir.resolve(other).resolve("calibration")).current().calibration().handpieceId())
                .isEqualTo(other);

        // a calibration file copied from one handpiece's records to another's
        Path theirs = dir.resolve(other).resolve("calibration").resolve("cal-000002.npcal");
        Files.copy(calibrationDir().resolve("cal-000001.npcal"), theirs);
        var r = runIn(dir, "simulate", "--fast", "--duration", "1s", "--unit", "np-sim-0007");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("was made on handpiece " + HANDPIECE
                + ", this handpiece is " + other + "; calibrate this handpiece");
        assertThat(Files.exists(theirs)).as("nothing deleted").isTrue();
    }

    @Test
    void givenACalibrationPastItsRunHoursWhenSimulatingThenTheSessionIsRefused() throws Exception {
        assertThat(runIn(dir, "calibrate", "--from-sim").exit()).isZero();
        Files.writeString(dir.resolve(HANDPIECE).resolve("run-hours"), "needleRunSeconds=" + (201 * 3600) + "\n");
        var r = runIn(dir, "simulate", "--fast", "--duration", "1s");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).contains("is 201.0 run hours old; profile sim allows 200; re-calibrate");
    }

    @Test
    void givenAMeasurementFileWhenCalibratedThenItsPointsAreUsedAndBadFilesAreRefusedInOneLine() throws Exception {
        StringBuilder good = new StringBuilder("commandedMm,measuredMm\n");
        for (int i = 0; i <= 10; i++) {
            good.append(String.format(Locale.ROOT, "%.2f,%.4f%n", i * 0.25, i * 0.25 * 0.98 - 0.03));
        }
        Path file = dir.resolve("m.csv");
        Files.writeString(file, good);
        var ok = runIn(dir, "calibrate", "--measurements", file.toString(), "--technician", "bob");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(new CalibrationStore(calibrationDir()).current().calibration().points()).hasSize(11);

        assertBad(file, "0.0,0.0\n0.5,0.5\n1.0,1.0\n", "3 points are too few; at least 7 are needed");
        assertBad(file, "0,0\n0.25,0.2\n0.5,0.45\n0.5,0.45\n1,0.9\n1.25,1.2\n1.5,1.4\n1.75,1.7\n",
                "commanded depth 0.500 mm appears twice");
        assertBad(file, "0,0\n0.25,0.2\n0.5,0.45\n0.75,0.4\n1,0.9\n1.25,1.2\n1.5,1.4\n1.75,1.7\n",
                "the curve is not monotonic");
        assertBad(file, "0,0\n0.25,abc\n", "m.csv:2: measuredMm 'abc' is not a number");
        assertBad(file, "0,0\n9,9\n", "m.csv:2: commandedMm 9 is out of range; allowed 0 to 2.8 mm");
        assertThat(new CalibrationStore(calibrationDir()).history()).as("nothing written by refused files").hasSize(1);
    }

    private void assertBad(Path file, String content, String expected) throws Exception {
        Files.writeString(file, content);
        var r = runIn(dir, "calibrate", "--measurements", file.toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(expected);
    }

    @Test
    void givenARepeatedHomingThenTheSwitchPositionSpreadIsReportedAndSmall() {
        var r = runIn(dir, "home", "--repeat", "20");
        assertThat(r.exit()).as(r.err()).isZero();
        String line = r.out().lines().filter(l -> l.startsWith("homed 20 times")).findFirst().orElseThrow();
        double spread = Double.parseDouble(line.replaceAll(".*spread ([0-9.]+) µm.*", "$1"));
        System.out.println(line);
        assertThat(spread).isGreaterThan(0).isLessThan(15);
    }

    @Test
    void givenAJogBeyondTheTravelThenItIsRefusedWithTheLimits() {
        var ok = runIn(dir, "jog", "--by", "0.5");
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("collar moved +1600 steps");
        var bad = runIn(dir, "jog", "--by", "5");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).contains("would leave the collar's travel (0 to 3.400 mm from home)");
    }

    @Test
    void givenTooFewPointsWhenCalibratingThenRefused() {
        var r = runIn(dir, "calibrate", "--from-sim", "--points", "5");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("needlepen: --points 5 is out of range; allowed 7 to 200");
    }
}
