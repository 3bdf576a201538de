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

/**
 * A TCP server that speaks just enough MQTT 5 to accept a connection, or not even that, and then
 * never answers again: no PUBACK, no SUBACK, no PINGRESP. Lets tests hold publishes in flight and
 * connects in progress for as long as they like.
 */
final class SilentBroker implements AutoCloseable {

    /** CONNACK: no session present, reason 0x00 success, no properties. */
    private static final byte[] CONNACK = {0x20, 0x03, 0x00, 0x00, 0x00};

    private final ServerSocket listener;
    private final boolean acceptConnect;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "silent-broker");
        thread.setDaemon(true);
        return thread;
    });

    /** @param acceptConnect whether to answer CONNECT with a CONNACK */
    SilentBroker(boolean acceptConnect) throws IOException {
        this.acceptConnect = acceptConnect;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    String url() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
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
            if (acceptConnect) {
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
