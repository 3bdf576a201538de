package com.needlepen.config.calibration;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 *
 * <p>Every calibration attempt takes the next <em>calibration number</em> under an exclusive lock
 * on the store (a file lock, so it holds between processes): one more than any number a file in
 * the store carries, stored or failed. The number names the file and makes the calibration's id
 * ({@code <device>-c0003}), so ids are unique and history is in the order calibrations were
 * stored, whatever any clock says.
 */
public final class CalibrationStore {

    private static final Pattern NAME = Pattern.compile("cal-(\\d{6})\\.npcal");
    private static final Pattern VERIFICATION_NAME = Pattern.compile("cal-(\\d{6})\\.verify-(\\d{3})\\.npver");
    /** Every file that carries a calibration number: a calibration, its reports, a failed attempt's reports. */
    private static final Pattern NUMBERED = Pattern.compile("(?:failed-)?cal-(\\d{6})[.-].*");
    private static final String LOCK_FILE = ".lock";

    /**
     * One stored calibration file: its calibration, or why it cannot be read; and the verifications
     * recorded against it, oldest first.
     */
    public record Entry(int sequence, Path file, Calibration calibration, String problem,
                        List<Verification> verifications) {
        public Entry {
            verifications = List.copyOf(verifications);
        }

        public boolean readable() {
            return calibration != null;
        }
    }

    /** One stored verification file: its verification, or why it cannot be read. */
    public record Verification(int number, Path file, CalibrationVerification verification, String problem) {
        public boolean readable() {
            return verification != null;
        }
    }

    /** Work done under one calibration number while the store is locked. */
    @FunctionalInterface
    public interface Numbered<T> {
        T write(int number) throws IOException;
    }

    /** Work done while the store is locked. */
    @FunctionalInterface
    private interface LockedWork<T> {
        T run() throws IOException;
    }

    private final Path dir;
    private final CalibrationCodec codec = new CalibrationCodec();

    public CalibrationStore(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /** The id of calibration {@code number} of handpiece {@code handpieceId}: readable, and unique. */
    public static String calibrationId(String handpieceId, int number) {
        return String.format(Locale.ROOT, "%s-c%04d", handpieceId, number);
    }

    /** Every stored calibration, in the order they were stored (oldest first). */
    public List<Entry> history() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        List<Path> files = list();
        for (Path f : files) {
            Matcher m = NAME.matcher(f.getFileName().toString());
            if (m.matches()) {
                int sequence = Integer.parseInt(m.group(1));
                entries.add(read(sequence, f, verificationsOf(sequence, files)));
            }
        }
        return entries;
    }

    private List<Path> list() {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new CalibrationException(dir + ": cannot list calibrations (" + e.getMessage() + ")");
        }
    }

    private Entry read(int sequence, Path file, List<Verification> verifications) {
        try {
            return new Entry(sequence, file, codec.decode(Files.readAllBytes(file), file.toString()), null, verifications);
        } catch (CalibrationException e) {
            return new Entry(sequence, file, null, e.getMessage(), verifications);
        } catch (IOException e) {
            return new Entry(sequence, file, null, file + ": cannot be read (" + e.getMessage() + ")", verifications);
        }
    }

    /** The verifications of calibration {@code sequence} among {@code files} (sorted), oldest first. */
    private List<Verification> verificationsOf(int sequence, List<Path> files) {
        List<Verification> found = new ArrayList<>();
        for (Path f : files) {
            Matcher m = VERIFICATION_NAME.matcher(f.getFileName().toString());
            if (m.matches() && Integer.parseInt(m.group(1)) == sequence) {
                found.add(readVerification(Integer.parseInt(m.group(2)), f));
            }
        }
        return found;
    }

    private Verification readVerification(int number, Path file) {
        try {
            return new Verification(number, file, codec.decodeVerification(Files.readAllBytes(file), file.toString()),
                    null);
        } catch (CalibrationException e) {
            return new Verification(number, file, null, e.getMessage());
        } catch (IOException e) {
            return new Verification(number, file, null, file + ": cannot be read (" + e.getMessage() + ")");
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

    /**
     * Whether this device has never had a calibration attempt: no calibration, no record of one, no
     * failed attempt's report. Only then may a simulator calibrate by itself.
     */
    public boolean neverUsed() {
        try {
            return !Files.isDirectory(dir) || lastNumber() == 0;
        } catch (IOException e) {
            throw new CalibrationException(dir + ": cannot list calibrations (" + e.getMessage() + ")");
        }
    }

    /**
     * Locks the store, takes the next calibration number and hands it to {@code work}, which must
     * leave a file carrying that number (the calibration, or a failed attempt's report) before it
     * returns, so that no other writer takes the same number.
     */
    public <T> T withNextNumber(Numbered<T> work) throws IOException {
        return locked(() -> work.write(lastNumber() + 1));
    }

    /**
     * Records {@code verification} of the stored calibration {@code of}, atomically, as its next
     * verification ({@code cal-000003.verify-001.npver}); returns where. Nothing is replaced.
     */
    public Path recordVerification(Entry of, CalibrationVerification verification) throws IOException {
        if (!of.readable() || !of.calibration().id().equals(verification.calibrationId())) {
            throw new IllegalArgumentException("a verification of " + verification.calibrationId() + " does not belong to "
                    + of.file());
        }
        return locked(() -> {
            if (!Files.exists(of.file())) {
                throw new CalibrationException(of.file() + " is gone: the verification cannot be recorded with it");
            }
            int next = 1;
            for (Verification v : verificationsOf(of.sequence(), list())) {
                next = Math.max(next, v.number() + 1);
            }
            Path target = dir.resolve(String.format(Locale.ROOT, "cal-%06d.verify-%03d.npver", of.sequence(), next));
            AtomicFiles.write(target, codec.encode(verification));
            return target;
        });
    }

    private <T> T locked(LockedWork<T> work) throws IOException {
        Files.createDirectories(dir);
        // a lock between processes (one process writes one record at a time): no two writers take one name
        try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = FileLocks.exclusive(channel, dir.resolve(LOCK_FILE))) {
            AtomicFiles.sweepTemporaries(dir);
            return work.run();
        }
    }

    /** Writes {@code calibration} under the next number, atomically; returns where. */
    public Path write(Calibration calibration) throws IOException {
        return withNextNumber(number -> write(number, calibration));
    }

    /**
     * Writes {@code calibration} as number {@code number}, atomically, inside {@link #withNextNumber};
     * refuses to replace a file that is already there.
     */
    public Path write(int number, Calibration calibration) throws IOException {
        Path target = file(number);
        if (Files.exists(target)) {
            throw new IllegalStateException(target + " exists: calibration numbers are taken with withNextNumber");
        }
        AtomicFiles.write(target, codec.encode(calibration));
        return target;
    }

    /** Where calibration {@code number} is stored. */
    public Path file(int number) {
        return dir.resolve(String.format(Locale.ROOT, "cal-%06d.npcal", number));
    }

    /** Where the report of failed (not stored) calibration attempt {@code number} goes, with {@code extension}. */
    public Path failedReportFile(int number, String extension) {
        return dir.resolve(String.format(Locale.ROOT, "failed-cal-%06d.%s", number, extension));
    }

    /** The highest calibration number any file's name carries (their contents are not read). */
    private int lastNumber() throws IOException {
        int last = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Matcher m = NUMBERED.matcher(f.getFileName().toString());
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
