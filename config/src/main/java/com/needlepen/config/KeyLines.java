package com.needlepen.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each key of a profile was written: field path to 1-based line. The tree reader fills it;
 * binding and validation use it to point their messages at the line of the offending key, long
 * after the YAML tree itself is gone.
 */
final class KeyLines {

    private final String source;
    private final Map<String, Integer> lines = new HashMap<>();

    KeyLines(String source) {
        this.source = source;
    }

    /** The file or resource name, for messages. */
    String source() {
        return source;
    }

    /** The path of key {@code key} inside {@code parent} ("" for the top level). */
    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** The path of list item {@code index} of {@code parent}. */
    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    void put(String path, int line) {
        lines.putIfAbsent(path, line);
    }

    /**
     * The line of {@code path}, or failing that of its nearest enclosing key (so a missing key
     * points at its section); 0 when nothing is known, e.g. for a profile built in code.
     */
    int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }

    /** An exception about {@code path}, pointing at its line. */
    ConfigException error(String path, String reason) {
        return new ConfigException(source, lineOf(path), path, reason);
    }

    /** An exception about {@code path} at an explicit line (for keys not recorded, or missing). */
    ConfigException errorAt(int line, String path, String reason) {
        return new ConfigException(source, line, path, reason);
    }
}
