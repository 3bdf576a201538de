package com.needlepen.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The machine's own limit: {@code cyclictest} (Debian's rt-tests) as a child process, one thread at
 * the loop's interval for the same time, at normal (not realtime) priority like the Java loops, and
 * with {@code --default-system} where the version has it, so it does not hold the CPUs out of their
 * idle states (the Java loops get no such help). Its latency histogram (1 µs buckets) is read from
 * its output; its CPU share is the process's CPU time from /proc (its threads' schedstat, else utime +
 * stime), read every 100 ms while it runs.
 */
final class CyclictestBench {

    static final String NAME = "cyclictest";
    /** The histogram's range; later wake-ups count as overflows, whose largest cyclictest reports as its max. */
    static final int HISTOGRAM_MAX_MICROS = 100_000;
    private static final long CPU_SAMPLE_MILLIS = 100;
    private static final Pattern BUCKET = Pattern.compile("^(\\d+)\\s+(\\d+)\\s*$");
    private static final Pattern MAX = Pattern.compile("^# Max Latencies:\\s*(\\d+)");
    private static final Pattern OVERFLOWS = Pattern.compile("^# Histogram Overflows:\\s*(\\d+)");
    private static final Pattern VERSION = Pattern.compile("cyclictest V\\s*([0-9.]+)");

    private CyclictestBench() {
    }

    static LoopFigures measure(long periodNanos, long durationNanos) throws InterruptedException {
        Path exe = find();
        if (exe == null) {
            return LoopFigures.notMeasured(NAME, "cyclictest is not installed (Debian and Raspberry Pi OS: apt-get"
                    + " install rt-tests)");
        }
        if (periodNanos % 1_000 != 0) {
            return LoopFigures.notMeasured(NAME, "the profile's period is not a whole number of µs, cyclictest's unit");
        }
        try {
            String help = run(List.of(exe.toString(), "--help"));
            Matcher v = VERSION.matcher(help);
            long loops = Math.max(1, durationNanos / periodNanos);
            List<String> cmd = new ArrayList<>(List.of(exe.toString(), "-q", "-i", Long.toString(periodNanos / 1_000),
                    "-l", Long.toString(loops), "-h", Integer.toString(HISTOGRAM_MAX_MICROS)));
            if (help.contains("--default-system")) {
                cmd.add("--default-system");
            }
            String flags = String.join(" ", cmd.subList(1, cmd.size()));
            String how = "rt-tests " + (v.find() ? v.group(1) : "(version unknown)") + ": " + flags;
            return measure(cmd, how, durationNanos);
        } catch (IOException e) {
            return LoopFigures.notMeasured(NAME, "cyclictest could not run: " + e.getMessage());
        }
    }

    private static LoopFigures measure(List<String> cmd, String how, long durationNanos)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process child = new ProcessBuilder(cmd).start();
        OutputDrain out = OutputDrain.start(child.getInputStream(), "bench-cyclictest-out");
        OutputDrain err = OutputDrain.start(child.getErrorStream(), "bench-cyclictest-err");
        long cpuNanos = 0;
        long cpuWallNanos = 0;
        long deadline = started + durationNanos + 30_000_000_000L;
        while (!child.waitFor(CPU_SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
            long cpu = ProcFiles.cpuNanos(child.pid());
            // a thread's own count goes when the thread ends: once the measuring thread is done and the
            // main thread prints the histogram, the sum drops, and the share is the one from before
            if (cpu >= cpuNanos) {
                cpuNanos = cpu;
                cpuWallNanos = System.nanoTime() - started;
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                return LoopFigures.notMeasured(NAME, "cyclictest did not finish within its time and 30 s");
            }
        }
        if (child.exitValue() != 0) {
            return LoopFigures.notMeasured(NAME, "cyclictest exited " + child.exitValue() + ": "
                    + firstLine(err.text()));
        }
        Histogram latenessNanos = parse(out.text());
        return LoopFigures.of(NAME, how, latenessNanos, cpuNanos, cpuWallNanos, null, null, null, null, null);
    }

    /** cyclictest's {@code -h} output: one line per µs bucket, then the overflows (counted at the reported max). */
    static Histogram parse(String output) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        long maxMicros = -1;
        long overflows = 0;
        for (String line : output.split("\n")) {
            Matcher b = BUCKET.matcher(line);
            if (b.matches()) {
                long count = Long.parseLong(b.group(2));
                if (count > 0) {
                    h.recordValueWithCount(Long.parseLong(b.group(1)) * 1_000, count);
                }
                continue;
            }
            Matcher m = MAX.matcher(line);
            if (m.find()) {
                maxMicros = Long.parseLong(m.group(1));
            }
            Matcher o = OVERFLOWS.matcher(line);
            if (o.find()) {
                overflows = Long.parseLong(o.group(1));
            }
        }
        if (overflows > 0 && maxMicros >= 0) {
            h.recordValueWithCount(maxMicros * 1_000, overflows);
        }
        return h;
    }

    private static Path find() {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(java.io.File.pathSeparator)));
        dirs.add("/usr/bin");
        dirs.add("/usr/sbin");
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "cyclictest");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return text;
    }

    private static String firstLine(String text) {
        String t = text.strip();
        return t.isEmpty() ? "no message" : t.lines().findFirst().orElse("");
    }
}
