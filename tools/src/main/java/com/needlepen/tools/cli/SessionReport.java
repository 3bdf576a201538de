package com.needlepen.tools.cli;

import com.needlepen.config.CartridgeType;
import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.session.Run;
import com.needlepen.firmware.session.Session;
import com.needlepen.tools.sim.SessionScenario;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Turns what the firmware, the sim and telemetry saw into the {@link SessionSummary} and prints it
 * for people: a refusal named, absent figures left out, nothing NaN or impossibly negative, and the
 * true depth held against the profile's tolerance.
 */
final class SessionReport {

    private SessionReport() {
    }

    /** What {@code simulate} was asked for. */
    record Asked(CartridgeType cartridge, String cartridgeId, double depthMm, double rateHz, long runNanos) {
    }

    static SessionSummary summarize(DeviceProfile p, long seed, Asked asked, PenController controller,
                                    SessionScenario.Outcome o, TelemetryRig.Counts counts,
                                    com.needlepen.firmware.loop.LoopRunner runner, FirmwareRateWatch watch) {
        SessionSummary.Loop loop = runner == null || runner.ticks() == 0 ? null : new SessionSummary.Loop(
                runner.waitStrategy().describe(), runner.periodNanos() / 1_000, runner.ticks(),
                micros(runner.latenessNanos().getValueAtPercentile(50)),
                micros(runner.latenessNanos().getValueAtPercentile(99)),
                micros(runner.latenessNanos().getValueAtPercentile(99.9)),
                micros(runner.latenessNanos().getMaxValue()), runner.overruns(), runner.missedDeadlines());
        List<Session> sessions = controller.sessions().endedSessions();
        Session s = sessions.isEmpty() ? controller.sessions().current() : sessions.get(sessions.size() - 1);
        Run run = s == null || s.runs().isEmpty() ? null : s.runs().get(0);
        String fault = controller.status().fault() == null ? null : controller.status().fault().shortCode() + " "
                + controller.status().fault().description() + (controller.status().faultDetail() == null ? "" : " (" + controller.status().faultDetail() + ")");
        boolean ran = o.needlesRan();
        Double depthErrorMm = ran ? round(o.peakProtrusionMm() - asked.depthMm(), 4) : null;
        double tolerance = p.calibration().toleranceMm();
        String depthError = depthErrorMm != null && Math.abs(depthErrorMm) > tolerance + 1e-9
                ? String.format(Locale.ROOT, "true peak depth %.3f mm for %.2f mm set: %+.3f mm, beyond the profile's"
                        + " ±%s mm (calibration.toleranceMm); the depth calibration does not fit this pen",
                        o.peakProtrusionMm(), asked.depthMm(), depthErrorMm, plain(tolerance))
                : null;
        String endReason = s != null ? (s.endReason() == null ? "open" : s.endReason())
                : controller.status().state() == PenState.FAULT ? "fault" : SessionSummary.NOT_STARTED;
        long parkedNanos = controller.status().lastStopToParkedNanos();
        return new SessionSummary(
                s == null ? null : s.id(), p.name(), seed, asked.cartridge().name(), asked.cartridgeId(),
                asked.depthMm(), asked.rateHz(), asked.runNanos() / 1e9,
                s == null ? controller.calibration().id() : s.calibrationId(),
                endReason, o.notStarted(), fault, depthError,
                finite(round(o.firmwareMeanRateHz(), 4)), s == null ? 0 : s.strokes(),
                run == null || run.spinUpNanos() < 0 ? null : run.spinUpNanos() / 1e6,
                s == null ? 0 : round(s.activeNanos() / 1e9, 3),
                ran && fault == null && parkedNanos >= 0 ? parkedNanos / 1e6 : null,
                watch.changes(),
                new SessionSummary.Truth(finite(round(o.meanTrueRateHz(), 4)), o.trueExcursions(),
                        round(o.peakProtrusionMm(), 4), depthErrorMm,
                        Double.isFinite(o.stopToRestMs()) ? round(Math.max(0.0, o.stopToRestMs()), 3) : null,
                        round(o.finalProtrusionMm(), 4), watch.hottestNoseCelsius()),
                loop,
                new SessionSummary.Telemetry(controller.status().samplesOffered(), controller.status().samplesDropped(),
                        counts.deliveredSamples(), counts.deliveredEvents(), counts.delivered(), counts.undelivered(),
                        counts.received(), counts.connects() > 0, counts.connectedAtStart(), counts.connects(),
                        counts.monitorSubscribed(), counts.monitorConnects(), counts.notSeenByMonitor(),
                        counts.notSeenSeqs().isEmpty() ? null : counts.notSeenSeqs()),
                counts.delivered(), counts.received());
    }

    /** The exit code the summary stands for: 0 only for a completed session at the set depth. */
    static int exitCode(SessionSummary s, SessionScenario.Outcome o) {
        boolean completed = s.fault() == null && o.ranToEnd() && s.depthError() == null;
        return completed ? com.needlepen.tools.NeedlePenCli.OK : com.needlepen.tools.NeedlePenCli.FAULT;
    }

