package com.needlepen.hal.pi4j.watchdog;

import java.io.IOException;

/**
 * An open Linux watchdog device node ({@code /dev/watchdog}) as {@link LinuxWatchdog} uses it: the three ioctls
 * of {@code include/uapi/linux/watchdog.h} it needs and a one-byte write for the magic close. Opening the node
 * arms the watchdog (the kernel's {@code watchdog_open} starts it), so opening is the {@link Opener}'s job and
 * happens only when the firmware starts the watchdog. Production is {@link LinuxWatchdogDevice}; tests record
 * what the driver did with a fake.
 */
public interface WatchdogDevice extends AutoCloseable {

    /** Opens (and so arms) a watchdog node. */
    @FunctionalInterface
    interface Opener {
        /** @throws IOException one line naming the node and the fix (busy, no permission, missing) */
        WatchdogDevice open(String node) throws IOException;
    }

    /** {@code WDIOC_SETTIMEOUT}: asks for a timeout and returns the one the driver took, in whole seconds. */
    int setTimeoutSeconds(int seconds) throws IOException;

    /** {@code WDIOC_GETTIMEOUT}: the timeout in force, in whole seconds. */
    int timeoutSeconds() throws IOException;

    /** {@code WDIOC_KEEPALIVE}: restarts the countdown. */
    void keepAlive() throws IOException;

    /** Writes one byte ({@code 'V'}, the magic close character, is the one that matters). */
    void write(byte b) throws IOException;

    /** Closes the node: with {@code 'V'} written just before, the driver stops the watchdog; without, it keeps counting. */
    @Override
    void close() throws IOException;
}
