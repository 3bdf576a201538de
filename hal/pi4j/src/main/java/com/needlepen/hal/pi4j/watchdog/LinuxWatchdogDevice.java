package com.needlepen.hal.pi4j.watchdog;

import com.needlepen.hal.pi4j.linux.LibC;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;

/**
 * {@code /dev/watchdog} through JNA: {@code open(2)} (which arms it), the {@code WDIOC_*} ioctls and
 * {@code write(2)}, each on one preallocated native word so a keep-alive allocates nothing.
 */
public final class LinuxWatchdogDevice implements WatchdogDevice {

    // include/uapi/linux/watchdog.h: WATCHDOG_IOCTL_BASE 'W'; _IOR = dir 2, _IOWR = dir 3; size 4 (int)
    static final long WDIOC_KEEPALIVE = ioc(2, 'W', 5, 4);
    static final long WDIOC_SETTIMEOUT = ioc(3, 'W', 6, 4);
    static final long WDIOC_GETTIMEOUT = ioc(2, 'W', 7, 4);

    static long ioc(int dir, int type, int nr, int size) {
        return ((long) dir << 30) | ((long) size << 16) | ((long) type << 8) | nr;
    }

    private final String node;
    private final int fd;
    private final Memory word = new Memory(4);
    private boolean closed;

    private LinuxWatchdogDevice(String node, int fd) {
        this.node = node;
        this.fd = fd;
    }

    /**
     * Opens {@code node} for writing, which starts the watchdog.
     *
     * @throws IOException one line naming the node and the fix
     */
    public static LinuxWatchdogDevice open(String node) throws IOException {
        try {
            return new LinuxWatchdogDevice(node, LibC.open(node, LibC.O_WRONLY | LibC.O_CLOEXEC));
        } catch (LastErrorException e) {
            throw new IOException(openFailure(node, e.getErrorCode()), e);
        }
    }

    /** The one-line message for a failed {@code open(2)} of the watchdog node. */
    static String openFailure(String node, int errno) {
        return switch (errno) {
            case LibC.EBUSY -> node + " is busy: another process holds it (systemd does when RuntimeWatchdogSec is set;"
                    + " set RuntimeWatchdogSec=off in /etc/systemd/system.conf.d/, the pen's firmware feeds the watchdog itself)";
            case LibC.EACCES, LibC.EPERM -> "permission denied opening " + node
                    + ": it is root's; the needlepen package's udev rule gives it to group needlepen (mode 0660)";
            case LibC.ENOENT, LibC.ENODEV -> node + " does not exist: no watchdog driver is bound (dmesg | grep -i wdt should show bcm2835-wdt)";
            default -> "cannot open " + node + " (errno " + errno + ")";
        };
    }

    @Override
    public int setTimeoutSeconds(int seconds) throws IOException {
        word.setInt(0, seconds);
        ioctl(WDIOC_SETTIMEOUT, "WDIOC_SETTIMEOUT " + seconds);
        return word.getInt(0); // the driver writes back the timeout it took
    }

    @Override
    public int timeoutSeconds() throws IOException {
        ioctl(WDIOC_GETTIMEOUT, "WDIOC_GETTIMEOUT");
        return word.getInt(0);
    }

    @Override
    public void keepAlive() throws IOException {
        ioctl(WDIOC_KEEPALIVE, "WDIOC_KEEPALIVE");
    }

    @Override
    public void write(byte b) throws IOException {
        word.setByte(0, b);
        try {
            LibC.write(fd, word, 1);
        } catch (LastErrorException e) {
            throw new IOException("write to " + node + " failed (errno " + e.getErrorCode() + ")", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            LibC.close(fd);
        } catch (LastErrorException e) {
            throw new IOException("close of " + node + " failed (errno " + e.getErrorCode() + ")", e);
        }
    }

    private void ioctl(long request, String what) throws IOException {
        try {
            LibC.ioctl(fd, request, word);
        } catch (LastErrorException e) {
            throw new IOException(what + " on " + node + " failed (errno " + e.getErrorCode()
                    + (e.getErrorCode() == LibC.EINVAL ? ": outside the driver's range" : "") + ")", e);
        }
    }
}
