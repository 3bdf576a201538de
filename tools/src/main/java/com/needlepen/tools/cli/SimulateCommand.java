package com.needlepen.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.needlepen.config.CartridgeType;
import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.PenState;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.SettingsPolicy;
import com.needlepen.firmware.mqtt.MqttSettings;
import com.needlepen.firmware.session.CartridgeLedger;
import com.needlepen.firmware.session.FileCartridgeLedger;
import com.needlepen.firmware.session.Run;
import com.needlepen.firmware.session.Session;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.tools.NeedlePenCli;
import com.needlepen.tools.UserInputException;
import com.needlepen.broker.EmbeddedBroker;
import com.needlepen.tools.sim.FaultInjector;
import com.needlepen.tools.sim.SessionScenario;
import com.needlepen.tools.sim.SimulatedPenFactory;
import com.needlepen.tools.sim.SimulationRunner;
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
        description = {"Runs a simulated treatment session: home the collar, start, run at the set depth and",
                "rate, stop and park, with telemetry published to an MQTT broker and read back.",
                "Exit codes: 0 session completed, 2 bad input, 3 a fault ended it."})
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PenOptions pen;

    @Option(names = "--depth", paramLabel = "MM", description = "Needle depth in mm (default 1.0).")
    Double depthMm;

    @Option(names = "--rate", paramLabel = "HZ", description = "Stroke rate in Hz (default 100).")
    Double rateHz;

    @Option(names = "--preset", paramLabel = "NAME", description = "A treatment-area preset instead of --depth and --rate.")
    String preset;

    @Option(names = "--duration", paramLabel = "TIME", description = "How long the needles run, e.g. 60s, 2m (default 20s).")
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
            description = {"The inserted cartridge's id (default: a new one, CART-<seed>-<n>, unused on this pen).",
                    "An id used in an earlier session is refused; 'none' is a cartridge without an id, which the",
                    "simulated practitioner confirms new on the panel."})
    String cartridgeId;

    @Option(names = "--list-faults", description = "List the fault kinds --inject takes, and exit.")
    boolean listFaults;

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
        pen.requireSimBackend();
        CartridgeType type = pen.cartridgeType();
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
        String refusal = new SettingsPolicy(p).refusal(depth, rate, type);
        if (refusal != null) {
            throw new UserInputException(refusal);
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
        for (int n = 1; ; n++) {
            String candidate = String.format(Locale.ROOT, "CART-%08X-%d", pen.seed() & 0xFFFFFFFFL, n);
            if (ledger.find(candidate) == null) {
                return candidate;
            }
        }
    }

    private int simulate(PrintWriter out, DeviceProfile p, CartridgeType type, double depth, double rate,
                         long runNanos, FaultInjector injector, CartridgeLedger ledger, String cartridge)
            throws IOException {
        EmbeddedBroker embedded = null;
        String url = broker != null ? broker : p.telemetry().brokerUrl();
        if (url == null) {
            embedded = EmbeddedBroker.start();
            url = embedded.url();
        } else {
            validateUrl(broker != null ? "--broker" : "profile " + p.name() + " telemetry.brokerUrl", url);
        }
        out.printf(Locale.ROOT, "NeedlePen simulate: profile %s, cartridge %s, depth %.2f mm, rate %.0f Hz, %s, seed %d%n",
                p.name(), type.name(), depth, rate, fast ? "virtual time" : "real time", pen.seed());
        out.printf("telemetry: %s%s under %s/#%n", url, embedded != null ? " (in-JVM broker)" : "",
                p.telemetry().deviceTopic());
        out.flush();
        DepthCalibration calibration = SessionCalibration.load(pen, out);
        SimPen simPen = SimulatedPenFactory.create(p, type.needles(), pen.seed());
        TelemetryRig rig = TelemetryRig.start(url, p.telemetry(), simPen.clock()::utcEpochMillis);
        try (rig) {
            // a depth above the ceiling (on a profile that unlocks it) is set on the panel and confirmed there
            double initialDepth = Math.min(depth, p.depth().ceilingMm());
            PenController controller = new PenController(p, simPen.hardware(), rig.telemetry(), initialDepth, rate,
                    calibration, ledger);
            SimulationRunner runner = new SimulationRunner(simPen, controller, p.loop().periodNanos(), !fast);
            StatusLine status = new StatusLine(out, controller, fast, System.console() != null);
            runner.setObserver(now -> {
                injector.apply(now, simPen.handle());
                status.update(now);
                if (fast) {
                    rig.throttle(); // virtual time can outrun the publisher; pausing the world keeps samples
                }
            });
            SessionScenario.Outcome outcome = new SessionScenario(simPen, controller, runner, type, cartridge)
                    .withDeeperDepth(depth > initialDepth ? depth : Double.NaN).run(runNanos);
            controller.submit(Request.endSession());
            // closing the session first proves the collar's zero (about 2 s), so a collar pushed back in the run shows
            runner.runFor(10_000_000L);
            runner.runUntil(() -> controller.sessions().current() == null || controller.state() == PenState.FAULT,
                    SESSION_END_TIMEOUT_NANOS);
            status.finish(runner.nowNanos());
            TelemetryRig.Counts counts = rig.finish(5_000);
            SessionSummary summary = summarize(p, type, depth, rate, runNanos, controller, outcome,
                    rig.telemetry().samplesAccepted(), counts);
            pen.runHours().add(summary.activeSeconds());
            print(out, summary, url);
            if (summaryJson != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(summaryJson.toFile(), summary);
            }
            return summary.fault() != null || !outcome.ranToEnd() ? NeedlePenCli.FAULT : NeedlePenCli.OK;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static final long SESSION_END_TIMEOUT_NANOS = 10_000_000_000L;

    private SessionSummary summarize(DeviceProfile p, CartridgeType type, double depth, double rate, long runNanos,
                                     PenController controller, SessionScenario.Outcome o, long samplesAccepted,
                                     TelemetryRig.Counts counts) {
        List<Session> sessions = controller.sessions().endedSessions();
        Session s = sessions.isEmpty() ? controller.sessions().current() : sessions.get(sessions.size() - 1);
        Run run = s == null || s.runs().isEmpty() ? null : s.runs().get(0);
        String fault = controller.fault() == null ? null : controller.fault().shortCode() + " "
                + controller.fault().description() + (controller.faultDetail() == null ? "" : " (" + controller.faultDetail() + ")");
        long delivered = counts.delivered();
        long events = delivered - samplesAccepted;
        return new SessionSummary(
                s == null ? null : s.id(), p.name(), pen.seed(), type.name(), depth, rate, runNanos / 1e9,
                s == null ? controller.calibration().id() : s.calibrationId(),
                round(o.firmwareMeanRateHz(), 4), s == null ? 0 : s.strokes(),
                run == null || run.spinUpNanos() < 0 ? Double.NaN : run.spinUpNanos() / 1e6,
                s == null ? 0 : round(s.activeNanos() / 1e9, 3),
                s == null ? (controller.state() == PenState.FAULT ? "fault" : "not started")
                        : s.endReason() == null ? "open" : s.endReason(),
                fault, controller.lastStopToParkedNanos() / 1e6,
                new SessionSummary.Truth(round(o.meanTrueRateHz(), 4), o.trueExcursions(), round(o.peakProtrusionMm(), 4),
                        round(o.stopToRestMs(), 3), round(o.finalProtrusionMm(), 4)),
                new SessionSummary.Telemetry(controller.samplesOffered(), controller.samplesDropped(), events, delivered,
                        counts.undelivered(), counts.received(), counts.brokerReached()),
                delivered, counts.received());
    }

    private static void print(PrintWriter out, SessionSummary s, String url) {
        out.println();
        out.println("Session summary");
        out.printf(Locale.ROOT, "  session        %s (%s)%n", s.sessionId(), s.endReason());
        if (s.fault() != null) {
            out.printf("  FAULT          %s%n", s.fault());
        }
        out.printf(Locale.ROOT, "  set            %.2f mm, %.0f Hz, cartridge %s, %.1f s%n", s.depthMm(), s.rateHz(),
                s.cartridge(), s.durationSeconds());
        out.printf(Locale.ROOT, "  rate           mean %.3f Hz after spin-up (%.0f ms); true mean %.3f Hz%n",
                s.meanRateHz(), s.spinUpMs(), s.truth().meanRateHz());
        out.printf(Locale.ROOT, "  strokes        %d counted from index pulses; %d true needle excursions%n",
                s.strokes(), s.truth().excursions());
        out.printf(Locale.ROOT, "  depth (truth)  peak tip protrusion %.3f mm for %.2f mm set; at rest %.3f mm%n",
                s.truth().peakProtrusionMm(), s.depthMm(), s.truth().finalProtrusionMm());
        if (s.fault() == null) {
            out.printf(Locale.ROOT, "  stop           parked %.1f ms after stop; shaft truly at rest after %.1f ms%n",
                    s.stopToParkedMs(), s.truth().stopToRestMs());
        } else {
            out.printf(Locale.ROOT, "  fault stop     shaft truly at rest %.1f ms after the run ended (by the fault, or by the stop it followed)%n",
                    s.truth().stopToRestMs());
        }
        var t = s.telemetry();
        out.printf(Locale.ROOT, "  telemetry      %d samples produced, %d dropped; %d messages published, %d received,"
                + " %d not delivered%s%n", t.samplesProduced(), t.samplesDropped(), s.published(), s.received(),
                t.undelivered(), t.brokerReached() ? "" : " (broker " + url + " not reached)");
        out.flush();
    }

    private static void validateUrl(String where, String url) {
        try {
            MqttSettings.of(url, "check");
        } catch (IllegalArgumentException e) {
            throw new UserInputException(where + ": " + e.getMessage()); // the message names the URL
        }
    }

    private static double round(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
