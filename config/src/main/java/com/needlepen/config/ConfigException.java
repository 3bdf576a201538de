package com.needlepen.config;

/**
 * A device profile could not be loaded: the file is missing or unreadable, is not YAML, or a value
 * in it is wrong. The message is always one line, shaped for a person fixing the file:
 * {@code sim.yaml:23: motor.resistanceOhm20C: 0 is out of range; allowed 0.1 to 100 ohm}.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String fieldPath;
    private final String reason;

    /**
     * @param file      the file or resource the profile came from
     * @param line      1-based line of the offending key, or 0 when no line applies
     * @param fieldPath dotted path of the offending field ({@code cartridges[2].maxRateHz}), or
     *                  empty when the problem is with the whole file
     * @param reason    what was wrong and what is allowed
     */
    public ConfigException(String file, int line, String fieldPath, String reason) {
        this(file, line, fieldPath, reason, null);
    }

    /** As {@link #ConfigException(String, int, String, String)}, keeping the low-level cause. */
    public ConfigException(String file, int line, String fieldPath, String reason, Throwable cause) {
        super(format(file, line, fieldPath, reason), cause);
        this.file = file;
        this.line = Math.max(0, line);
        this.fieldPath = fieldPath == null ? "" : fieldPath;
        this.reason = reason;
    }

    private static String format(String file, int line, String fieldPath, String reason) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (fieldPath != null && !fieldPath.isEmpty()) {
            sb.append(fieldPath).append(": ");
        }
        sb.append(reason);
        // Messages go to a one-line status display and to logs that are grepped by line; a
        // library message (SnakeYAML's, an IOException's) may carry newlines of its own.
        return sb.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** The file or resource the profile came from, as given to the loader. */
    public String file() {
        return file;
    }

    /** The 1-based line of the offending key, or 0 when the problem has no line (a missing file). */
    public int line() {
        return line;
    }

    /** The dotted path of the offending field, e.g. {@code cam.springRateNPerMm}; empty when none. */
    public String fieldPath() {
        return fieldPath;
    }

    /** The reason alone, without file, line and path. */
    public String reason() {
        return reason;
    }
}
