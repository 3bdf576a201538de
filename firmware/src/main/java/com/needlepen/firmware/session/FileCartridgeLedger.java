package com.needlepen.firmware.session;

import java.io.IOException;
import com.needlepen.config.calibration.FileLocks;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The cartridge ledger in an append-only text file, one line per cartridge:
 * {@code id<TAB>utcMillis<TAB>sessionId}. Each record is appended and forced to the device before
 * its receipt is done. A last line without its newline is a record torn by a power cut before it
 * was durable (no run started on it): it is ignored, and cut off before the next record is
 * appended. Any other malformed line refuses the whole file: a ledger that cannot be read cannot
 * say which cartridges are new.
 *
 * <p>Writes run on {@code writer}: a single background thread on the pen, where a sync can take
 * longer than a control period, or the calling thread ({@code Runnable::run}) in the simulator,
 * whose clock is virtual.
 */
public final class FileCartridgeLedger implements CartridgeLedger {

    private final Path file;
    private final Executor writer;
    private final Map<String, Entry> used = new ConcurrentHashMap<>();

    private FileCartridgeLedger(Path file, Executor writer) {
        this.file = file;
        this.writer = writer;
    }

    /**
     * Reads the ledger at {@code file} (none yet is an empty ledger).
     *
     * @throws IOException                 the file cannot be read
     * @throws IllegalArgumentException    a line is malformed; the message names the file and line
     */
    public static FileCartridgeLedger open(Path file, Executor writer) throws IOException {
        FileCartridgeLedger ledger = new FileCartridgeLedger(file, writer);
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            boolean torn = bytes.length > 0 && bytes[bytes.length - 1] != '\n';
            List<String> lines = text.lines().toList();
            int complete = torn ? lines.size() - 1 : lines.size();
            for (int i = 0; i < complete; i++) {
                Entry e = parse(lines.get(i));
                if (e == null) {
                    throw new IllegalArgumentException(file + ": line " + (i + 1) + ": '" + lines.get(i)
                            + "' is not a cartridge record; expected id<TAB>utcMillis<TAB>sessionId");
                }
                ledger.used.putIfAbsent(e.id(), e);
            }
        }
        return ledger;
    }

    private static Entry parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 3 || !ID.matcher(f[0]).matches() || f[2].isEmpty()) {
            return null;
        }
        try {
            return new Entry(f[0], Long.parseLong(f[1]), f[2]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public Entry find(String id) {
        return used.get(id);
    }

    /** Cartridges recorded, including those read at open. */
    public int size() {
        return used.size();
    }

    @Override
    public Receipt record(String id, String sessionId, long utcMillis) {
        if (!ID.matcher(id).matches() || sessionId.contains("\t") || sessionId.contains("\n")) {
            throw new IllegalArgumentException("cartridge id '" + id + "' or session id cannot be recorded");
        }
        Entry entry = new Entry(id, utcMillis, sessionId);
        used.putIfAbsent(id, entry); // known at once: the same cartridge cannot open a second session meanwhile
        Pending pending = new Pending();
        writer.execute(() -> append(entry, pending));
        return pending;
    }

    /**
     * Appends under an exclusive lock on the file, after reading it again: another process on the
     * same data directory (a second simulator, a tool) may have recorded the same cartridge since
     * this ledger was read, and then this record fails and its run never starts.
     */
    private void append(Entry e, Pending pending) {
        String line = e.id() + "\t" + e.utcMillis() + "\t" + e.sessionId() + "\n";
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            boolean created = !Files.exists(file);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = FileLocks.exclusive(ch, file)) {
                long end = keepComplete(ch);
                Entry earlier = readBy(ch, end, e.id());
                if (earlier != null && !earlier.equals(e)) {
                    used.put(e.id(), earlier);
                    pending.failure = "cartridge " + e.id() + " " + earlier.usedIn()
                            + " (recorded by another process on this pen's data directory meanwhile)";
                    return;
                }
                ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                long at = end;
                while (buffer.hasRemaining()) {
                    at += ch.write(buffer, at);
                }
                ch.force(true);
            }
            if (created) {
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true); // the new file's name survives a power cut too
                }
            }
            pending.done = true;
        } catch (IOException | RuntimeException ex) {
            used.remove(e.id(), e); // never used: the run waits for this record, so it did not start
            pending.failure = "cannot record cartridge " + e.id() + " in " + file + ": " + ex;
        }
    }

    /** Cuts off a torn last line (a record a power cut interrupted) and returns where the file now ends. */
    private static long keepComplete(FileChannel ch) throws IOException {
        long size = ch.size();
        long end = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            ch.read(one, end - 1);
            if (one.get(0) == '\n') {
                break;
            }
            end--;
        }
        if (end < size) {
            ch.truncate(end);
            ch.force(true);
        }
        return end;
    }

    /** The record of {@code id} in the first {@code end} bytes, or null; a damaged line fails the append. */
    private Entry readBy(FileChannel ch, long end, String id) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(end));
        while (all.hasRemaining() && ch.read(all, all.position()) >= 0) {
            // read until full
        }
        List<String> lines = new String(all.array(), StandardCharsets.UTF_8).lines().toList();
        Entry found = null;
        for (int i = 0; i < lines.size(); i++) {
            Entry entry = parse(lines.get(i));
            if (entry == null) {
                throw new IllegalStateException(file + ": line " + (i + 1) + " is not a cartridge record");
            }
            used.putIfAbsent(entry.id(), entry);
            if (found == null && entry.id().equals(id)) {
                found = entry;
            }
        }
        return found;
    }


    private static final class Pending implements Receipt {
        volatile boolean done;
        volatile String failure;

        @Override
        public boolean done() {
            return done;
        }

        @Override
        public String failure() {
            return failure;
        }
    }
}
