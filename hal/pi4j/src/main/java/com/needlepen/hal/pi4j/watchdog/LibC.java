package com.needlepen.hal.pi4j.watchdog;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls the watchdog node needs, bound by JNA's direct mapping (no per-call allocation on the
 * keep-alive path). {@code ioctl}'s variadic third argument is declared as a pointer, which the Linux aarch64
 * and x86-64 calling conventions pass like a fixed argument. Loaded only in production; tests use fakes.
 */
final class LibC {

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    static final int O_WRONLY = 1;
    static final int O_CLOEXEC = 0x80000;
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EINVAL = 22;

    static native int open(String path, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int ioctl(int fd, long request, Pointer arg) throws LastErrorException;

    static native long write(int fd, Pointer buf, long count) throws LastErrorException;
}
