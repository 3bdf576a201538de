package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code needlepen run}, the device's main program, as systemd runs it: in a process of its own, real time, until
 * SIGTERM; the simulated pen stands in for the Pi. On this machine the pi4j profile is refused in one line.
 */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void givenACalibratedPen_whenRunAndSigtermArrives_thenItBootsHomesServesAndShutsDownCleanlyWithExit0() throws Exception {
        assertThat(SimulateCommandTest.runIn(dir, "calibrate", "--from-sim", "--technician", "ci").exit()).isZero();
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-Dio.netty.noUnsafe=true", "-cp", System.getProperty("java.class.path"),
                NeedlePenCli.class.getName(), "run", "--profile", "sim", "--data-dir", dir.toString())
                .redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        // a child that never says it serves would keep this test reading forever: it is ended after a minute
        Thread guard = new Thread(() -> {
            try {
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        guard.setDaemon(true);
        guard.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (line.contains("serving the panel until SIGTERM or SIGINT")) {
                    break;
                }
            }
            assertThat(out.toString()).as("the child said it serves").contains("serving the panel");
            Thread.sleep(4_000); // boots and homes (about 2 s of the pen's real time)
            child.toHandle().destroy(); // SIGTERM
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("ended by itself").isTrue();
            r.lines().forEach(l -> out.append(l).append('\n'));
        }
        System.out.println(out);
        assertThat(child.exitValue()).as(out.toString()).isZero();
        assertThat(out.toString()).contains("needlepen run: profile sim, backend sim, handpiece hp-")
                .contains("needlepen: shutting down: stopping the needles, parking, closing the session")
                .contains("needlepen run: shut down; state READY");
    }

    @Test
    void givenThePiProfileOnThisMachine_whenRun_thenOneLineSayingItIsNoPiAndExit2() {
        var r = SimulateCommandTest.runIn(dir, "run", "--profile", "pi-tmc5160");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("needlepen: profile pi-tmc5160, backend 'pi4j': the pi4j"
                + " backend cannot start: board: no /proc/device-tree/model: this is not a Raspberry Pi");
    }
}
