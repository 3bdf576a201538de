package com.needlepen.firmware.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * Forwards TCP connections to a target port and can cut them all at once, as a failing network
 * would: neither end gets to say goodbye. New connections keep being accepted.
 */
final class TcpProxy extends LoopbackServer {

    private final int targetPort;

    TcpProxy(int targetPort) throws IOException {
        super("tcp-proxy");
        this.targetPort = targetPort;
    }

    /**
     * Closes every forwarded connection on both sides. Each peer sees its socket end without an
     * MQTT DISCONNECT, which is what matters here; a FIN rather than a reset keeps the broker's log
     * free of stack traces.
     */
    void cutAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    @Override
    protected void accepted(Socket downstream) throws IOException {
        sockets.add(downstream);
        Socket upstream;
        try {
            upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        } catch (IOException refused) {
            closeQuietly(downstream);
            sockets.remove(downstream);
            throw refused;
        }
        sockets.add(upstream);
        spawn(() -> pump(downstream, upstream));
        spawn(() -> pump(upstream, downstream));
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // cut or closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }
}
