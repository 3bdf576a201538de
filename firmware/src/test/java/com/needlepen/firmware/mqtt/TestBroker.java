package com.needlepen.firmware.mqtt;

import io.moquette.BrokerConstants;
import io.moquette.broker.ClientDescriptor;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * A Moquette broker in the test's JVM: loopback, in memory, anonymous. A trimmed copy of the tools
 * module's {@code EmbeddedBroker}, which firmware cannot depend on.
 */
final class TestBroker implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Server server = new Server();
    private final int port;

    private TestBroker(int port) throws IOException {
        this.port = port;
        Properties properties = new Properties();
        properties.setProperty(IConfig.HOST_PROPERTY_NAME, HOST);
        properties.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        properties.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        try {
            server.startServer(new MemoryConfig(properties));
        } catch (RuntimeException e) {
            server.stopServer();
            throw new IOException("cannot start a test broker on port " + port, e);
        }
    }

    /** A broker on a free port. */
    static TestBroker start() throws IOException {
        return new TestBroker(freePort());
    }

    /** A broker on a given port, e.g. one a client has been trying to reach. */
    static TestBroker startOn(int port) throws IOException {
        return new TestBroker(port);
    }

    /** A port nothing listens on at the moment (a race with other processes is possible but rare). */
    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String urlFor(int port) {
        return "tcp://" + HOST + ":" + port;
    }

    int port() {
        return port;
    }

    String url() {
        return urlFor(port);
    }

    /** Whether the broker has a live connection from this client id. */
    boolean hasClient(String clientId) {
        return server.listConnectedClients().stream().map(ClientDescriptor::getClientID).anyMatch(clientId::equals);
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
