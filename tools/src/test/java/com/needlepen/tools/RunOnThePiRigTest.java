package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.config.calibration.CalibrationStore;
import com.needlepen.firmware.behaviour.TechnicianCalibration;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.backend.Backends;
import com.needlepen.hal.sim.SimHandle;
import com.needlepen.hal.sim.SimulatedPenFactory;
import com.needlepen.tools.cli.RunCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A whole session through {@code needlepen run} on the pi4j backend, in this JVM: the production command, the
 * production {@code Pi4jPen} and its drivers on Pi4J's mock provider and the register models ({@link PiRigBackend}),
 * over a simulated handpiece whose panel this test presses as a practitioner would, in real time. The command runs
 * until its {@code --stop-after}, shuts down as on SIGTERM and exits 0, its telemetry delivered.
 */
class RunOnThePiRigTest {

    @TempDir
    Path dir;

    private static void click(SimHandle hands, PanelButton b) throws InterruptedException {
        hands.press(b);
        Thread.sleep(80);
        hands.release(b);
        Thread.sleep(200);
    }

    @Test
    void givenThePiRig_whenAPractitionerTreatsThroughNeedlepenRun_thenTheSessionRunsOnThePisDriversAndRunShutsDownCleanly()
            throws Exception {
        DeviceProfile pi = ProfileLoader.bundled("pi-tmc5160");
        // the pen's own broker is the in-JVM one here: the profile with no broker URL
        Path profile = dir.resolve("pi-rig.yaml");
        String text = Files.readString(Path.of("..").toAbsolutePath().normalize()
                .resolve("config/src/main/resources/profiles/pi-tmc5160.yaml"));
        Files.writeString(profile, text.replace("  brokerUrl: tcp://localhost:1883", "  brokerUrl: null"));
        // the technician calibrated this handpiece
        String unit = pi.telemetry().deviceId();
        String handpiece = SimulatedPenFactory.create(pi, 12, unit, 1).hardware().handpiece().readId().toString();
        new CalibrationStore(dir.resolve(handpiece).resolve("calibration")).write(TechnicianCalibration.of(
                ProfileLoader.load(profile), unit));

        PiRigBackend rig = new PiRigBackend();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new RunCommand(Backends.of(rig)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread run = new Thread(() -> exit.set(cli.execute("--profile", profile.toString(), "--data-dir", dir.toString(),
                "--stop-after", "20s")), "needlepen-run");
        run.start();
        long until = System.nanoTime() + 30_000_000_000L;
        while (!out.toString().contains("serving the panel") && System.nanoTime() < until && run.isAlive()) {
            Thread.sleep(20);
        }
        assertThat(out.toString()).as(out.toString()).contains("serving the panel");
        SimHandle hands = rig.lastPen().handle();
        Thread.sleep(5_000); // boot and homing
        hands.insertCartridge(new CartridgeInfo(null, 12)); // the Pi reads no cartridge id
        Thread.sleep(300);
        for (int i = 0; i < 10; i++) {
            click(hands, PanelButton.DEPTH_UP); // the pen starts at 0 mm; 0.5 mm, a step a press, through the expander
        }
        Thread.sleep(1_000); // the collar moves there
        click(hands, PanelButton.CONFIRM); // through the expander
        click(hands, PanelButton.START_STOP); // on its own line
        long before = hands.trueExcursions();
        Thread.sleep(6_000);
        long made = hands.trueExcursions() - before;
        click(hands, PanelButton.START_STOP);
        run.join(40_000);
        System.out.println(out);
        assertThat(run.isAlive()).isFalse();
        assertThat(exit.get()).as(out.toString()).isZero();
        assertThat(out.toString()).contains("needlepen run: profile pi-tmc5160, backend pi4j, handpiece " + handpiece)
                .contains("--stop-after 20s reached: shutting down").contains("needlepen run: shut down; state READY");
        Matcher t = Pattern.compile("telemetry (\\d+) delivered, (\\d+) not delivered").matcher(out.toString());
        assertThat(t.find()).isTrue();
        assertThat(Long.parseLong(t.group(1))).as("messages delivered").isPositive();
        assertThat(Long.parseLong(t.group(2))).as("messages not delivered").isZero();
        System.out.printf("needlepen run on the Pi rig: %d strokes made in the 6 s the needles were asked to run%n", made);
        // at the profile's slowest rate (the rate a session starts with): 6 s at 50 Hz, less the start's check and spin-up
        assertThat(made).isGreaterThan(150);
        assertThat(out.toString()).contains(": RUNNING").doesNotContain("needlepen run: fault");
    }
}
