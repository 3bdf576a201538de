package com.needlepen.hal.pi4j.watchdog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A watchdog node for LinuxWatchdog's tests: it records every operation in order (the open, each ioctl with its
 * argument, each byte written, the close) and answers WDIOC_SETTIMEOUT as bcm2835_wdt's core does (values 1..15
 * taken, others EINVAL), or with a chosen value to play a driver that adjusts the timeout.
 */
final class FakeWatchdogDevice implements WatchdogDevice {

    final List<String> log = new ArrayList<>();
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private int timeout = 15;
    /** When not 0: the timeout the driver takes whatever is asked. */
    int adjustTo;
    boolean failKeepAlive;
    boolean closed;

    /** An opener that hands out this device and logs the node opened. */
    WatchdogDevice.Opener opener() {
        return node -> {
            log.add("open " + node);
            return this;
        };
    }

    @Override
    public int setTimeoutSeconds(int seconds) throws IOException {
        log.add("WDIOC_SETTIMEOUT " + seconds);
        if (seconds < 1 || seconds > 15) {
            throw new IOException("WDIOC_SETTIMEOUT " + seconds + " on /dev/watchdog failed (errno 22: outside the driver's range)");
        }
        timeout = adjustTo != 0 ? adjustTo : seconds;
        return timeout;
    }

    @Override
    public int timeoutSeconds() {
        log.add("WDIOC_GETTIMEOUT");
        return timeout;
    }

    @Override
    public void keepAlive() throws IOException {
        log.add("WDIOC_KEEPALIVE");
        if (failKeepAlive) {
            throw new IOException("WDIOC_KEEPALIVE on /dev/watchdog failed (errno 5)");
        }
    }

    @Override
    public void write(byte b) {
        log.add("write " + (char) b);
        written.write(b);
    }

    @Override
    public void close() {
        log.add("close");
        closed = true;
    }

    long keepAlives() {
        return log.stream().filter("WDIOC_KEEPALIVE"::equals).count();
    }
}
