package com.needlepen.hal;

/**
 * Time as the firmware sees it. Every piece of logic takes the time as an argument that came from
 * here, so tests substitute a virtual clock and step it; nothing in the firmware sleeps in logic.
 */
public interface Clock {

    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** Wall-clock UTC time in milliseconds since the Unix epoch. */
    long utcEpochMillis();

    /**
     * Whether {@link #utcEpochMillis()} is known to be synchronised to a time source (NTP, GPS).
     * An unsynchronised clock's UTC time must not be trusted for ages of records.
     */
    boolean utcSynchronised();
}
