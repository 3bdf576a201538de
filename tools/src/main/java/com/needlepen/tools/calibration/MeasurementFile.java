package com.needlepen.tools.calibration;

import com.needlepen.tools.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A technician's measurement file: one point per line, {@code commandedMm,measuredMm}; blank lines
 * and lines starting with {@code #} are skipped, and a first line of column names is allowed.
 * Every problem is one line naming the file, the line and what is allowed.
 */
public final class MeasurementFile {

    /** One line of the file. */
    public record Row(int line, double commandedMm, double measuredMm) {
    }

    private MeasurementFile() {
    }

    public static List<Row> read(Path file, double maxDepthMm) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("--measurements " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).trim();
            if (text.isEmpty() || text.startsWith("#") || (rows.isEmpty() && Character.isLetter(text.charAt(0)))) {
                continue;
            }
            String[] cells = text.split("[,;\\s]+");
            String at = file + ":" + (i + 1) + ": ";
            if (cells.length != 2) {
                throw new UserInputException(at + "expected two numbers, commandedMm,measuredMm; found '" + text + "'");
            }
            double commanded = number(cells[0], at + "commandedMm");
            double measured = number(cells[1], at + "measuredMm");
            if (commanded < 0 || commanded > maxDepthMm) {
                throw new UserInputException(at + "commandedMm " + cells[0] + " is out of range; allowed 0 to "
                        + maxDepthMm + " mm");
            }
            if (measured < -1 || measured > maxDepthMm + 1) {
                throw new UserInputException(at + "measuredMm " + cells[1] + " is out of range; allowed -1 to "
                        + (maxDepthMm + 1) + " mm");
            }
            rows.add(new Row(i + 1, commanded, measured));
        }
        return rows;
    }

    private static double number(String text, String what) {
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UserInputException(what + " '" + text + "' is not a number");
        }
    }
}
