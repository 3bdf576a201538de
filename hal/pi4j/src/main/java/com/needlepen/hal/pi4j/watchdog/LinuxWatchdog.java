package com.needlepen.hal.pi4j.watchdog;

import com.needlepen.hal.HardwareWatchdog;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SoC watchdog behind {@code /dev/watchdog} (the {@code bcm2835-wdt} driver on a Pi 4; the Pi 5's BCM2712
 * is taken to use the same driver, unverified here): once started it resets the board unless kicked within
 * its timeout, so a hung control loop does not stay hung.
 *
 * <p><b>Timeout.</b> Whole seconds from 1 to 15: the driver counts 16 us ticks in PM_WDOG's 20-bit field, so
 * its {@code max_timeout} is {@code 0xfffff >> 16} = 15 s ({@code drivers/watchdog/bcm2835_wdt.c}). A longer or
 * fractional timeout is refused with one line rather than rounded, and a driver that takes another value
 * than the one asked for ({@code WDIOC_SETTIMEOUT} writes back the one in force) is refused too.
 *
 * <p><b>Kicks.</b> The firmware feeds the watchdog every 1 ms tick; this class turns that into at most one
 * {@code WDIOC_KEEPALIVE} per quarter timeout (500 ms for the firmware's 2 s), on the tick's own clock, so the
 * tick does not pay an ioctl each millisecond. A loop that hangs is therefore reset between 3/4 of the
 * timeout and the timeout after its last tick: never later than asked. A time that runs backwards kicks at
 * once. A kick that fails is counted ({@link #failedKicks()}) and logged once; the tick carries on, and if the
 * kicks keep failing the board resets, which is the safe side.
 *
 * <p><b>Magic close.</b> The driver supports it ({@code WDIOF_MAGICCLOSE}): {@link #close()} writes {@code 'V'}
 * just before closing, so a clean shutdown (after the pen is parked and disabled) disarms the watchdog. A
 * process that dies without it leaves the watchdog counting, and the board resets within the timeout: a
 * crashed control loop reboots the Pi (the hardware enable timer has stopped the motor 100 ms after the last
 * tick long before), and systemd's {@code Restart=on-failure} only helps a service that stops cleanly. A kernel
 * built with {@code CONFIG_WATCHDOG_NOWAYOUT} ignores the {@code 'V'}; Raspberry Pi OS's is not, as far as
 * known (not checked on a Pi).
 *
 * <p><b>systemd.</b> The node opens once ({@code watchdog_open} returns EBUSY to a second opener), and a Pi has
 * one hardware watchdog. systemd's {@code RuntimeWatchdogSec=} makes PID 1 open it and feed it for the whole
 * system; then this class cannot. Decision: <em>the pen's service owns {@code /dev/watchdog}, and
 * {@code RuntimeWatchdogSec} stays off</em> (the package ships a {@code system.conf.d} drop-in saying so, and
 * {@code needlepen doctor} checks the node is free). Reason: the watchdog must be fed by the control loop
 * itself, so that a loop that stops is what resets the board; PID 1 feeding it would keep a board with a hung
 * loop alive, and the alternative ({@code WatchdogSec=} with {@code sd_notify} from the loop) only restarts the
 * service, through systemd, which the loop's own watchdog does not depend on. The price: a hung kernel or
 * PID 1 with a running loop is not reset by systemd's watchdog, but a loop that keeps ticking on a hung PID 1
 * still drives the pen safely, and a hung kernel stops the loop. A board that must also run systemd's watchdog
 * would give this class a second device ({@code /dev/watchdog1}, e.g. {@code softdog}), which does not reset the
 * SoC by hardware and so is not offered.
 */
public final class LinuxWatchdog implements HardwareWatchdog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LinuxWatchdog.class);

    public static final String DEFAULT_NODE = "/dev/watchdog";
    /** bcm2835_wdt's {@code max_timeout}: {@code WDOG_TICKS_TO_SECS(PM_WDOG_TIME_SET)} = 0xfffff >> 16. */
    public static final int BCM2835_MAX_TIMEOUT_SECONDS = 15;
    /** The magic close character. */
    public static final byte MAGIC_CLOSE = 'V';

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final String node;
    private final WatchdogDevice.Opener opener;
    private final int maxTimeoutSeconds;
    /** Written under the lock, read by the tick's {@link #feed}. */
    private volatile WatchdogDevice device;
    private volatile boolean started;
    private int timeoutSeconds;
    private long kickIntervalNanos;
    private boolean kickedSinceStart;
    private long lastKickNanos;
    private volatile long failedKicks;

    /**
     * @param node              the device node ({@link #DEFAULT_NODE})
     * @param opener            opens (and so arms) the node
     * @param maxTimeoutSeconds the driver's maximum ({@link #BCM2835_MAX_TIMEOUT_SECONDS} on a Pi)
     */
    public LinuxWatchdog(String node, WatchdogDevice.Opener opener, int maxTimeoutSeconds) {
        this.node = node;
        this.opener = opener;
        this.maxTimeoutSeconds = maxTimeoutSeconds;
    }

    /** The Pi's {@code /dev/watchdog} (bcm2835_wdt), opened through JNA when started. */
    public static LinuxWatchdog bcm2835() {
        return new LinuxWatchdog(DEFAULT_NODE, LinuxWatchdogDevice::open, BCM2835_MAX_TIMEOUT_SECONDS);
    }

    /**
     * Opens the node (which arms the watchdog), sets the timeout and kicks once.
     *
     * @throws IllegalArgumentException for a timeout that is not 1 to 15 whole seconds
     * @throws IllegalStateException    when the node cannot be opened or the driver does not take the timeout
     */
    @Override
    public synchronized void start(long timeoutNanos) {
        int seconds = timeoutSeconds(timeoutNanos);
        if (started && seconds == timeoutSeconds) {
            return;
        }
        if (device == null) {
            try {
                device = opener.open(node);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        try {
            int took = device.setTimeoutSeconds(seconds);
            if (took != seconds) {
                disarmAndClose();
                throw new IllegalStateException(node + " took a timeout of " + took + " s when " + seconds
                        + " s was asked for; watchdog disarmed");
            }
            device.keepAlive();
        } catch (IOException e) {
            disarmAndClose();
            throw new IllegalStateException(e.getMessage() + "; watchdog disarmed", e);
        }
        timeoutSeconds = seconds;
        kickIntervalNanos = seconds * NANOS_PER_SECOND / 4;
        kickedSinceStart = false;
        started = true;
    }

    private int timeoutSeconds(long timeoutNanos) {
        if (timeoutNanos % NANOS_PER_SECOND != 0 || timeoutNanos < NANOS_PER_SECOND
                || timeoutNanos > maxTimeoutSeconds * NANOS_PER_SECOND) {
            throw new IllegalArgumentException("watchdog timeout of " + timeoutNanos / 1e9 + " s refused: " + node
                    + " takes whole seconds from 1 to " + maxTimeoutSeconds + " (bcm2835_wdt's maximum)");
        }
        return (int) (timeoutNanos / NANOS_PER_SECOND);
    }

    /** Kicks the watchdog if a quarter timeout has passed on {@code nowNanos} since the last kick. Allocates nothing. */
    @Override
    public void feed(long nowNanos) {
        WatchdogDevice d = device;
        if (!started || d == null) {
            return;
        }
        long since = nowNanos - lastKickNanos;
        if (kickedSinceStart && since >= 0 && since < kickIntervalNanos) {
            return;
        }
        try {
            d.keepAlive();
            lastKickNanos = nowNanos;
            kickedSinceStart = true;
        } catch (IOException e) {
            long failed = failedKicks + 1;
            failedKicks = failed;
            if (failed == 1) {
                LOG.error("watchdog kick failed: {}; the board resets unless a later kick succeeds", e.getMessage());
            }
        }
    }

    @Override
    public boolean started() {
        return started;
    }

    /** The timeout in force, in seconds (0 before {@link #start}). */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /** Kicks that failed since start. */
    public long failedKicks() {
        return failedKicks;
    }

    /**
     * Disarms the watchdog for a clean shutdown: writes the magic {@code 'V'}, then closes the node. Call it only
     * once the pen is parked and disabled; a service that exits without it leaves the board to be reset.
     */
    @Override
    public synchronized void close() {
        if (device == null) {
            return;
        }
        disarmAndClose();
    }

    private void disarmAndClose() {
        WatchdogDevice d = device;
        started = false;
        device = null;
        try {
            d.write(MAGIC_CLOSE);
        } catch (IOException e) {
            LOG.error("watchdog magic close failed: {}; the board will reset", e.getMessage());
        }
        try {
            d.close();
        } catch (IOException e) {
            LOG.error("closing {} failed: {}", node, e.getMessage());
        }
    }
}
