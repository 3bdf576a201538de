package com.needlepen.hal.pi4j.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls the backend makes itself (the GPIO character device's line events, the watchdog node, the
 * TMC2209's serial port), bound by JNA's direct mapping: no per-call argument arrays, so the event reader's
 * {@code poll}/{@code read} loop and the watchdog's keep-alive do not allocate. {@code ioctl} is variadic in C;
 * declaring its third argument as a pointer is correct on the Linux ABIs this runs on (aarch64 and x86-64 pass
 * variadic integer and pointer arguments in the same registers as fixed ones). Loaded only in production: tests
 * use fakes of the sources and devices and never reach this class.
 */
public final class LibC {

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    // fcntl.h, Linux generic (arm64) and x86-64 values
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_NOCTTY = 0x100;
    public static final int O_CLOEXEC = 0x80000;
    // poll.h
    public static final short POLLIN = 0x001;
    public static final short POLLERR = 0x008;
    public static final short POLLHUP = 0x010;
    public static final short POLLNVAL = 0x020;
    // errno.h
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    // termios.h: TCSANOW, tcflush's TCIFLUSH
    public static final int TCSANOW = 0;
    public static final int TCIFLUSH = 0;

    public static native int open(String path, int flags) throws LastErrorException;

    public static native int close(int fd) throws LastErrorException;

    public static native int ioctl(int fd, long request, Pointer arg) throws LastErrorException;

    public static native long read(int fd, Pointer buf, long count) throws LastErrorException;

    public static native long write(int fd, Pointer buf, long count) throws LastErrorException;

    public static native int poll(Pointer fds, long nfds, int timeoutMillis) throws LastErrorException;

    public static native int tcgetattr(int fd, Pointer termios) throws LastErrorException;

    public static native int tcsetattr(int fd, int optionalActions, Pointer termios) throws LastErrorException;

    public static native void cfmakeraw(Pointer termios);

    public static native int cfsetspeed(Pointer termios, int speed) throws LastErrorException;

    public static native int tcflush(int fd, int queueSelector) throws LastErrorException;
}
