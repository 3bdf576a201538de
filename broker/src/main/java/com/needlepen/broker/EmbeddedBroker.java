package com.needlepen.broker;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.BindException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT broker inside this JVM (Moquette), for the simulator and for tests: loopback only, in
 * memory, anonymous, plain TCP, no websocket and no phoning home.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String HOST = LoopbackPorts.HOST;
    /** Moquette's default of 8 KB would drop a batch of samples with the connection. */
    private static final int MAX_MESSAGE_BYTES = 1 << 20;
    private static final int FREE_PORT_ATTEMPTS = 5;

    static {
        // Netty inside Moquette otherwise touches sun.misc.Unsafe, which JDK 24+ warns about on
        // stderr. It must be set before any Netty class loads; an explicit setting wins.
        if (System.getProperty("io.netty.noUnsafe") == null) {
            System.setProperty("io.netty.noUnsafe", "true");
        }
    }

    private final Server server;
    private final int port;
    private boolean closed;

    private EmbeddedBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a broker on a free loopback port.
     *
     * @throws IOException if the broker cannot start
     */
    public static EmbeddedBroker start() throws IOException {
        // Moquette can bind port 0, but it records the real port asynchronously, so getPort() may
        // still say 0 just after start. Probe a free port instead and retry if another process
        // takes it between the probe and the bind.
        BindException lastRace = null;
        for (int attempt = 0; attempt < FREE_PORT_ATTEMPTS; attempt++) {
            try {
                return start(freePort());
            } catch (BindException race) {
                lastRace = race;
            }
        }
        throw lastRace;
    }

    /**
     * Starts a broker on a given loopback port, e.g. to bring one back where clients expect it.
     *
     * @param port TCP port, 1..65535
     * @throws BindException if the port is taken
     * @throws IOException if the broker cannot start
     */
    public static EmbeddedBroker start(int port) throws IOException {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        Server server = new Server();
        try {
            server.startServer(config(port));
        } catch (RuntimeException e) {
            // Moquette has started its threads before it binds; without this they would leak.
            stopQuietly(server);
            String problem = "cannot start the embedded MQTT broker on " + HOST + ":" + port + ": " + e.getMessage();
            if (causedByBind(e)) {
                BindException taken = new BindException(problem);
                taken.initCause(e);
                throw taken;
            }
            throw new IOException(problem, e);
        }
        EmbeddedBroker broker = new EmbeddedBroker(server, port);
        LOG.info("Embedded MQTT broker listening on {}", broker.url());
        return broker;
    }

    /** The TCP port it listens on. */
    public int port() {
        return port;
    }

    /** Where clients connect: {@code tcp://127.0.0.1:PORT}. */
    public String url() {
        return urlFor(port);
    }

    /** The URL of a loopback broker on {@code port} (running or not). */
    public static String urlFor(int port) {
        return LoopbackPorts.urlFor(port);
    }

    /** Whether a client with this id is connected now. */
    public boolean hasClient(String clientId) {
        return server.listConnectedClients().stream().map(io.moquette.broker.ClientDescriptor::getClientID)
                .anyMatch(clientId::equals);
    }

    /** A loopback port nothing listens on at the moment (another process may take it before use). */
    public static int freeLoopbackPort() throws IOException {
        return freePort();
    }

    /** Stops the broker, drops its clients without a goodbye, and waits for its threads. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stopServer();
        }
    }

    private static IConfig config(int port) {
        Properties properties = new Properties();
        properties.setProperty(IConfig.HOST_PROPERTY_NAME, HOST);
        properties.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        properties.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        // Moquette persists to ./data by default.
        properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        properties.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
        return new MemoryConfig(properties);
    }

    private static int freePort() throws IOException {
        return LoopbackPorts.free();
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stopServer();
        } catch (RuntimeException e) {
            LOG.debug("Moquette did not stop cleanly after a failed start", e);
        }
    }
}
