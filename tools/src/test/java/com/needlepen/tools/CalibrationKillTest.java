package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.calibration.CalibrationStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while calibrations are being written: a child JVM writes them in a loop and is killed
 * at random moments, many times; afterwards every stored calibration reads back whole, so the
 * current one is always either the old or the new one, never a torn file.
 */
class CalibrationKillTest {

    private static final int KILLS = 25;

    @TempDir
    Path dir;

    @Test
    void givenAWriterKilledAtRandomPointsThenEveryStoredCalibrationIsIntact() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        SplittableRandom random = new SplittableRandom(7);
        CalibrationStore store = new CalibrationStore(dir);
        int before = 0;
        int tornTemporaries = 0;
        for (int k = 0; k < KILLS; k++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CalibrationWriterChild.class.getName(), dir.toString()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            assertThat(out.readLine()).isEqualTo("ready");
            Thread.sleep(random.nextInt(1, 80));
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

            try (var files = Files.list(dir)) {
                if (files.anyMatch(f -> f.getFileName().toString().startsWith(
                        com.needlepen.config.calibration.AtomicFiles.TEMP_PREFIX))) {
                    tornTemporaries++; // killed mid-write: the half-written file is a temporary, never a calibration
                }
            }
            List<CalibrationStore.Entry> history = store.history();
            assertThat(history).allSatisfy(e -> assertThat(e.readable()).as(e.file() + ": " + e.problem()).isTrue());
            assertThat(history.size()).isGreaterThanOrEqualTo(before);
            before = history.size();
            if (!history.isEmpty()) {
                assertThat(store.current().readable()).isTrue();
            }
        }
        System.out.printf("%d kills (%d mid-write), %d calibrations written and all intact%n", KILLS, tornTemporaries,
                before);
        assertThat(tornTemporaries).as("kills that landed in the middle of a write").isPositive();
        assertThat(before).as("the writer got calibrations out between kills").isGreaterThan(KILLS);
    }
}
