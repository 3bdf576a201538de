package com.needlepen.hal.pi4j.bus;

import com.needlepen.hal.pi4j.linux.LibC;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.Map;

/**
 * A serial port ({@code /dev/ttyAMA0}, the PL011 on GPIO14/15) in raw mode at a fixed speed, 8N1, through libc's
 * termios (JNA): Pi4J 3.0.x has no serial provider among the ones served here (gpiod, linuxfs), and a raw tty is a few
 * calls. Only its size is assumed of {@code struct termios} (at most 256 bytes; {@code cfmakeraw} and
 * {@code cfsetspeed} fill it). Reads wait with {@code poll(2)}; buffers are allocated once.
 */
public final class LinuxSerialPort implements UartChannel, AutoCloseable {

    /** termios.h speed_t values (Linux, octal 0010002 is B115200). */
    private static final Map<Integer, Integer> SPEEDS = Map.of(9_600, 13, 19_200, 14, 38_400, 15, 57_600, 4097,
            115_200, 4098, 230_400, 4099, 460_800, 4100, 500_000, 4101);

    private final String device;
    private final int fd;
    private final Memory out = new Memory(64);
    private final Memory in = new Memory(64);
    private final Memory pollFd = new Memory(8);

    private LinuxSerialPort(String device, int fd) {
        this.device = device;
        this.fd = fd;
    }

    /**
     * Opens {@code device} raw at {@code baud}.
     *
     * @throws IllegalStateException naming the node and the fix when it is missing or not ours to open
     */
    public static LinuxSerialPort open(String device, int baud) {
        Integer speed = SPEEDS.get(baud);
        if (speed == null) {
            throw new IllegalArgumentException("serial speed " + baud + " is not one termios has; allowed "
                    + SPEEDS.keySet().stream().sorted().toList());
        }
        int fd;
        try {
            fd = LibC.open(device, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            String why = e.getErrorCode() == LibC.ENOENT ? "missing; add 'enable_uart=1' (and on a Pi 4"
                    + " 'dtoverlay=disable-bt') to /boot/firmware/config.txt and reboot"
                    : e.getErrorCode() == LibC.EACCES ? "not ours to open; add the service's user to group dialout"
                    : "cannot be opened (errno " + e.getErrorCode() + ")";
            throw new IllegalStateException(device + ": " + why, e);
        }
        try (Memory termios = new Memory(256)) {
            termios.clear();
            LibC.tcgetattr(fd, termios);
            LibC.cfmakeraw(termios);
            LibC.cfsetspeed(termios, speed);
            LibC.tcsetattr(fd, LibC.TCSANOW, termios);
            LibC.tcflush(fd, LibC.TCIFLUSH);
        } catch (LastErrorException e) {
            LibC.close(fd);
            throw new IllegalStateException(device + ": not a serial port this program can set up (errno "
                    + e.getErrorCode() + ")", e);
        }
        return new LinuxSerialPort(device, fd);
    }

    @Override
    public void write(byte[] data, int length) throws BusException {
        int off = 0;
        while (off < length) {
            int n = Math.min(length - off, (int) out.size());
            out.write(0, data, off, n);
            try {
                long w = LibC.write(fd, out, n);
                off += (int) w;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EINTR) {
                    throw new BusException(device + ": write failed (errno " + e.getErrorCode() + ")", e);
                }
            }
        }
    }

    @Override
    public int read(byte[] into, int length, long timeoutNanos) throws BusException {
        int n = Math.min(length, (int) in.size());
        pollFd.setInt(0, fd);
        pollFd.setShort(4, LibC.POLLIN);
        pollFd.setShort(6, (short) 0);
        try {
            int ready = LibC.poll(pollFd, 1, (int) Math.max(0, Math.min(Integer.MAX_VALUE, (timeoutNanos + 999_999) / 1_000_000)));
            if (ready == 0) {
                return 0;
            }
            long r = LibC.read(fd, in, n);
            in.read(0, into, 0, (int) r);
            return (int) r;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EINTR || e.getErrorCode() == LibC.EAGAIN) {
                return 0;
            }
            throw new BusException(device + ": read failed (errno " + e.getErrorCode() + ")", e);
        }
    }

    @Override
    public void discardInput() throws BusException {
        try {
            LibC.tcflush(fd, LibC.TCIFLUSH);
        } catch (LastErrorException e) {
            throw new BusException(device + ": flush failed (errno " + e.getErrorCode() + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            LibC.close(fd);
        } catch (LastErrorException e) {
            // closed anyway
        }
    }
}
