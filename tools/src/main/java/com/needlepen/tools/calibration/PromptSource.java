package com.needlepen.tools.calibration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Asks the technician to type the max-hold gauge's reading at each point. A reading that is not a
 * number, or outside what the gauge can show, is asked again; it never ends the procedure.
 */
public final class PromptSource implements MeasurementSource {

    private final BufferedReader in;
    private final PrintWriter out;
    private final double minMm;
    private final double maxMm;

    public PromptSource(BufferedReader in, PrintWriter out, double minMm, double maxMm) {
        this.in = in;
        this.out = out;
        this.minMm = minMm;
        this.maxMm = maxMm;
    }

    @Override
    public double measure(int index, int count, double commandedMm) {
        while (true) {
            out.printf(Locale.ROOT, "  point %d/%d at %.3f mm: gauge peak reading in mm? ", index + 1, count, commandedMm);
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line == null) {
                throw new IllegalStateException("input ended before point " + (index + 1) + " was measured");
            }
            String text = line.trim().replace(',', '.');
            try {
                double value = Double.parseDouble(text);
                if (value >= minMm && value <= maxMm) {
                    return value;
                }
                out.printf(Locale.ROOT, "  %s mm is outside what the gauge can read here (%.2f to %.2f mm); again.%n",
                        text, minMm, maxMm);
            } catch (NumberFormatException e) {
                out.printf("  '%s' is not a number of mm; type the reading, e.g. 1.234.%n", text);
            }
        }
    }
}
