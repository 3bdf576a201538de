package com.needlepen.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Loopback ports and broker URLs, without loading the broker (or the logging it starts): a caller
 * can choose where its broker will listen, hand the URL out, and start the broker on another thread.
 */
public final class LoopbackPorts {

    /** The only address the embedded broker listens on. */
    public static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** A loopback port nothing listens on at the moment (another process may take it before use). */
    public static int free() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return probe.getLocalPort();
        }
    }

    /** Where clients connect to a broker on {@code port}: {@code tcp://127.0.0.1:PORT}. */
    public static String urlFor(int port) {
        return "tcp://" + HOST + ":" + port;
    }
}
