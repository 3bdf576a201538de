package com.needlepen.config.calibration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The device's run-hour counter (hours the needles have run), kept in one small file written
 * atomically. A calibration records it, and expires after the profile's run hours.
 */
public final class RunHourMeter {

    private static final String PREFIX = "needleRunSeconds=";

    private final Path file;

    public RunHourMeter(Path file) {
        this.file = file;
    }

    /** Hours run so far; 0 for a device that never ran. */
    public double hours() {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!text.startsWith(PREFIX)) {
                throw new CalibrationException(file + ": not a run-hour counter (expected " + PREFIX + "<seconds>)");
            }
            double seconds = Double.parseDouble(text.substring(PREFIX.length()));
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new CalibrationException(file + ": run seconds " + seconds + " is not a count");
            }
            return seconds / 3600.0;
        } catch (NoSuchFileException e) {
            return 0.0;
        } catch (NumberFormatException e) {
            throw new CalibrationException(file + ": run seconds is not a number");
        } catch (IOException e) {
            throw new CalibrationException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * Adds {@code seconds} of needle running. Read, add and write happen under a lock, so two
     * processes adding at once both count (unlocked, one would overwrite the other's hours).
     */
    public void add(double seconds) throws IOException {
        Path lock = file.resolveSibling(file.getFileName() + ".lock");
        FileLocks.holding(lock, () -> {
            double total = hours() * 3600.0 + seconds;
            AtomicFiles.write(file, String.format(Locale.ROOT, "%s%.3f%n", PREFIX, total).getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }
}
