package com.needlepen.tools.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a child JVM's {@code -Xlog:gc} says: the collector, how many collections ran (distinct
 * {@code GC(n)} ids) and its stop-the-world pauses ("Pause ..." lines, which G1's concurrent cycles
 * have more than one of), each with when it began (JVM uptime, the log's default decoration).
 */
record GcLog(String collector, int collections, List<Pause> pauses) {

    /** One stop-the-world pause: seconds after the JVM started, and how long it held every thread. */
    record Pause(double atSeconds, double millis) {
    }

    private static final Pattern USING = Pattern.compile("\\[gc\\s*\\] Using (.+)$");
    private static final Pattern ID = Pattern.compile("GC\\((\\d+)\\)");
    private static final Pattern PAUSE = Pattern.compile(
            "^\\[([0-9]+(?:\\.[0-9]+)?)s\\].*GC\\(\\d+\\) Pause .* ([0-9]+(?:\\.[0-9]+)?)ms\\s*$");

    static GcLog parse(String log) {
        String collector = null;
        Set<String> ids = new HashSet<>();
        List<Pause> pauses = new ArrayList<>();
        for (String line : log.split("\n")) {
            Matcher u = USING.matcher(line);
            if (u.find()) {
                collector = u.group(1).trim();
            }
            Matcher id = ID.matcher(line);
            if (id.find()) {
                ids.add(id.group(1));
            }
            Matcher p = PAUSE.matcher(line);
            if (p.find()) {
                pauses.add(new Pause(Double.parseDouble(p.group(1)), Double.parseDouble(p.group(2))));
            }
        }
        return new GcLog(collector, ids.size(), List.copyOf(pauses));
    }

    /** The longest pause that began at or after {@code fromSeconds} of uptime (0 if none did). */
    double longestPauseMillis(double fromSeconds) {
        return pauses.stream().filter(p -> p.atSeconds() >= fromSeconds).mapToDouble(Pause::millis).max().orElse(0);
    }

    int pausesFrom(double fromSeconds) {
        return (int) pauses.stream().filter(p -> p.atSeconds() >= fromSeconds).count();
    }
}
