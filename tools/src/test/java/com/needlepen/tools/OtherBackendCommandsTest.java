package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that drives a pen works with whichever backend the profile names, not only the
 * sim: here a backend the commands do not know by name ({@link RealTimeRigBackend}), which runs in
 * real time only, as hardware does. What only the simulated pen has (its gauge, a moved switch) is
 * refused on it in one line.
 */
class OtherBackendCommandsTest {

    @TempDir
    Path dir;

    private Path rigProfile() throws Exception {
        String sim = new String(OtherBackendCommandsTest.class.getResourceAsStream("/profiles/sim.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(sim).contains("backend: sim");
        Path file = dir.resolve("rig.yaml");
        Files.writeString(file, sim.replace("backend: sim", "backend: " + RealTimeRigBackend.NAME));
        return file;
    }

    @Test
    void givenAProfileOnAnotherBackend_whenHomed_thenItHomesOnThatBackendInRealTimeAndGivesTheHardwareBack() throws Exception {
        int closedBefore = RealTimeRigBackend.CLOSED.get();
        int openedBefore = RealTimeRigBackend.OPENED.get();
        var r = SimulateCommandTest.runIn(dir.resolve("data"), "home", "--profile", rigProfile().toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("homed 1 times");
        // opened twice, each time given back: once to read the handpiece's identity (its records are found
        // by it), once to home
        assertThat(RealTimeRigBackend.OPENED.get() - openedBefore).isEqualTo(2);
        assertThat(RealTimeRigBackend.CLOSED.get() - closedBefore).isEqualTo(2);
        // real time: the wall clock took at least (nearly) as long as the physics it paced
        assertThat(RealTimeRigBackend.plantNanos).isPositive();
        assertThat(RealTimeRigBackend.wallNanos).isGreaterThanOrEqualTo(RealTimeRigBackend.plantNanos * 9 / 10);
    }

    @Test
    void givenAProfileOnAnotherBackend_whenJogged_thenTheCollarMoves() throws Exception {
        var r = SimulateCommandTest.runIn(dir.resolve("data"), "jog", "--by", "0.5", "--profile", rigProfile().toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("collar moved +");
    }

    @Test
    void givenAProfileOnAnotherBackend_whenCalibratedFromAFileOfGaugeReadings_thenTheCollarVisitsEachPointAndItIsStored()
            throws Exception {
        StringBuilder readings = new StringBuilder("commandedMm,measuredMm\n");
        for (int i = 0; i <= 7; i++) {
            readings.append(String.format(java.util.Locale.ROOT, "%.2f,%.4f%n", i * 0.3, i * 0.3 * 0.98 - 0.03));
        }
        Path file = dir.resolve("m.csv");
        Files.writeString(file, readings);
        var r = SimulateCommandTest.runIn(dir.resolve("data"), "calibrate", "--measurements", file.toString(),
                "--technician", "bob", "--profile", rigProfile().toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("point  8/8").contains("stored in");
    }

    @Test
    void givenAProfileOnAnotherBackend_whenTheSimulatedGaugeIsAskedFor_thenOneLineNamesTheBackend() throws Exception {
        var r = SimulateCommandTest.runIn(dir.resolve("data"), "calibrate", "--from-sim", "--profile",
                rigProfile().toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n")
                .contains("--from-sim is for the simulated pen only").contains("backend '" + RealTimeRigBackend.NAME + "'");
        var v = SimulateCommandTest.runIn(dir.resolve("data"), "calibrate", "verify", "--sim-drift", "0.05", "--profile",
                rigProfile().toString());
        assertThat(v.exit()).isEqualTo(2);
        assertThat(v.err()).contains("--sim-drift is for the simulated pen only");
    }
}
