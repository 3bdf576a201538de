package com.needlepen.hal;

/**
 * The system's hardware watchdog (on the Pi, the SoC watchdog behind {@code /dev/watchdog}): once
 * started it reboots the system unless it is fed within its timeout, so a hung system does not stay
 * hung. The Pi implementation comes with the Pi backend.
 */
public interface HardwareWatchdog {

    /** Arms the watchdog; from now on it must be fed within {@code timeoutNanos}. */
    void start(long timeoutNanos);

    /** Feeds it. */
    void feed(long nowNanos);

    /** Whether it has been started. */
    boolean started();
}
