package com.needlepen.tools.cli;

import com.needlepen.firmware.PenController;
import com.needlepen.hal.sim.SimHandle;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the firmware did to the session on its own, for the people and rigs reading {@code simulate}:
 * {@code simulate} sets the rate once, so every later change of the set rate is the firmware's (a
 * warm handpiece held to {@code safety.warningMaxRateHz}, the rate given back once it cooled), said
 * as it happens with the prompt the panel shows, and kept for the summary. It also keeps the sim's
 * truth the firmware cannot see: the hottest the applied part (the nose) got, against IEC 60601-1's
 * 43 °C.
 */
final class FirmwareRateWatch {

    /** The display line the firmware writes its prompts to. */
    private static final int PROMPT_LINE = 3;

    private final PrintWriter out;
    private final PenController controller;
    private final SimHandle sim;
    private final List<SessionSummary.RateChange> changes = new ArrayList<>();
    private double lastRateHz = Double.NaN;
    private double hottestNoseCelsius = Double.NEGATIVE_INFINITY;

    FirmwareRateWatch(PrintWriter out, PenController controller, SimHandle sim) {
        this.out = out;
        this.controller = controller;
        this.sim = sim;
    }

    /** Called after every tick. */
    void update(long nowNanos) {
        double nose = sim.handpieceCelsius();
        if (nose > hottestNoseCelsius) {
            hottestNoseCelsius = nose;
        }
        double rate = controller.status().rateHz();
        if (Double.isNaN(lastRateHz)) {
            lastRateHz = rate;
            return;
        }
        if (rate != lastRateHz) {
            String prompt = sim.displayLine(PROMPT_LINE).strip();
            SessionSummary.RateChange change = new SessionSummary.RateChange(Math.round(nowNanos / 1e6) / 1e3,
                    lastRateHz, rate, prompt.isEmpty() ? null : prompt);
            changes.add(change);
            out.printf(Locale.ROOT, "[%7.1f s] the firmware set the rate from %s to %s Hz%s%n", change.atSeconds(),
                    SessionReport.plain(change.fromHz()), SessionReport.plain(change.toHz()), change.prompt() == null ? "" : " (panel: " + change.prompt() + ")");
            out.flush();
            lastRateHz = rate;
        }
    }

    List<SessionSummary.RateChange> changes() {
        return List.copyOf(changes);
    }

    /** The hottest the sim's nose got since power-on; null before the first tick. */
    Double hottestNoseCelsius() {
        return Double.isFinite(hottestNoseCelsius) ? Math.round(hottestNoseCelsius * 100) / 100.0 : null;
    }
}
