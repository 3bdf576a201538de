package com.needlepen.tools.cli;

import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationStore;
import com.needlepen.config.calibration.CalibrationVerification;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code needlepen calibrate history}: every stored calibration of this device in the order they
 * were stored, newest last, each followed by its recorded verifications.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        header = "Lists this device's calibrations and their verifications, in the order stored.",
        description = "Lists this device's stored calibrations in the order they were stored (the newest is"
                + " current), each followed by its verifications.")
public final class CalibrateHistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PenOptions pen;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CalibrationStore store = pen.calibrations();
        List<CalibrationStore.Entry> entries = store.history();
        if (entries.isEmpty()) {
            out.println("no calibrations in " + store.directory());
            return 0;
        }
        for (int i = 0; i < entries.size(); i++) {
            CalibrationStore.Entry e = entries.get(i);
            String mark = i == entries.size() - 1 ? "current" : "superseded";
            if (!e.readable()) {
                out.printf("%s  DAMAGED (%s): %s%n", e.file().getFileName(), mark, e.problem());
            } else {
                Calibration c = e.calibration();
                out.printf(Locale.ROOT, "%s  %-10s  %s  %s UTC%s  by %s  %d points  worst %.4f mm  at %.1f run h  %s%n",
                        e.file().getFileName(), mark, c.id(), Instant.ofEpochMilli(c.utcEpochMillis()),
                        c.clockSynchronised() ? "" : " (clock not synchronised)", c.technician(), c.points().size(),
                        c.worstResidualMm(), c.runHours(), c.toolVersion());
            }
            for (CalibrationStore.Verification v : e.verifications()) {
                printVerification(out, v);
            }
        }
        out.flush();
        return 0;
    }

    private static void printVerification(PrintWriter out, CalibrationStore.Verification v) {
        if (!v.readable()) {
            out.printf("  %s  DAMAGED: %s%n", v.file().getFileName(), v.problem());
            return;
        }
        CalibrationVerification r = v.verification();
        out.printf(Locale.ROOT, "  %s  verification %s  %s UTC%s  by %s  worst drift %.4f mm of %.4f mm  at %.1f run h%s%n",
                v.file().getFileName(), r.passed() ? "passed" : "FAILED", Instant.ofEpochMilli(r.utcEpochMillis()),
                r.clockSynchronised() ? "" : " (clock not synchronised)", r.technician(), r.worstDriftMm(),
                r.toleranceMm(), r.runHours(), r.passed() ? "" : ": calibration unusable, re-calibrate");
    }
}
