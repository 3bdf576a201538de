package com.needlepen.tools.bench;

import com.needlepen.tools.NeedlePenCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code needlepen simulate --fast} as a child JVM under a small heap, in the bench's own data
 * directory (calibrated already, so the first tick is not held up by a calibration). The child is
 * this JVM's own java binary and class path, with class data sharing as the launcher
 * ({@code tools/bin/needlepen}) starts it: a first, "cold" start writes the archive at its exit
 * (the first start after a build or an install), and the figures come from the second, "warm"
 * one, which maps it (every start after that); the cold start's first tick is reported beside.
 */
final class FootprintBench {

    static final String HEAP = "-Xmx32m";
    private static final long RSS_SAMPLE_MILLIS = 20;
    private static final long TIMEOUT_NANOS = 300_000_000_000L;
    private static final Pattern FIRST_TICK = Pattern.compile(
            Pattern.quote(FirstTickProbe.PREFIX) + "(\\d+) at-epoch-ms=(\\d+)");

    private FootprintBench() {
    }

    /** The child's arguments after the java binary, for the report and for running it. */
    static List<String> command(String profile, String duration, Path dataDir, Path gcLog, Path archive) {
        List<String> args = new ArrayList<>(List.of(HEAP, "-Dio.netty.noUnsafe=true", "-Xlog:gc:file=" + gcLog,
                "-D" + FirstTickProbe.PROPERTY + "=true"));
        if (archive != null) {
            args.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off")); // as the launcher starts it
        }
        args.addAll(List.of("-cp", System.getProperty("java.class.path"), NeedlePenCli.class.getName(), "simulate",
                "--fast", "--duration", duration, "--profile", profile, "--data-dir", dataDir.toString()));
        return args;
    }

    /**
     * The cold start (it writes the class-data archive), then the measured warm start. A class path
     * with directories (tests run from {@code target/classes}) cannot be archived: then one start,
     * without.
     */
    static FootprintFigures measure(String profile, String duration, Path dataDir, Path workDir)
            throws InterruptedException {
        if (!jarsOnly(System.getProperty("java.class.path"))) {
            return run(profile, duration, dataDir, workDir, null);
        }
        Path archive = workDir.resolve("footprint-cds.jsa");
        FootprintFigures cold = run(profile, duration, dataDir, workDir, archive);
        if (!cold.measured() || !cold.passed()) {
            return cold;
        }
        FootprintFigures warm = run(profile, duration, dataDir, workDir, archive);
        return warm.withColdFirstTick(cold.firstTickMillisFromSpawn());
    }

    private static FootprintFigures run(String profile, String duration, Path dataDir, Path workDir, Path archive)
            throws InterruptedException {
        Path gcLog = workDir.resolve("footprint-gc.log");
        List<String> args = command(profile, duration, dataDir, gcLog, archive);
        List<String> shown = new ArrayList<>(args);
        shown.set(shown.indexOf("-cp") + 1, "<this JVM's class path>");
        shown.set(2, "-Xlog:gc:file=<temp file>");
        if (archive != null) {
            shown.set(4, "-XX:SharedArchiveFile=<temp file>");
        }
        shown.set(shown.indexOf("--data-dir") + 1, "<the bench's calibrated data directory>");
        String java = ProcessHandle.current().info().command().orElse(null);
        if (java == null) {
            return FootprintFigures.notMeasured(shown, "this JVM's java binary is unknown, so no child JVM can start");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(args);
        long spawnEpochMillis = System.currentTimeMillis();
        long started = System.nanoTime();
        Process child;
        try {
            child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return FootprintFigures.notMeasured(shown, "the child JVM did not start: " + e.getMessage());
        }
        OutputDrain output = OutputDrain.start(child.getInputStream(), "bench-footprint-out");
        long peakRssKib = -1;
        while (!child.waitFor(RSS_SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
            peakRssKib = Math.max(peakRssKib, ProcFiles.peakRssKib(child.pid()));
            if (System.nanoTime() - started > TIMEOUT_NANOS) {
                child.destroyForcibly();
                return FootprintFigures.notMeasured(shown, "the simulated session did not end within 300 s");
            }
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        String text = output.text();
        GcLog gc = readGcLog(gcLog);
        Matcher m = FIRST_TICK.matcher(text);
        Long fromJvm = null;
        Long fromSpawn = null;
        if (m.find()) {
            fromJvm = Long.parseLong(m.group(1));
            fromSpawn = Math.max(0, Long.parseLong(m.group(2)) - spawnEpochMillis);
        }
        int exit = child.exitValue();
        // -Xlog:gc's uptime and RuntimeMXBean's start time both count from the JVM's start
        double firstTickSeconds = fromJvm == null ? Double.NaN : fromJvm / 1000.0;
        boolean afterKnown = gc != null && fromJvm != null;
        return new FootprintFigures(shown, exit, exit == 0, peakRssKib < 0 ? null : peakRssKib / 1024.0,
                gc == null ? null : gc.collector(), gc == null ? null : gc.collections(),
                gc == null ? null : gc.pauses().size(), gc == null ? null : gc.longestPauseMillis(0),
                afterKnown ? gc.pausesFrom(firstTickSeconds) : null,
                afterKnown ? gc.longestPauseMillis(firstTickSeconds) : null, fromSpawn, fromJvm, null, wallSeconds,
                exit == 0 ? null : lastLines(text, 3), null);
    }

    /** Whether every entry of {@code classPath} is a jar (class data sharing archives only jars). */
    static boolean jarsOnly(String classPath) {
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && !entry.endsWith(".jar")) {
                return false;
            }
        }
        return true;
    }

    private static GcLog readGcLog(Path file) {
        try {
            return GcLog.parse(Files.readString(file));
        } catch (IOException e) {
            return null;
        }
    }

    private static String lastLines(String text, int n) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
