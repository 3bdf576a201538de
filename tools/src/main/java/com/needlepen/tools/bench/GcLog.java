package com.needlepen.tools.bench;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a child JVM's {@code -Xlog:gc} says: the collector, how many collections ran (distinct
 * {@code GC(n)} ids) and stop-the-world pauses ("Pause ..." lines, which G1's concurrent cycles
 * have more than one of), and the longest pause.
 */
record GcLog(String collector, int collections, int pauses, double longestPauseMillis) {

    private static final Pattern USING = Pattern.compile("\\[gc\\s*\\] Using (.+)$");
    private static final Pattern ID = Pattern.compile("GC\\((\\d+)\\)");
    private static final Pattern PAUSE = Pattern.compile("GC\\(\\d+\\) Pause .* ([0-9]+(?:\\.[0-9]+)?)ms\\s*$");

    static GcLog parse(String log) {
        String collector = null;
        Set<String> ids = new HashSet<>();
        int pauses = 0;
        double longest = 0;
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
                pauses++;
                longest = Math.max(longest, Double.parseDouble(p.group(1)));
            }
        }
        return new GcLog(collector, ids.size(), pauses, longest);
    }
}
