package com.needlepen.hal.pi4j.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * Gives the calling thread a core and a real-time priority of its own (docs/performance.md): the kernel's isolated
 * core ({@code isolcpus=} on the command line), so no ordinary task is scheduled there, and {@code SCHED_FIFO}, so no
 * ordinary thread preempts it. Only the control loop's thread: the JVM's other threads (the JIT, the collector) stay on
 * the housekeeping cores, where a real-time policy inherited by them could starve the system. Java has no API for
 * either, so libc's {@code sched_setaffinity(0, ...)} and {@code sched_setscheduler(0, ...)}, which act on the calling
 * thread, are called through JNA. Needs {@code CAP_SYS_NICE} and an RT limit (the package's unit grants both); without
 * them the thread runs on as it was, and the reason is said.
 */
public final class RealTimeThread {

    static final int SCHED_FIFO = 1;

    private RealTimeThread() {
    }

    private static final class Native0 {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int sched_setaffinity(int pid, long cpusetsize, Pointer mask) throws LastErrorException;

        static native int sched_setscheduler(int pid, int policy, Pointer param) throws LastErrorException;
    }

    /** The CPUs the kernel's command line isolates ({@code isolcpus=3} or {@code isolcpus=2-3,5}; flags ignored). */
    static BitSet isolated(String cmdline) {
        BitSet cpus = new BitSet();
        for (String word : cmdline.trim().split("\\s+")) {
            if (!word.startsWith("isolcpus=")) {
                continue;
            }
            for (String part : word.substring("isolcpus=".length()).split(",")) {
                if (part.isEmpty() || !Character.isDigit(part.charAt(0))) {
                    continue; // a flag such as domain or managed_irq
                }
                String[] range = part.split("-");
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                cpus.set(from, to + 1);
            }
        }
        return cpus;
    }

    /**
     * Moves the calling thread to the highest isolated core and makes it {@code SCHED_FIFO} at {@code priority}; returns
     * one line saying what was done and what was not, and why.
     */
    public static String prepare(Path procCmdline, int priority) {
        StringBuilder said = new StringBuilder("the loop thread: ");
        try {
            BitSet isolated = isolated(Files.readString(procCmdline));
            if (isolated.isEmpty()) {
                said.append("no isolated core (isolcpus= not on the kernel command line), left on the shared cores");
            } else {
                int cpu = isolated.length() - 1;
                try (Memory mask = new Memory(128)) {
                    mask.clear();
                    mask.setByte(cpu / 8, (byte) (1 << (cpu % 8)));
                    Native0.sched_setaffinity(0, 128, mask);
                    said.append("on isolated core ").append(cpu);
                } catch (LastErrorException e) {
                    said.append("not moved to core ").append(cpu).append(" (errno ").append(e.getErrorCode()).append(')');
                }
            }
        } catch (IOException e) {
            said.append("cannot read ").append(procCmdline).append(", left on the shared cores");
        }
        said.append(", ").append(schedFifo(priority));
        return said.toString();
    }

    /** Makes the calling thread {@code SCHED_FIFO} at {@code priority}; says what was done, or why not. */
    public static String schedFifo(int priority) {
        try (Memory param = new Memory(4)) {
            param.setInt(0, priority);
            Native0.sched_setscheduler(0, SCHED_FIFO, param);
            return "SCHED_FIFO " + priority;
        } catch (LastErrorException e) {
            return "not SCHED_FIFO (errno " + e.getErrorCode()
                    + (e.getErrorCode() == LibC.EPERM ? ": needs CAP_SYS_NICE and LimitRTPRIO, as the unit grants)" : ")");
        } catch (UnsatisfiedLinkError e) {
            return "not SCHED_FIFO (no libc here)";
        }
    }
}
