package com.needlepen.config.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.needlepen.config.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationStoreTest {

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
    void givenAnotherDeviceProfileOrAnOldCalibrationWhenCheckedThenEachHasItsOwnMessage() {
        var profile = ProfileLoader.bundled("sim"); // np-sim-0001, 200 run hours, 180 days
        long day = 86_400_000L;
        Calibration ok = CalibrationTestData.calibration("np-sim-0001", "sim", 10 * day, 100);
        assertThat(CalibrationCheck.problem(ok, "f", profile, 250, 100 * day, true)).isNull();
        assertThat(CalibrationCheck.problem(CalibrationTestData.calibration("np-9", "sim", 0, 0), "f", profile, 0, 0, true))
                .isEqualTo("f belongs to device np-9, not np-sim-0001; calibrate this pen");
        assertThat(CalibrationCheck.problem(CalibrationTestData.calibration("np-sim-0001", "compact", 0, 0), "f", profile,
                0, 0, true)).isEqualTo("f was made with profile compact, not sim; re-calibrate");
        assertThat(CalibrationCheck.problem(ok, "f", profile, 301, 100 * day, true))
                .isEqualTo("f is 201.0 run hours old; profile sim allows 200; re-calibrate");
        assertThat(CalibrationCheck.problem(ok, "f", profile, 250, 200 * day, true))
                .isEqualTo("f is 190 days old; profile sim allows 180; re-calibrate");
        assertThat(CalibrationCheck.problem(ok, "f", profile, 250, 200 * day, false))
                .as("an unsynchronised clock cannot age a calibration").isNull();
    }
}
