package com.needlepen.tools.calibration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Asks the technician to type the max-hold gauge's reading at each point. Each reading is checked
 * as it is typed: one that is not a number, outside what the gauge can show, or not deeper than the
 * one before is asked again; one that looks mistyped ({@link ReadingCheck#doubtful}) is asked again
 * with the reason, and kept if the technician types the same value again. Nothing a technician
 * types ends the procedure. Readings of an interrupted calibration can be handed in to resume it;
 * every accepted reading is handed to a listener (which keeps them in a file).
 */
public final class PromptSource implements MeasurementSource {

    private final BufferedReader in;
    private final PrintWriter out;
    private final double minMm;
    private final double maxMm;
    private final ReadingCheck check;
    private final List<Reading> taken;
    private final int resumed;
    private final Consumer<List<Reading>> onReading;

    /**
     * @param earlier   readings of an interrupted calibration of the same plan, used for its first points
     * @param onReading told all readings so far after each new one is accepted
     */
    public PromptSource(BufferedReader in, PrintWriter out, double minMm, double maxMm, ReadingCheck check,
                        List<Reading> earlier, Consumer<List<Reading>> onReading) {
        this.in = in;
        this.out = out;
        this.minMm = minMm;
        this.maxMm = maxMm;
        this.check = check;
        this.taken = new ArrayList<>(earlier);
        this.resumed = earlier.size();
        this.onReading = onReading;
    }

    @Override
    public OptionalDouble recorded(int index, double commandedMm) {
        if (index >= resumed) {
            return OptionalDouble.empty();
        }
        Reading r = taken.get(index);
        if (Math.abs(r.commandedMm() - commandedMm) > 1e-9) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "the resumed reading %d is for %.3f mm, not %.3f mm", index + 1, r.commandedMm(), commandedMm));
        }
        return OptionalDouble.of(r.measuredMm());
    }

    @Override
    public double measure(int index, int count, double commandedMm) {
        if (index != taken.size()) {
            throw new IllegalStateException("point " + (index + 1) + " asked for after " + taken.size() + " readings");
        }
        Reading previous = taken.isEmpty() ? null : taken.get(taken.size() - 1);
        Double doubted = null;
        while (true) {
            out.printf(Locale.ROOT, "  point %d/%d at %.3f mm: gauge peak reading in mm? ", index + 1, count, commandedMm);
            out.flush();
            String text = readLine(index).trim().replace(',', '.');
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                out.printf("  '%s' is not a number of mm; type the reading, e.g. 1.234.%n", text);
                continue;
            }
            if (!(value >= minMm && value <= maxMm)) {
                out.printf(Locale.ROOT, "  %s mm is outside what the gauge can read here (%.2f to %.2f mm); again.%n",
                        text, minMm, maxMm);
                continue;
            }
            Reading now = new Reading(commandedMm, value);
            String impossible = check.impossible(previous, now);
            if (impossible != null) {
                out.printf("  %s; read the gauge and type it again.%n", impossible);
                continue;
            }
            String doubt = check.doubtful(previous, now);
            if (doubt != null && (doubted == null || doubted != value)) {
                doubted = value; // the same value typed twice is what the gauge showed, not a slip of the finger
                out.printf("  %s.%n  A typo? Type the corrected reading, or the same value again to keep it.%n", doubt);
                continue;
            }
            taken.add(now);
            onReading.accept(List.copyOf(taken));
            return value;
        }
    }

    private String readLine(int index) {
        try {
            String line = in.readLine();
            if (line == null) {
                throw new IllegalStateException("input ended before point " + (index + 1) + " was measured");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
