package com.needlepen.hal.pi4j.gpio;

import java.io.IOException;

/**
 * One GPIO input line's edge events as the kernel reports them ({@code struct gpio_v2_line_event}), read in
 * batches into arrays the caller owns, so the reading thread allocates nothing per event. Production is
 * {@link LinuxLineEvents} (the v2 character-device uAPI); tests script a fake with chosen timestamps, kinds
 * and sequence numbers.
 */
public interface LineEventSource extends AutoCloseable {

    /**
     * The line's physical level (true: high) as read once right after the line was requested, before any
     * event was read.
     */
    boolean initialLevelHigh();

    /**
     * Waits at most {@code timeoutNanos} for events, then moves up to {@code max} of them, oldest first, into
     * the arrays: {@code timestampsNanos} (CLOCK_MONOTONIC), {@code ids} ({@link GpioV2#EVENT_RISING_EDGE} or
     * {@link GpioV2#EVENT_FALLING_EDGE}) and {@code lineSeqnos} (the kernel's per-line sequence number,
     * unsigned 32 bits, 1 for the line's first event). Returns how many were written: 0 when the wait timed
     * out (or was interrupted by a signal).
     *
     * @throws IOException when the line can no longer be read (the descriptor was closed or the chip vanished)
     */
    int read(long[] timestampsNanos, int[] ids, int[] lineSeqnos, int max, long timeoutNanos) throws IOException;

    /** Releases the line. Called once, after the last {@link #read} has returned. */
    @Override
    void close();
}
