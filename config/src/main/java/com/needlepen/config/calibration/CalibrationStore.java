package com.needlepen.config.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device's calibrations, one file each ({@code cal-000001.npcal}, ...), in a directory of their
 * own. A new calibration is a new file written atomically; nothing is ever overwritten, so the
 * previous calibrations stay as history. The current calibration is the newest file: if that one is
 * damaged the device has no usable calibration (it does not fall back silently to an older one).
 */
public final class CalibrationStore {

    private static final Pattern NAME = Pattern.compile("cal-(\\d{6})\\.npcal");

    /** One stored file: its calibration, or why it cannot be read. */
    public record Entry(int sequence, Path file, Calibration calibration, String problem) {
        public boolean readable() {
            return calibration != null;
        }
    }

    private final Path dir;
    private final CalibrationCodec codec = new CalibrationCodec();

    public CalibrationStore(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /** Every stored calibration, oldest first. */
    public List<Entry> history() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    entries.add(read(Integer.parseInt(m.group(1)), f));
                }
            }
        } catch (IOException e) {
            throw new CalibrationException(dir + ": cannot list calibrations (" + e.getMessage() + ")");
        }
        return entries;
    }

    private Entry read(int sequence, Path file) {
        try {
            return new Entry(sequence, file, codec.decode(Files.readAllBytes(file), file.toString()), null);
        } catch (CalibrationException e) {
            return new Entry(sequence, file, null, e.getMessage());
        } catch (IOException e) {
            return new Entry(sequence, file, null, file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The newest calibration; throws {@link CalibrationException} if there is none or it is damaged. */
    public Entry current() {
        List<Entry> all = history();
        if (all.isEmpty()) {
            throw new CalibrationException("no depth calibration in " + dir + "; run: needlepen calibrate");
        }
        Entry newest = all.get(all.size() - 1);
        if (!newest.readable()) {
            throw new CalibrationException(newest.problem());
        }
        return newest;
    }

    /** Writes {@code calibration} as the newest file, atomically; returns where. */
    public Path write(Calibration calibration) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.sweepTemporaries(dir);
        int next = lastSequence() + 1;
        Path target = dir.resolve(String.format(Locale.ROOT, "cal-%06d.npcal", next));
        AtomicFiles.write(target, codec.encode(calibration));
        return target;
    }

    /** The highest sequence number among the stored files' names (their contents are not read). */
    private int lastSequence() throws IOException {
        int last = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    last = Math.max(last, Integer.parseInt(m.group(1)));
                }
            }
        }
        return last;
    }

    /** Where the report of the calibration stored in {@code file} goes, with {@code extension}. */
    public static Path reportFile(Path file, String extension) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - ".npcal".length()) + "." + extension);
    }
}
