package com.needlepen.hal.pi4j.watchdog;

import java.util.List;

/** The watchdog node as a test records it, for tests outside this package. */
public final class WatchdogModels {

    private WatchdogModels() {
    }

    /** A recording of what was done to the node. */
    public record Recording(LinuxWatchdog watchdog, List<String> log, java.io.ByteArrayOutputStream written) {
    }

    /** A bcm2835-like watchdog on a recording node. */
    public static Recording recording() {
        FakeWatchdogDevice device = new FakeWatchdogDevice();
        return new Recording(new LinuxWatchdog("/dev/watchdog", device.opener(), LinuxWatchdog.BCM2835_MAX_TIMEOUT_SECONDS),
                device.log, device.written);
    }
}