    static void print(PrintWriter out, SessionSummary s, SessionScenario.Outcome o, String url) {
        out.println();
        out.println("Session summary");
        if (s.sessionId() != null) {
            out.printf(Locale.ROOT, "  session        %s (%s)%n", s.sessionId(), s.endReason());
        } else {
            out.printf(Locale.ROOT, "  session        none opened (%s)%n", s.endReason());
        }
        if (s.notStarted() != null) {
            out.printf("  NOT STARTED    %s%n", s.notStarted());
        }
        if (s.fault() != null) {
            out.printf("  FAULT          %s%n", s.fault());
        }
        if (s.depthError() != null) {
            out.printf("  DEPTH ERROR    %s%n", s.depthError());
        }
        out.printf(Locale.ROOT, "  set            %.2f mm, %s Hz, cartridge %s%s, %.1f s%n", s.depthMm(), plain(s.rateHz()),
                s.cartridge(), s.cartridgeId() == null ? " (no id)" : " " + s.cartridgeId(), s.durationSeconds());
        if (s.meanRateHz() != null) {
            out.printf(Locale.ROOT, "  rate           mean %.3f Hz after spin-up (%.0f ms); true mean %.3f Hz%n",
                    s.meanRateHz(), s.spinUpMs() == null ? 0.0 : s.spinUpMs(), s.truth().meanRateHz());
        } else if (s.spinUpMs() != null) {
            out.printf(Locale.ROOT, "  rate           spun up in %.0f ms; no mean rate (the run did not reach its end)%n",
                    s.spinUpMs());
        }
        out.printf(Locale.ROOT, "  strokes        %d counted from index pulses; %d true needle excursions%n",
                s.strokes(), s.truth().excursions());
        if (s.truth().depthErrorMm() != null) {
            out.printf(Locale.ROOT, "  depth (truth)  peak tip protrusion %.3f mm for %.2f mm set (%+.3f mm); at rest %.3f mm%n",
                    s.truth().peakProtrusionMm(), s.depthMm(), s.truth().depthErrorMm(), s.truth().finalProtrusionMm());
        } else {
            out.printf(Locale.ROOT, "  depth (truth)  the needles never ran; tips at %.3f mm (negative: hidden)%n",
                    s.truth().finalProtrusionMm());
        }
        for (SessionSummary.RateChange c : s.rateChanges()) {
            out.printf(Locale.ROOT, "  rate change    at %.1f s the firmware set %s Hz (was %s Hz)%s%n", c.atSeconds(),
                    plain(c.toHz()), plain(c.fromHz()), c.prompt() == null ? "" : ": " + c.prompt());
        }
        if (s.truth().hottestNoseCelsius() != null) {
            out.printf(Locale.ROOT, "  nose (truth)   hottest %.1f °C (the applied part; IEC 60601-1 allows 43 °C)%n",
                    s.truth().hottestNoseCelsius());
        }
        Double rest = s.truth().stopToRestMs();
        if (s.stopToParkedMs() != null) {
            out.printf(Locale.ROOT, "  stop           parked %.1f ms after stop; shaft truly at rest after %.1f ms%n",
                    s.stopToParkedMs(), rest == null ? 0.0 : rest);
        } else if (rest != null) {
            out.printf(Locale.ROOT, "  fault stop     %s%n", rest > 0
                    ? String.format(Locale.ROOT, "shaft truly at rest %.1f ms after the run ended (by the fault, or by the stop it followed)", rest)
                    : "the shaft was already at rest when the run ended (it had stopped before the fault latched)");
        }
        if (s.loop() != null) {
            var l = s.loop();
            out.printf(Locale.ROOT, "  loop           %d µs period, %s: woke late by p50 %.1f µs, p99 %.1f µs, max %.1f µs;"
                    + " %d ticks over the period, %d deadlines missed%n", l.periodMicros(), l.waitStrategy(),
                    l.latenessP50Micros(), l.latenessP99Micros(), l.latenessMaxMicros(), l.overruns(), l.missedDeadlines());
        }
        printTelemetry(out, s.telemetry(), url);
        out.flush();
    }

    private static void printTelemetry(PrintWriter out, SessionSummary.Telemetry t, String url) {
        out.printf(Locale.ROOT, "  telemetry      %d samples produced, %d dropped; %d messages published, %d received,"
                + " %d not delivered%n", t.samplesProduced(), t.samplesDropped(), t.delivered(), t.received(),
                t.undelivered());
        if (!t.brokerReached()) {
            out.printf("  broker         %s was never reached; the %d messages were kept in memory and are lost"
                    + " with this process%n", url, t.undelivered());
        } else if (!t.brokerReachedAtStart()) {
            out.printf("  broker         %s was not reachable at the start; reached later, and what waited in the"
                    + " outbox was delivered in order%n", url);
        }
        if (t.brokerConnects() > 1) {
            out.printf(Locale.ROOT, "  broker         the link came up %d times (reconnected after losing it)%n",
                    t.brokerConnects());
        }
        if (t.notSeenByMonitor() > 0) {
            out.printf(Locale.ROOT, "  monitor        %d delivered messages%s were not seen by this run's monitor: it was not"
                    + " subscribed when they were delivered (its link came up %d times)%n", t.notSeenByMonitor(),
                    t.notSeenSeqs() == null ? "" : " (seq " + t.notSeenSeqs() + ")", t.monitorConnects());
        }
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(v) ? Math.round(v * scale) / scale : v;
    }

    /** A figure without a trailing ".0" when it is whole: 150, 12.5. */
    static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
