package com.needlepen.config.calibration;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * Exclusive locks on the pen's record files, against other processes on the same data directory (a
 * second simulator, a technician's tool) and other holders in this JVM alike: the OS lock is held
 * per process, so a second holder in this JVM is waited for the same way.
 */
public final class FileLocks {

    /** How long a lock is waited for before the write fails, plainly. */
    public static final long WAIT_NANOS = 10_000_000_000L;

    private FileLocks() {
    }

    /** Locks {@code ch} exclusively, waiting up to {@link #WAIT_NANOS}. */
    public static FileLock exclusive(FileChannel ch, Path what) throws IOException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            try {
                FileLock lock = ch.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException heldInThisJvm) {
                // another holder in this process: wait as for another process
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(what + " stayed locked by another process for " + WAIT_NANOS / 1_000_000_000L + " s");
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }

    /** Runs {@code body} holding the lock file {@code lockFile} (created if missing). */
    public static <T> T holding(Path lockFile, IoBody<T> body) throws IOException {
        Files.createDirectories(lockFile.toAbsolutePath().getParent());
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = exclusive(ch, lockFile)) {
            return body.run();
        }
    }

    /** Work done under a lock. */
    public interface IoBody<T> {
        T run() throws IOException;
    }
}
