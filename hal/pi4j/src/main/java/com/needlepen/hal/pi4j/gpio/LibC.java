package com.needlepen.hal.pi4j.gpio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls the GPIO character device needs, bound by JNA's direct mapping (no per-call argument
 * arrays, so the event reader's {@code poll}/{@code read} loop does not allocate). {@code ioctl} is variadic
 * in C; declaring its third argument as a pointer is correct on the Linux ABIs this runs on (aarch64 and
 * x86-64 pass variadic integer and pointer arguments in the same registers as fixed ones). Loaded only in
 * production: tests use {@link LineEventSource} fakes and never reach this class.
 */
final class LibC {

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    // fcntl.h, Linux generic (arm64) and x86-64 values
    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;
    // poll.h
    static final short POLLIN = 0x001;
    static final short POLLERR = 0x008;
    static final short POLLHUP = 0x010;
    static final short POLLNVAL = 0x020;
    // errno.h
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EINVAL = 22;

    static native int open(String path, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int ioctl(int fd, long request, Pointer arg) throws LastErrorException;

    static native long read(int fd, Pointer buf, long count) throws LastErrorException;

    static native int poll(Pointer fds, long nfds, int timeoutMillis) throws LastErrorException;
}
