package com.needlepen.tools.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;

/**
 * For {@code needlepen bench}'s footprint run: with {@code -Dneedlepen.bench.firstTick=true},
 * {@code simulate} prints one machine-readable line after its first control tick,
 * {@code first-tick-ms=<ms since the JVM started> at-epoch-ms=<the wall clock then>}. Without the
 * property it prints nothing and costs one branch a tick.
 */
public final class FirstTickProbe {

    public static final String PROPERTY = "needlepen.bench.firstTick";
    static final String PREFIX = "first-tick-ms=";

    private boolean pending;

    private FirstTickProbe(boolean enabled) {
        this.pending = enabled;
    }

    public static FirstTickProbe fromSystemProperty() {
        return new FirstTickProbe(Boolean.getBoolean(PROPERTY));
    }

    /** Called after every tick; prints the line once. */
    public void afterTick(PrintWriter out) {
        if (!pending) {
            return;
        }
        pending = false;
        long now = System.currentTimeMillis();
        out.printf("%s%d at-epoch-ms=%d%n", PREFIX, now - ManagementFactory.getRuntimeMXBean().getStartTime(), now);
        out.flush();
    }
}
