package com.needlepen.hal.pi4j.io;

import com.needlepen.hal.Clock;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Pi's clocks. {@link #nanoTime()} is {@link System#nanoTime()}, which HotSpot on Linux reads from
 * {@code clock_gettime(CLOCK_MONOTONIC)}: the clock the kernel stamps GPIO line events with (uAPI v2's default
 * event clock), so the index's edge stamps and the loop's time share one time base. UTC is the system's; it counts as
 * synchronised while systemd-timesyncd's flag file exists ({@code /run/systemd/timesync/synchronized}, created at the
 * first synchronisation), looked at no more than once a second.
 */
public final class PiClock implements Clock {

    private static final long RECHECK_NANOS = 1_000_000_000L;
    private final Path syncFlag;
    private volatile boolean synced;
    private volatile long checkedAt = Long.MIN_VALUE;

    public PiClock() {
        this(Path.of("/run/systemd/timesync/synchronized"));
    }

    PiClock(Path syncFlag) {
        this.syncFlag = syncFlag;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long utcEpochMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public boolean utcSynchronised() {
        long now = System.nanoTime();
        if (checkedAt == Long.MIN_VALUE || now - checkedAt > RECHECK_NANOS) {
            synced = Files.exists(syncFlag);
            checkedAt = now;
        }
        return synced;
    }
}
