package com.needlepen.firmware.mqtt;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets for Paho 1.2.5 that work around two of its defects, one factory per connection.
 *
 * <p>Paho cannot abort a connect in progress: its stop shuts the input of a socket that may not be
 * connected yet, which throws before the close, and it never times out a missing CONNACK
 * (eclipse-paho/paho.mqtt.java#856). {@link #closeAll()} closes the sockets from outside instead.
 *
 * <p>While connecting, Paho starts its receiver, sender and callback loops one after the other and
 * waits for each to report running in 100 ms sleeps that ignore interrupts. If the connection dies
 * in that window, a loop stops before it is seen running and the connecting thread spins forever
 * (#953, #999). Paho writes CONNECT only after all three have started, so a socket here holds a
 * read failure back until something has been written to it (or the hold times out): a dying
 * connection is then reported only after the connecting thread has left those waits. Paho's
 * receiver asks {@code available()} before every read, and on a socket closed under it (by
 * {@link #closeAll()}) that fails at once, so it is held back the same way.
 */
final class GuardedSocketFactory extends SocketFactory {

    private final long holdMillis;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param holdMillis longest a read failure is held back waiting for the first write */
    GuardedSocketFactory(long holdMillis) {
        this.holdMillis = holdMillis;
    }

    @Override
    public Socket createSocket() throws IOException {
        GuardedSocket socket = new GuardedSocket(holdMillis);
        sockets.add(socket);
        // closeAll may have run just before the add; checking after it closes that gap
        if (closed) {
            socket.close();
        }
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    /** Closes every socket handed out, and any handed out from now on. */
    void closeAll() {
        closed = true;
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken, which is all we wanted
            }
        }
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(remote);
        return socket;
    }

    private static final class GuardedSocket extends Socket {

        private final long holdMillis;
        private final CountDownLatch written = new CountDownLatch(1);
        private InputStream input;
        private OutputStream output;

        GuardedSocket(long holdMillis) {
            this.holdMillis = holdMillis;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int available() throws IOException {
                        try {
                            return super.available();
                        } catch (IOException failure) {
                            awaitFirstWrite();
                            throw failure;
                        }
                    }

                    @Override
                    public int read() throws IOException {
                        try {
                            return heldIfEnd(super.read());
                        } catch (SocketTimeoutException quiet) {
                            throw quiet; // not a failure: Paho polls with a read timeout
                        } catch (IOException failure) {
                            awaitFirstWrite();
                            throw failure;
                        }
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        try {
                            return heldIfEnd(super.read(buffer, offset, length));
                        } catch (SocketTimeoutException quiet) {
                            throw quiet;
                        } catch (IOException failure) {
                            awaitFirstWrite();
                            throw failure;
                        }
                    }
                };
            }
            return input;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (output == null) {
                output = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        try {
                            out.write(b);
                        } finally {
                            written.countDown();
                        }
                    }

                    @Override
                    public void write(byte[] buffer, int offset, int length) throws IOException {
                        try {
                            out.write(buffer, offset, length);
                        } finally {
                            written.countDown();
                        }
                    }
                };
            }
            return output;
        }

        private int heldIfEnd(int result) {
            if (result < 0) {
                awaitFirstWrite();
            }
            return result;
        }

        private void awaitFirstWrite() {
            try {
                written.await(holdMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
