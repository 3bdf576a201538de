package com.needlepen.firmware.mqtt;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server that misbehaves as a broker in one of a few ways, so tests can hold publishes in
 * flight, connects in progress, or connections that die at once.
 */
final class SilentBroker implements AutoCloseable {

    /** What it does with each connection. */
    enum Mode {
        /** Answers CONNECT, then never again: no PUBACK, no SUBACK, no PINGRESP. */
        ACCEPT_THEN_SILENT,
        /** Reads CONNECT and never answers it. */
        IGNORE_CONNECT,
        /** Closes every connection as soon as it is accepted. */
        HANG_UP
    }

    /** CONNACK: no session present, reason 0x00 success, no properties. */
    private static final byte[] CONNACK = {0x20, 0x03, 0x00, 0x00, 0x00};

    private final ServerSocket listener;
    private final Mode mode;
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "silent-broker");
        thread.setDaemon(true);
        return thread;
    });

    SilentBroker(Mode mode) throws IOException {
        this.mode = mode;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    String url() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                if (mode == Mode.HANG_UP) {
                    socket.close();
                    continue;
                }
                sockets.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            skipPacket(new DataInputStream(in)); // CONNECT
            if (mode == Mode.ACCEPT_THEN_SILENT) {
                socket.getOutputStream().write(CONNACK);
                socket.getOutputStream().flush();
            }
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // client gone or broker closed
        }
    }

    private static void skipPacket(DataInputStream in) throws IOException {
        in.readUnsignedByte(); // fixed header
        int length = 0;
        for (int shift = 0, digit; ; shift += 7) { // variable byte integer
            digit = in.readUnsignedByte();
            length |= (digit & 0x7f) << shift;
            if ((digit & 0x80) == 0) {
                break;
            }
        }
        in.readFully(new byte[length]);
    }
}
