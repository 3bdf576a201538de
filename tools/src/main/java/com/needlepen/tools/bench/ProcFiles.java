package com.needlepen.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What Linux says about a child process in /proc: its CPU time and its peak resident memory. */
final class ProcFiles {

    /** Linux reports utime and stime in clock ticks of USER_HZ, which is 100 on every mainstream architecture. */
    private static final long DEFAULT_TICKS_PER_SECOND = 100;
    private static Long ticksPerSecond;

    private ProcFiles() {
    }

    /**
     * CPU time of every thread of {@code pid} so far, ns: the scheduler's own count from each thread's
     * /proc/.../schedstat (exact), else utime + stime from /proc/pid/stat (sampled at the timer tick, which
     * a thread that runs for microseconds right after each timer wake-up can mostly escape); -1 if
     * neither can be read (gone, not Linux).
     */
    static long cpuNanos(long pid) {
        long scheduled = scheduledNanos(pid);
        return scheduled >= 0 ? scheduled : tickedCpuNanos(pid);
    }

    private static long scheduledNanos(long pid) {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            long sum = 0;
            for (Path task : tasks.toList()) {
                sum += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split("\\s+")[0]);
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long tickedCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces and parentheses: fields are counted after its last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
            return ticks * 1_000_000_000L / ticksPerSecond();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The whole machine's CPU time so far from /proc/stat's first line, in clock ticks: busy (all but
     * idle and iowait), stolen by the hypervisor (a virtual machine's vCPU not running), and total.
     * Null if it cannot be read.
     */
    record SystemCpu(long busyTicks, long stealTicks, long totalTicks) {

        /** Busy and stolen shares of all CPUs between {@code before} and this, %; null when unknown. */
        Double busyPercentSince(SystemCpu before) {
            return share(busyTicks - before.busyTicks, totalTicks - before.totalTicks);
        }

        Double stealPercentSince(SystemCpu before) {
            return share(stealTicks - before.stealTicks, totalTicks - before.totalTicks);
        }

        private static Double share(long part, long total) {
            return total <= 0 || part < 0 ? null : 100.0 * part / total;
        }
    }

    static SystemCpu systemCpu() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal ...
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            return new SystemCpu(total - idle - steal, steal, total);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** VmHWM (the peak resident set) of {@code pid}, KiB; -1 if it cannot be read. */
    static long peakRssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static synchronized long ticksPerSecond() {
        if (ticksPerSecond == null) {
            ticksPerSecond = DEFAULT_TICKS_PER_SECOND;
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("\\d+")) {
                    ticksPerSecond = Long.parseLong(out);
                }
            } catch (IOException e) {
                // keep USER_HZ's usual value
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ticksPerSecond;
    }
}
