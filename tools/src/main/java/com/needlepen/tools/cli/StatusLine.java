package com.needlepen.tools.cli;

import com.needlepen.firmware.PenController;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The live status line: state, depth, set and measured rate, strokes, elapsed time. On a terminal
 * it rewrites one line; otherwise it prints a line every few (simulated) seconds.
 */
final class StatusLine {

    private final PrintWriter out;
    private final PenController controller;
    private final boolean terminal;
    private final long periodNanos;
    private long next;
    private boolean wroteInPlace;

    StatusLine(PrintWriter out, PenController controller, boolean fast, boolean terminal) {
        this.out = out;
        this.controller = controller;
        this.terminal = terminal && !fast;
        this.periodNanos = this.terminal ? 200_000_000L : fast ? 10_000_000_000L : 1_000_000_000L;
    }

    void update(long nowNanos) {
        if (nowNanos < next) {
            return;
        }
        next = nowNanos + periodNanos;
        print(nowNanos);
    }

    private void print(long nowNanos) {
        String line = String.format(Locale.ROOT, "[%7.1f s] %-8s depth %.2f mm  rate %5.1f Hz set, %6.1f Hz measured  strokes %7d",
                nowNanos / 1e9, controller.status().state(), controller.status().depthMm(), controller.status().rateHz(),
                moving(controller.status().state()) ? controller.status().measuredRateHz() : 0.0, controller.status().strokes());
        if (terminal) {
            out.print("\r" + line);
            wroteInPlace = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static boolean moving(com.needlepen.firmware.state.PenState state) {
        return state == com.needlepen.firmware.state.PenState.RUNNING || state == com.needlepen.firmware.state.PenState.STOPPING;
    }

    /** Shows the final state, then ends the line. */
    void finish(long nowNanos) {
        print(nowNanos);
        if (wroteInPlace) {
            out.println();
            out.flush();
        }
    }
}
