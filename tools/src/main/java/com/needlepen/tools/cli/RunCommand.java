package com.needlepen.tools.cli;

import com.needlepen.broker.LoopbackPorts;
import com.needlepen.config.DeviceProfile;
import com.needlepen.config.calibration.CalibrationCheck;
import com.needlepen.config.calibration.CalibrationStore;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.Pen;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.loop.SimulationRunner;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code needlepen run}: the device's main program (the package's systemd unit runs it). It opens the profile's
 * backend, boots and homes the pen, and serves the practitioner's panel with the firmware's real-time loop until
 * SIGTERM or SIGINT, which stops the needles, parks them, disables the drive, closes the session and flushes
 * telemetry before the process ends. On a profile whose backend is the simulator it runs the simulated pen in real
 * time, idle until a test rig presses its panel or a signal comes.
 *
 * <p>A handpiece without a usable calibration still boots and homes, so a technician can see it and calibrate it
 * (with the service stopped, the hardware is theirs); sessions are refused until then, as the firmware's start
 * checks say.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"The pen's main program: boots, homes and serves the panel in real time until SIGTERM/SIGINT,",
                "which parks the needles, disables the drive, closes the session and flushes telemetry.",
                "Exit codes: 0 shut down cleanly, 2 bad input (profile, backend, data directory), 3 the shutdown did"
                        + " not complete."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PenOptions pen;

    @picocli.CommandLine.Option(names = "--stop-after", paramLabel = "DURATION",
            description = "For test rigs: shut down after this long (e.g. 90s, 2m), as on SIGTERM.")
    String stopAfter;

    private final com.needlepen.hal.backend.Backends rigBackends;

    public RunCommand() {
        this(null);
    }

    /** A test rig's: the command finds the profile's backend among {@code rigBackends}. */
    public RunCommand(com.needlepen.hal.backend.Backends rigBackends) {
        this.rigBackends = rigBackends;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (rigBackends != null) {
            pen.useBackends(rigBackends);
        }
        long stopAfterNanos = stopAfter == null ? Long.MAX_VALUE : DurationParser.parseNanos("--stop-after", stopAfter);
        DeviceProfile p = pen.profile();
        DepthCalibration calibration = calibration(p, out);
        String url = p.telemetry().brokerUrl();
        int embeddedPort = -1;
        if (url == null) {
            embeddedPort = LoopbackPorts.free();
            url = LoopbackPorts.urlFor(embeddedPort);
        }
        TelemetryUp telemetryUp = TelemetryUp.begin(embeddedPort, out);
        SignalShutdown signals = null;
        try (telemetryUp) {
            TelemetryRig rig = TelemetryRig.create(url, p.telemetry(), System::currentTimeMillis);
            try (Pen running = pen.openInRealTime(a -> a.telemetry(rig.telemetry()).calibration(calibration))) {
                PenController controller = running.controller();
                SimulationRunner runner = running.runner();
                signals = SignalShutdown.install(runner, out);
                // the journal's record of the pen: every change of state, fault and refusal, one line each (a line is
                // made only when something changed: a tick that changes nothing allocates nothing)
                Object[] last = new Object[3];
                long t0 = runner.nowNanos();
                runner.setObserver(now -> {
                    var st = controller.status();
                    if (st.state() != last[0]) {
                        last[0] = st.state();
                        out.printf(Locale.ROOT, "needlepen run: %.3f s: %s%n", (now - t0) / 1e9, st.state());
                        out.flush();
                    }
                    if (st.fault() != last[1]) {
                        last[1] = st.fault();
                        if (st.fault() != null) {
                            out.printf(Locale.ROOT, "needlepen run: fault %s %s%n", st.fault().shortCode(), st.faultDetail());
                            out.flush();
                        }
                    }
                    if (!java.util.Objects.equals(st.lastRefusal(), last[2])) {
                        last[2] = st.lastRefusal();
                        if (st.lastRefusal() != null) {
                            out.printf(Locale.ROOT, "needlepen run: refused: %s%n", st.lastRefusal());
                            out.flush();
                        }
                    }
                });
                telemetryUp.connect(rig);
                out.printf(Locale.ROOT, "needlepen run: profile %s, backend %s, handpiece %s; telemetry %s under %s/#;"
                                + " serving the panel until SIGTERM or SIGINT%n", p.name(), p.backend(), pen.handpiece(), url,
                        p.telemetry().deviceTopic());
                out.flush();
                out.println("needlepen run: " + running.opened().prepareLoopThread());
                out.flush();
                long started = runner.nowNanos();
                while (!runner.shutdownRequested()) {
                    runner.runFor(Math.min(1_000_000_000L, Math.max(runner.periodNanos(),
                            stopAfterNanos - (runner.nowNanos() - started))));
                    if (runner.nowNanos() - started >= stopAfterNanos && !runner.shutdownRequested()) {
                        out.println("needlepen run: --stop-after " + stopAfter + " reached: shutting down");
                        out.flush();
                        runner.requestShutdown();
                    }
                }
                // runFor carried the shutdown out: stopped, parked, disabled, the session closed
                runner.runFor(runner.periodNanos());
                boolean clean = controller.shutDown();
                TelemetryRig.Counts counts = rig.finish(5_000);
                out.printf(Locale.ROOT, "needlepen run: %s; state %s%s; telemetry %d delivered, %d not delivered%n",
                        clean ? "shut down" : "the shutdown did not complete within 5 s", controller.status().state(),
                        controller.status().fault() == null ? "" : ", fault " + controller.status().fault().shortCode(),
                        counts.delivered(), counts.undelivered());
                out.flush();
                int code = clean ? 0 : com.needlepen.tools.NeedlePenCli.FAULT;
                signals.finished(code);
                return code;
            }
        } finally {
            if (signals != null) {
                signals.uninstall();
            }
        }
    }

    /** The handpiece's calibration if usable; else an unusable one, said so: the pen boots, sessions wait for it. */
    private DepthCalibration calibration(DeviceProfile p, PrintWriter out) {
        CalibrationStore store = pen.calibrations();
        String problem;
        try {
            CalibrationStore.Entry current = store.current();
            problem = CalibrationCheck.problem(current, p, pen.handpiece().toString(), pen.runHours().hours(),
                    System.currentTimeMillis(), false);
            if (problem == null) {
                return DepthCalibration.of(current.calibration());
            }
        } catch (RuntimeException e) {
            problem = e.getMessage();
        }
        out.println("needlepen run: " + problem + "; the pen homes, and refuses sessions until a technician calibrates it"
                + " (with the service stopped: needlepen calibrate)");
        out.flush();
        return DepthCalibration.unusable(p.collar(), problem);
    }
}
