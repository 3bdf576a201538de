package com.needlepen.tools.cli;

import com.needlepen.broker.EmbeddedBroker;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Brings {@code simulate}'s telemetry up on a thread of its own while the control loop already
 * ticks (booting and homing need no broker): the in-JVM broker on the port chosen for it (if
 * simulate runs its own), then the rig's monitor and publisher. A broker that cannot start is
 * reported in one line; the session goes on (the needles' safety never waits for telemetry) and its
 * summary counts what was not delivered.
 */
final class TelemetryUp implements AutoCloseable {

    private final Thread thread;
    private volatile TelemetryRig rig;
    private final PrintWriter out;
    private volatile EmbeddedBroker broker;
    private volatile String problem;
    private boolean reported;

    private TelemetryUp(int embeddedPort, PrintWriter out) {
        this.out = out;
        this.thread = new Thread(() -> {
            if (embeddedPort > 0) {
                try {
                    broker = EmbeddedBroker.start(embeddedPort);
                } catch (IOException | RuntimeException e) {
                    problem = "telemetry: " + e.getMessage() + "; the session goes on, its messages are not delivered";
                }
            }
            if (problem == null) {
                rig.connect();
            }
        }, "telemetry-up");
        thread.setDaemon(true);
    }

    /** Telemetry for a broker on {@code embeddedPort} (-1: simulate uses another broker); nothing starts yet. */
    static TelemetryUp begin(int embeddedPort, PrintWriter out) {
        return new TelemetryUp(embeddedPort, out);
    }

    /**
     * Hands over the rig whose publisher the firmware was assembled on, and starts bringing it up in
     * the background: the broker first (when simulate runs its own), then the monitor and the
     * publisher. Started only now, so the broker's start-up does not compete with the firmware's.
     */
    void connect(TelemetryRig built) {
        rig = built;
        thread.start();
    }

    /** Waits until the broker, monitor and publisher are up or have given up (each waits at most 3 s). */
    void await() {
        if (rig == null) {
            return; // never started: no rig was handed over
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (problem != null && !reported) {
            reported = true;
            out.println(problem);
            out.flush();
        }
    }

    /** Finishes the rig (if the session did not) and then stops the in-JVM broker. */
    @Override
    public void close() {
        await();
        if (rig != null) {
            rig.close();
        }
        EmbeddedBroker b = broker;
        if (b != null) {
            b.close();
        }
    }
}
