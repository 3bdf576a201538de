package com.needlepen.firmware.mqtt;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server that misbehaves as a broker in one of a few ways, so tests can hold publishes in
 * flight, connects in progress, or connections that die at once.
 */
final class SilentBroker extends LoopbackServer {

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

    private final Mode mode;
    private final AtomicInteger connections = new AtomicInteger();

    SilentBroker(Mode mode) throws IOException {
        super("silent-broker");
        this.mode = mode;
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    @Override
    protected void accepted(Socket socket) throws IOException {
        connections.incrementAndGet();
        if (mode == Mode.HANG_UP) {
            socket.close();
            return;
        }
        sockets.add(socket);
        spawn(() -> serve(socket));
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
