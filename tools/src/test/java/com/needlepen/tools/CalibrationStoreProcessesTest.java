package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.calibration.CalibrationStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes storing calibrations for one device at once (two technicians' tools, or a
 * tool and a simulator): each calibration gets its own number, none replaces another.
 */
class CalibrationStoreProcessesTest {

    private static final int WRITERS = 3;
    private static final int EACH = 30;

    @TempDir
    Path dir;

    @Test
    void givenThreeProcessesWritingAtOnceThenEveryCalibrationIsKeptUnderItsOwnNumber() throws Exception {
        String javaCommand = ProcessHandle.current().info().command().orElseThrow();
        List<Process> children = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            children.add(new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"),
                    CalibrationWriterChild.class.getName(), dir.toString(), Integer.toString(EACH), "writer" + w)
                    .redirectErrorStream(true).start());
        }
        for (Process child : children) {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(new String(child.getInputStream().readAllBytes())).isZero();
        }
        List<CalibrationStore.Entry> history = new CalibrationStore(dir).history();
        assertThat(history).allSatisfy(e -> assertThat(e.readable()).as(e.file() + ": " + e.problem()).isTrue());
        assertThat(history).extracting(e -> e.calibration().id()).doesNotHaveDuplicates().hasSize(WRITERS * EACH);
        assertThat(history).extracting(CalibrationStore.Entry::sequence)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, WRITERS * EACH).boxed().toList());
        for (int w = 0; w < WRITERS; w++) {
            String writer = "writer" + w;
            List<String> its = history.stream().map(e -> e.calibration().id()).filter(id -> id.startsWith(writer + "-"))
                    .toList();
            assertThat(its).as("%s's calibrations in the order it stored them", writer)
                    .containsExactlyElementsOf(IntStream.range(0, EACH).mapToObj(i -> writer + "-" + i)
                            .toList());
        }
    }
}
