package com.needlepen.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.needlepen.config.CartridgeType;
import com.needlepen.config.SafetySpec;
import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.treatment.SettingsPolicy;
import com.needlepen.firmware.mqtt.MqttSettings;
import com.needlepen.firmware.session.CartridgeLedger;
import com.needlepen.firmware.session.FileCartridgeLedger;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.tools.NeedlePenCli;
import com.needlepen.tools.UserInputException;
import com.needlepen.broker.LoopbackPorts;
import com.needlepen.tools.sim.FaultInjector;
import com.needlepen.tools.sim.SessionScenario;
import com.needlepen.firmware.loop.SimulationRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code needlepen simulate}: a whole treatment session on the simulated pen, telemetry over MQTT. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Runs a treatment session on the simulated pen and reports what happened.",
        description = "Runs a simulated treatment session: home the collar, start, run at the set depth and rate,"
                + " stop and park, with telemetry published to an MQTT broker and read back. Exit codes: 0 session"
                + " completed at the set depth, 2 bad input, 3 it did not complete (a fault, a refused start, or a"
                + " true depth beyond the profile's tolerance; the summary says which).")
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PenOptions pen;

    @Option(names = "--depth", paramLabel = "MM", description = "Needle depth in mm, on the profile's step (default 1.0).")
    String depthText;

    @Option(names = "--rate", paramLabel = "HZ", description = "Stroke rate in Hz, on the profile's step (default 100).")
    String rateText;

    @Option(names = "--preset", paramLabel = "NAME", description = "A treatment-area preset instead of --depth and --rate.")
    String preset;

    @Option(names = "--duration", paramLabel = "TIME",
            description = "How long the needles run, e.g. 60s, 2m (default 20s); at most the profile's longest run.")
    String duration = "20s";

    @Option(names = "--fast", description = "Virtual time, as fast as the machine allows (default: real time).")
    boolean fast;

    @Option(names = "--broker", paramLabel = "URL",
            description = "MQTT broker, e.g. tcp://localhost:1883 (default: an in-JVM broker on a free port).")
    String broker;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the summary as JSON to FILE.")
    Path summaryJson;

    @Option(names = "--inject", paramLabel = "KIND@TIME",
            description = "Inject a sim fault at a time from power-on, e.g. cam-jammed@12s (repeatable; see --list-faults).")
    List<String> inject = new java.util.ArrayList<>();

    @Option(names = "--cartridge-id", paramLabel = "ID|none",
            description = {"The inserted cartridge's id (default: a new one, CART-<seed>-<random>, unused on this pen).",
                    "An id used in an earlier session is refused; 'none' is a cartridge without an id, which the",
                    "simulated practitioner confirms new on the panel."})
    String cartridgeId;

    @Option(names = "--list-faults", description = "List the fault kinds --inject takes, and exit.")
    boolean listFaults;

    @Option(names = "--ambient", paramLabel = "CELSIUS",
            description = {"The room the pen has stood in, held in the practitioner's hand (default: the sim's room,"
                    + " 25 °C), from " + (int) MIN_AMBIENT_CELSIUS + " to " + (int) MAX_AMBIENT_CELSIUS + " °C;",
                    "40 is IEC 60601-1's highest rated ambient."})
    String ambientText;

    /** IEC 60601-1's usual rated range for the ambient of a handheld device's use. */
    static final double MIN_AMBIENT_CELSIUS = 10;
    static final double MAX_AMBIENT_CELSIUS = 40;

    /** The parsed {@code --ambient}, null for the sim's own room. */
    private Double ambient;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (listFaults) {
            for (com.needlepen.hal.sim.SimFault f : com.needlepen.hal.sim.SimFault.values()) {
                out.printf("%-28s %s%n", FaultInjector.kindName(f), FaultDescriptions.of(f));
            }
            out.flush();
            return NeedlePenCli.OK;
        }
        List<FaultInjector.Injection> injections = inject.stream().map(FaultInjector::parse).toList();
        long runNanos = DurationParser.parseNanos("--duration", duration);
        DeviceProfile p = pen.profile();
        pen.backend(); // a backend this program does not have is refused in one line, as for every command
        pen.simulatorWhateverTheProfileNames();
        pen.unitSerial(); // a bad --unit is refused before anything is printed
        long longestNanos = p.safety().maxContinuousRunNanos();
        if (runNanos > longestNanos) {
            throw new UserInputException("--duration '" + duration + "' is longer than one run may last on profile "
                    + p.name() + " (safety.maxContinuousRunMinutes: " + SafetySpec.minutesText(longestNanos)
                    + " min); allowed 0.1 s to " + SafetySpec.minutesText(longestNanos) + " min");
        }
        CartridgeType type = pen.cartridgeType();
        Double depthMm = depthText == null ? null : NumberArgument.parse("--depth", depthText, "mm", "1.25");
        Double rateHz = rateText == null ? null : NumberArgument.parse("--rate", rateText, "Hz", "100");
        ambient = ambientText == null ? null : NumberArgument.parse("--ambient", ambientText, "°C", "40");
        if (ambient != null && !(ambient >= MIN_AMBIENT_CELSIUS && ambient <= MAX_AMBIENT_CELSIUS)) {
            throw new UserInputException("--ambient '" + ambientText + "' is outside the rated ambient; allowed "
                    + (int) MIN_AMBIENT_CELSIUS + " to " + (int) MAX_AMBIENT_CELSIUS + " °C");
        }
        double depth = depthMm != null ? depthMm : 1.0;
        double rate = rateHz != null ? rateHz : 100.0;
        if (preset != null) {
            if (depthMm != null || rateHz != null) {
                throw new UserInputException("--preset cannot be combined with --depth or --rate");
            }
            var found = p.preset(preset).orElseThrow(() -> new UserInputException("--preset '" + preset
                    + "' is not in profile " + p.name() + "; allowed: "
                    + String.join(", ", p.presets().stream().map(x -> x.name()).toList())));
            depth = found.depthMm();
            rate = found.rateHz();
        }
        SettingsPolicy policy = new SettingsPolicy(p);
        String fromPreset = preset != null ? "--preset '" + preset + "': " : "";
        String depthRefusal = policy.depthRefusal(depth, type);
        if (depthRefusal != null) {
            throw new UserInputException((depthText != null ? "--depth '" + depthText + "': " : fromPreset) + depthRefusal);
        }
        String rateRefusal = policy.rateRefusal(depth, rate, type);
        if (rateRefusal != null) {
            throw new UserInputException((rateText != null ? "--rate '" + rateText + "': " : fromPreset) + rateRefusal);
        }
        FileCartridgeLedger ledger = pen.cartridges();
        String id = chooseCartridgeId(ledger);
        if (summaryJson != null && summaryJson.getParent() != null && !summaryJson.getParent().toFile().isDirectory()) {
            throw new UserInputException("--summary-json " + summaryJson + ": directory does not exist");
        }
        return simulate(out, p, type, depth, rate, runNanos, new FaultInjector(injections), ledger, id);
    }

    /** The given id if it is new on this pen (or 'none': null), else the first unused CART-seed-n. */
    private String chooseCartridgeId(FileCartridgeLedger ledger) {
        if ("none".equals(cartridgeId)) {
            return null;
        }
        if (cartridgeId != null) {
            if (!CartridgeLedger.ID.matcher(cartridgeId).matches()) {
                throw new UserInputException("--cartridge-id '" + cartridgeId + "' is not an id; allowed: "
                        + CartridgeLedger.ID_ALLOWED + ", or none");
            }
            var used = ledger.find(cartridgeId);
            if (used != null) {
                throw new UserInputException("--cartridge-id " + cartridgeId + " " + used.usedIn()
                        + ": a cartridge serves one session only; give a new id");
            }
            return cartridgeId;
        }
        // random, not counted: several processes may share a data directory, and each must pick a new one
        // (the ledger's locked append is the last word if two ever collide)
        java.security.SecureRandom random = new java.security.SecureRandom();
        while (true) {
            String candidate = String.format(Locale.ROOT, "CART-%08X-%08X", pen.seed() & 0xFFFFFFFFL, random.nextInt());
            if (ledger.find(candidate) == null) {
                return candidate;
            }
        }
    }

    private int simulate(PrintWriter out, DeviceProfile p, CartridgeType type, double depth, double rate,
                         long runNanos, FaultInjector injector, CartridgeLedger ledger, String cartridge)
            throws IOException {
        // the in-JVM broker gets its port now and starts on another thread: the loop needs no broker to boot and
        // home, and the publisher keeps what the loop hands it until the link is up
        String url = broker != null ? broker : p.telemetry().brokerUrl();
        int embeddedPort = -1;
        if (url == null) {
            embeddedPort = LoopbackPorts.free();
            url = LoopbackPorts.urlFor(embeddedPort);
        } else {
            validateUrl(broker != null ? "--broker" : "profile " + p.name() + " telemetry.brokerUrl", url);
        }
        TelemetryUp telemetryUp = TelemetryUp.begin(embeddedPort, out);
        try (telemetryUp) {
            return simulate(out, p, type, depth, rate, runNanos, injector, ledger, cartridge, url, embeddedPort > 0,
                    telemetryUp);
        }
    }

    private int simulate(PrintWriter out, DeviceProfile p, CartridgeType type, double depth, double rate,
                         long runNanos, FaultInjector injector, CartridgeLedger ledger, String cartridge, String url,
                         boolean embedded, TelemetryUp telemetryUp) throws IOException {
        out.printf(Locale.ROOT, "NeedlePen simulate: profile %s, cartridge %s, depth %.2f mm, rate %.0f Hz, %s, seed %d%n",
                p.name(), type.name(), depth, rate, fast ? "virtual time" : "real time", pen.seed());
        out.printf("telemetry: %s%s under %s/#%n", url, embedded ? " (in-JVM broker)" : "",
                p.telemetry().deviceTopic());
        out.flush();
        DepthCalibration calibration = SessionCalibration.load(pen, out);
        // simulate's job is the simulated pen, whatever backend the profile names for the real one
        var opened = new com.needlepen.hal.sim.SimBackend().open(p, new com.needlepen.hal.backend.BackendOptions(
                pen.unitSerial(), type.needles(), pen.seed(), System.currentTimeMillis()));
        SimPen simPen = opened.pen();
        if (ambient != null) {
            simPen.handle().soakAt(ambient); // before power-on's first reading: the pen has stood there
        }
        TelemetryRig rig = TelemetryRig.create(url, p.telemetry(), simPen.clock()::utcEpochMillis);
        telemetryUp.connect(rig);
        try {
            // a depth above the ceiling (on a profile that unlocks it) is set on the panel and confirmed there
            double initialDepth = Math.min(depth, p.depth().ceilingMm());
            com.needlepen.firmware.Pen assembled = com.needlepen.firmware.Pen.on(opened, p, a -> a.telemetry(rig.telemetry())
                    .settings(initialDepth, rate).calibration(calibration).ledger(ledger), !fast);
            PenController controller = assembled.controller();
            SimulationRunner runner = assembled.runner();
            signals = SignalShutdown.install(runner, out);
            StatusLine status = new StatusLine(out, controller, fast, System.console() != null);
            FirmwareRateWatch watch = new FirmwareRateWatch(out, controller, simPen.handle());
            var firstTick = com.needlepen.tools.bench.FirstTickProbe.fromSystemProperty(); // for needlepen bench
            runner.setObserver(now -> {
                firstTick.afterTick(out);
                injector.apply(now, simPen.handle());
                status.update(now);
                watch.update(now);
                if (fast) {
                    rig.throttle(); // virtual time can outrun the publisher; pausing the world keeps samples
                }
            });
            SessionScenario.Outcome outcome = new SessionScenario(simPen, controller, runner, type, cartridge)
                    .withDeeperDepth(depth > initialDepth ? depth : Double.NaN)
                    .onReady(readyAt -> {
                        refuseInjectionsAfterTheEnd(injector, readyAt, runNanos);
                        // the session's messages are counted from the first: the practitioner starts once the
                        // monitor listens and the publisher is connected (or has given up trying, reported)
                        telemetryUp.await();
                    })
                    .run(runNanos);
            controller.submit(Request.endSession());
            // closing the session first proves the collar's zero (about 2 s), so a collar pushed back in the run shows
            runner.runFor(10_000_000L);
            runner.runUntil(() -> controller.sessions().current() == null || controller.status().state() == PenState.FAULT,
                    SESSION_END_TIMEOUT_NANOS);
            status.finish(runner.nowNanos());
            telemetryUp.await();
            TelemetryRig.Counts counts = rig.finish(5_000);
            SessionSummary summary = SessionReport.summarize(p, pen.seed(),
                    new SessionReport.Asked(type, cartridge, depth, rate, runNanos), controller, outcome, counts, runner.loop(), watch);
            pen.runHours().add(summary.activeSeconds());
            SessionReport.print(out, summary, outcome, url);
            if (summaryJson != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(summaryJson.toFile(), summary);
            }
            if (!injector.pending().isEmpty() && !runner.shutdownRequested()) {
                FaultInjector.Injection late = injector.pending().get(0);
                throw new UserInputException("--inject " + FaultInjector.text(late) + " never happened: the session ended at "
                        + String.format(Locale.ROOT, "%.1f s", runner.nowNanos() / 1e9) + " from power-on, before it;"
                        + " allowed: a time within the session");
            }
            int code = SessionReport.exitCode(summary, outcome);
            if (signals != null) {
                signals.finished(code);
            }
            return code;
        } finally {
            if (signals != null) {
                signals.uninstall();
            }
        }
    }

    /**
     * Once the pen is ready (homing done), the latest the session can end is known within the
     * timeouts of the check, the run, parking and the closing check: an injection later than that
     * can never happen, and is refused before the needles move and before the cartridge is used.
     */
    private static void refuseInjectionsAfterTheEnd(FaultInjector injector, long readyAtNanos, long runNanos) {
        long latestEnd = readyAtNanos + SessionScenario.CHECK_TIMEOUT_NANOS + runNanos + SessionScenario.PARK_TIMEOUT_NANOS
                + SESSION_END_TIMEOUT_NANOS;
        for (FaultInjector.Injection i : injector.pending()) {
            if (i.atNanos() > latestEnd) {
                throw new UserInputException(String.format(Locale.ROOT, "--inject %s is after the session's end: the pen"
                        + " was ready at %.1f s and the session ends by %.1f s at the latest (%.1f s of needles);"
                        + " allowed: a time from power-on within the session", FaultInjector.text(i),
                        readyAtNanos / 1e9, latestEnd / 1e9, runNanos / 1e9));
            }
        }
    }

    private static final long SESSION_END_TIMEOUT_NANOS = 10_000_000_000L;
    private SignalShutdown signals;

    private static void validateUrl(String where, String url) {
        try {
            MqttSettings.of(url, "check");
        } catch (IllegalArgumentException e) {
            throw new UserInputException(where + ": " + e.getMessage()); // the message names the URL
        }
    }

}
