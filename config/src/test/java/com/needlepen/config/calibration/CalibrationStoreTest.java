package com.needlepen.config.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.needlepen.config.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationStoreTest {

    /** A handpiece's identity, as its EEPROM reads. */
    private static final String HP = "hp-0004a3000001";

    @TempDir
    Path dir;

    @Test
    void givenTwoCalibrationsWhenWrittenThenBothAreKeptAndTheNewestIsCurrent() throws Exception {
        CalibrationStore store = new CalibrationStore(dir);
        Calibration first = CalibrationTestData.calibration("np-1", "sim", 1_000, 0);
        Calibration second = CalibrationTestData.calibration("np-1", "sim", 2_000, 5);
        Path a = store.write(first);
        Path b = store.write(second);
        assertThat(a.getFileName().toString()).isEqualTo("cal-000001.npcal");
        assertThat(b.getFileName().toString()).isEqualTo("cal-000002.npcal");
        assertThat(store.history()).extracting(CalibrationStore.Entry::calibration).containsExactly(first, second);
        assertThat(store.current().calibration()).isEqualTo(second);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(AtomicFiles.TEMP_PREFIX));
        }
    }

    @Test
    void givenAFailedAttemptsReportWhenTheNextIsStoredThenItTakesTheNumberAfterIt() throws Exception {
        CalibrationStore store = new CalibrationStore(dir);
        assertThat(store.neverUsed()).isTrue();
        store.write(CalibrationTestData.calibration("np-1", "sim", 1_000, 0));
        int failed = store.withNextNumber(n -> {
            Files.writeString(store.failedReportFile(n, "txt"), "did not pass");
            return n;
        });
        assertThat(failed).isEqualTo(2);
        assertThat(store.write(CalibrationTestData.calibration("np-1", "sim", 2_000, 0)).getFileName().toString())
                .isEqualTo("cal-000003.npcal");
        assertThat(store.history()).extracting(CalibrationStore.Entry::sequence).containsExactly(1, 3);
        assertThat(CalibrationStore.calibrationId("np-1", 3)).isEqualTo("np-1-c0003");
        assertThat(store.neverUsed()).isFalse();
    }

    @Test
    void givenOnlyAFailedAttemptThenTheStoreHasBeenUsedButHoldsNoCalibration() throws Exception {
        CalibrationStore store = new CalibrationStore(dir);
        store.withNextNumber(n -> Files.writeString(store.failedReportFile(n, "txt"), "did not pass"));
        assertThat(store.history()).isEmpty();
        assertThat(store.neverUsed()).isFalse();
    }

    @Test
    void givenAFailedVerificationWhenCheckedThenTheCalibrationIsRefusedUntilANewOneIsStored() throws Exception {
        var profile = ProfileLoader.bundled("sim");
        CalibrationStore store = new CalibrationStore(dir);
        store.write(CalibrationTestData.calibration(HP, "sim", 1_000, 0));
        assertThat(CalibrationCheck.problem(store.current(), profile, HP, 0, 0, false)).isNull();

        Path failed = store.recordVerification(store.current(), verification(store.current(), 3_000, 0.061));
        assertThat(failed.getFileName().toString()).isEqualTo("cal-000001.verify-001.npver");
        String refusal = "calibration " + HP + "-cal failed verification on 1970-01-01 00:00:03 UTC"
                + " (drift 0.0610 mm, tolerance 0.0500 mm): re-calibrate (needlepen calibrate)";
        assertThat(CalibrationCheck.problem(store.current(), profile, HP, 0, 0, false)).isEqualTo(refusal);

        store.recordVerification(store.current(), verification(store.current(), 4_000, 0.001));
        assertThat(store.current().verifications()).extracting(v -> v.verification().passed()).containsExactly(false, true);
        assertThat(CalibrationCheck.problem(store.current(), profile, HP, 0, 0, false))
                .as("a passing verification after a failed one does not clear it").isEqualTo(refusal);

        store.write(CalibrationTestData.calibration(HP, "sim", 5_000, 0));
        assertThat(store.current().verifications()).isEmpty();
        assertThat(CalibrationCheck.problem(store.current(), profile, HP, 0, 0, false)).as("a new calibration").isNull();
        assertThat(store.history().get(0).verifications()).hasSize(2);
    }

    @Test
    void givenAVerificationWithOneByteChangedWhenCheckedThenTheCalibrationIsRefusedNamingTheFile() throws Exception {
        var profile = ProfileLoader.bundled("sim");
        CalibrationStore store = new CalibrationStore(dir);
        store.write(CalibrationTestData.calibration(HP, "sim", 1_000, 0));
        Path file = store.recordVerification(store.current(), verification(store.current(), 3_000, 0.001));
        byte[] bytes = Files.readAllBytes(file);
        int at = new String(bytes).indexOf("0.001");
        bytes[at + 4] = '0'; // a passing drift of 0.001 mm now reads 0.000: it was edited
        Files.write(file, bytes);
        assertThat(CalibrationCheck.problem(store.current(), profile, HP, 0, 0, false))
                .isEqualTo(file + " fails its checksum: it was changed after it was written; re-calibrate (needlepen calibrate)");
    }

    private static CalibrationVerification verification(CalibrationStore.Entry of, long utc, double driftMm) {
        var drifts = java.util.Collections.nCopies(of.calibration().points().size() - 1, 0.0);
        var all = new java.util.ArrayList<>(drifts);
        all.add(driftMm);
        return new CalibrationVerification(of.calibration().id(), of.calibration().handpieceId(), "tech", utc, false, 0,
                "test", all, of.calibration().toleranceMm());
    }

    @Test
    void givenAnyOneByteChangedWhenReadThenTheCalibrationIsRefused() throws Exception {
        CalibrationStore store = new CalibrationStore(dir);
        Path file = store.write(CalibrationTestData.calibration("np-1", "sim", 1_000, 0));
        byte[] original = Files.readAllBytes(file);
        for (int i = 0; i < original.length; i += 7) {
            byte[] changed = original.clone();
            changed[i] = (byte) (changed[i] == '1' ? '2' : '1');
            Files.write(file, changed);
            CalibrationException e = catchThrowableOfType(CalibrationException.class, store::current);
            assertThat(e).as("byte %d changed", i).isNotNull();
            assertThat(e.getMessage()).doesNotContain("\n");
        }
        Files.write(file, original);
        assertThat(store.current().readable()).isTrue();
    }

    @Test
    void givenNoCalibrationWhenAskedThenTheMessageSaysHowToMakeOne() {
        CalibrationException e = catchThrowableOfType(CalibrationException.class, new CalibrationStore(dir)::current);
        assertThat(e.getMessage()).isEqualTo("no depth calibration in " + dir + "; run: needlepen calibrate");
    }

    @Test
    void givenAnotherHandpieceProfileOrAnOldCalibrationWhenCheckedThenEachHasItsOwnMessage() {
        var profile = ProfileLoader.bundled("sim"); // 200 run hours, 180 days
        long day = 86_400_000L;
        Calibration ok = CalibrationTestData.calibration(HP, "sim", 10 * day, 100);
        assertThat(CalibrationCheck.problem(entry(ok), profile, HP, 250, 100 * day, true)).isNull();
        assertThat(CalibrationCheck.problem(entry(CalibrationTestData.calibration("hp-0004a3000009", "sim", 0, 0)), profile,
                HP, 0, 0, true)).as("H43: both ids named")
                .isEqualTo("f was made on handpiece hp-0004a3000009, this handpiece is " + HP + "; calibrate this handpiece");
        assertThat(CalibrationCheck.problem(entry(ok), ProfileLoader.bundled("sim"), "hp-0004a3000009", 0, 0, true))
                .as("the profile's device id does not make a calibration another unit's").startsWith("f was made on handpiece " + HP);
        assertThat(CalibrationCheck.problem(entry(CalibrationTestData.calibration(HP, "compact", 0, 0)), profile,
                HP, 0, 0, true)).isEqualTo("f was made with profile compact, not sim; re-calibrate");
        assertThat(CalibrationCheck.problem(entry(ok), profile, HP, 301, 100 * day, true))
                .isEqualTo("f is 201.0 run hours old; profile sim allows 200; re-calibrate");
        assertThat(CalibrationCheck.problem(entry(ok), profile, HP, 250, 200 * day, true))
                .isEqualTo("f is 190 days old; profile sim allows 180; re-calibrate");
        assertThat(CalibrationCheck.problem(entry(ok), profile, HP, 250, 200 * day, false))
                .as("an unsynchronised clock cannot age a calibration").isNull();
    }

    @Test
    void givenACalibrationFromBeforeHandpieceBindingWhenReadThenItIsRefusedSayingSoAndLeftInPlace() throws Exception {
        // format 1 bound a calibration to the profile's device id, which every unit of a model shares
        Calibration c = CalibrationTestData.calibration(HP, "sim", 1_000, 0);
        var old = new java.util.LinkedHashMap<String, Object>();
        old.put("id", "np-sim-0001-c0001");
        old.put("deviceId", "np-sim-0001");
        old.put("profile", c.profile());
        old.put("technician", c.technician());
        old.put("utcEpochMillis", c.utcEpochMillis());
        old.put("clockSynchronised", c.clockSynchronised());
        old.put("runHours", c.runHours());
        old.put("toolVersion", c.toolVersion());
        old.put("model", c.model());
        old.put("points", c.points());
        old.put("looResidualsMm", c.looResidualsMm());
        old.put("toleranceMm", c.toleranceMm());
        Files.createDirectories(dir);
        Path file = dir.resolve("cal-000001.npcal");
        byte[] bytes = new ChecksummedJson().encode(java.util.Map.of("format", "needlepen.calibration/1", "calibration", old));
        Files.write(file, bytes);

        CalibrationException e = catchThrowableOfType(CalibrationException.class, new CalibrationStore(dir)::current);
        assertThat(e.getMessage()).contains("made before calibrations were bound to the handpiece's own id; calibrate this handpiece");
        assertThat(Files.readAllBytes(file)).as("never lost").isEqualTo(bytes);
    }

    private static CalibrationStore.Entry entry(Calibration c) {
        return new CalibrationStore.Entry(1, Path.of("f"), c, null, java.util.List.of());
    }
}
