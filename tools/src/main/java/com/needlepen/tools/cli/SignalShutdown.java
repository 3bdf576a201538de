package com.needlepen.tools.cli;

import com.needlepen.firmware.loop.SimulationRunner;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM or SIGINT during {@code simulate}: the JVM's shutdown hook asks the loop to shut the pen
 * down (stop, brake, park, close the session with reason "shutdown"), waits while the command
 * finishes its summary and delivers its telemetry, and then ends the process with the session's own
 * exit code rather than the signal's. If the command does not finish within the wait, the process
 * ends with exit 3 (the pen's layers outside the JVM stop the motor regardless).
 */
final class SignalShutdown {

    /** How long the hook waits for the pen to stop and the summary to be written. */
    static final long WAIT_SECONDS = 15;

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int exitCode = com.needlepen.tools.NeedlePenCli.FAULT;

    private SignalShutdown(SimulationRunner runner, PrintWriter out) {
        this.hook = new Thread(() -> {
            out.println();
            out.println("needlepen: shutting down: stopping the needles, parking, closing the session");
            out.flush();
            runner.requestShutdown();
            try {
                finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.flush();
            Runtime.getRuntime().halt(exitCode); // the session's exit code, not the signal's 143
        }, "needlepen-shutdown");
    }

    static SignalShutdown install(SimulationRunner runner, PrintWriter out) {
        SignalShutdown s = new SignalShutdown(runner, out);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** The command has written everything; the process may end with {@code code}. */
    void finished(int code) {
        exitCode = code;
        finished.countDown();
    }

    /** The command ended by itself: no hook needed any more (nothing if the JVM is already shutting down). */
    void uninstall() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it ends the process once finished is counted down
        }
    }
}
