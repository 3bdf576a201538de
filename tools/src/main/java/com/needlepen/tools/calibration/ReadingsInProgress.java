package com.needlepen.tools.calibration;

import com.needlepen.config.calibration.AtomicFiles;
import com.needlepen.config.calibration.CalibrationException;
import com.needlepen.config.calibration.ChecksummedJson;
import com.needlepen.tools.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The readings a technician has typed so far in a calibration at the prompt, kept in one file in
 * the device's directory and rewritten atomically (fsync'd) after each reading, so that an
 * interrupted calibration (input ended, the pen faulted, the terminal closed) loses nothing and
 * the next {@code needlepen calibrate} can resume it. Checksummed like the store's records.
 */
public final class ReadingsInProgress {

    public static final String FORMAT = "needlepen.calibration-in-progress/1";
    static final String FILE = "calibration-in-progress.npreadings";
    private static final String SET_ASIDE = "move it aside to start a new calibration";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The JSON body: the format name, then the readings. */
    record Body(String format, Readings readings) {
    }

    /**
     * An interrupted calibration: for which device, profile and plan, who started it and when (UTC,
     * the computer's clock), and the readings taken, in plan order.
     */
    public record Readings(String deviceId, String profile, List<Double> planMm, String technician,
                           long startedUtcEpochMillis, List<Reading> readings) {

        public Readings {
            planMm = List.copyOf(planMm);
            readings = List.copyOf(readings);
        }

        public Readings with(List<Reading> taken) {
            return new Readings(deviceId, profile, planMm, technician, startedUtcEpochMillis, taken);
        }

        /** Why these readings cannot be resumed by a calibration of {@code deviceId}/{@code profile} with {@code plan}, or null. */
        public String mismatch(String device, String profileName, List<Double> plan) {
            if (!deviceId.equals(device) || !profile.equals(profileName)) {
                return String.format(Locale.ROOT, "holds readings of device %s (profile %s), not %s (profile %s); %s",
                        deviceId, profile, device, profileName, SET_ASIDE);
            }
            boolean same = plan.size() == planMm.size();
            for (int i = 0; same && i < plan.size(); i++) {
                same = Math.abs(plan.get(i) - planMm.get(i)) < 1e-9;
            }
            if (!same) {
                return String.format(Locale.ROOT, "holds readings for a plan of %d points from %.2f to %.2f mm, not this"
                        + " calibration's %d points; resume it with --points %d, or %s", planMm.size(), planMm.get(0),
                        planMm.get(planMm.size() - 1), plan.size(), planMm.size(), SET_ASIDE);
            }
            return null;
        }

        /** One line for the technician: when, who, how far. */
        public String describe() {
            return String.format(Locale.ROOT, "started %s by %s, %d of %d planned readings taken",
                    DATE.format(Instant.ofEpochMilli(startedUtcEpochMillis)), technician, readings.size(), planMm.size());
        }
    }

    private final Path file;
    private final ChecksummedJson json = new ChecksummedJson();

    public ReadingsInProgress(Path deviceDir) {
        this.file = deviceDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** The interrupted calibration's readings, if there are any; a damaged file is refused in one line. */
    public Optional<Readings> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Body body = json.decode(Files.readAllBytes(file), file.toString(), "a file of calibration readings",
                    SET_ASIDE, Body.class);
            if (!FORMAT.equals(body.format()) || body.readings() == null || body.readings().planMm().isEmpty()) {
                throw new CalibrationException(file + ": not a file of calibration readings (" + FORMAT + ")");
            }
            return Optional.of(body.readings());
        } catch (CalibrationException e) {
            throw new UserInputException(e.getMessage().contains(SET_ASIDE) ? e.getMessage()
                    : e.getMessage() + "; " + SET_ASIDE);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Replaces the file with {@code readings}, atomically and durably. */
    public void save(Readings readings) throws IOException {
        AtomicFiles.write(file, json.encode(new Body(FORMAT, readings)));
    }

    /** Renames the file out of the way (nothing is deleted unread); returns its new name. */
    public Path setAside() throws IOException {
        for (int n = 1; ; n++) {
            Path aside = file.resolveSibling(String.format(Locale.ROOT, "calibration-set-aside-%03d.npreadings", n));
            if (!Files.exists(aside)) {
                return Files.move(file, aside);
            }
        }
    }

    /** Removes the file once its readings are in a calibration or a failed attempt's report. */
    public void finished() throws IOException {
        Files.deleteIfExists(file);
    }
}
