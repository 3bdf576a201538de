package com.needlepen.firmware.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * Plain sockets that can all be closed from outside. Paho cannot abort a connect in progress (its
 * stop shuts the input of an unconnected socket, which throws before the close), so without this a
 * close during a connect to a silent host would wait out the whole connect timeout.
 */
final class TrackingSocketFactory extends SocketFactory {

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    @Override
    public Socket createSocket() throws IOException {
        return track(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return track(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return track(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return track(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return track(new Socket(address, port, localAddress, localPort));
    }

    /** Closes every socket handed out, and any handed out from now on. */
    void closeAll() {
        closed = true;
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private Socket track(Socket socket) {
        sockets.add(socket);
        // closeAll may have run between the check and the add; re-checking after the add closes both gaps
        if (closed) {
            closeQuietly(socket);
        }
        return socket;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already broken, which is all we wanted
        }
    }
}
