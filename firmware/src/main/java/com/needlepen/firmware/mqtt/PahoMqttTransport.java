package com.needlepen.firmware.mqtt;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place Paho (mqttv5 {@code MqttAsyncClient}, 1.2.5) is used.
 *
 * <p>Paho's automatic reconnect and offline buffer are off: they leak, and a clean start silently
 * drops whatever they held. Instead a single supervisor thread owns the link's life: it makes a
 * fresh client for every connection attempt, retries with capped exponential backoff, re-makes
 * subscriptions after each connect, and fails every publish still awaiting acknowledgement when a
 * connection ends, so the caller's outbox, not Paho, holds what is undelivered. It also cuts off
 * an attempt that gets no CONNACK within the connect timeout, which Paho never does. All Paho
 * threads run on a pool the transport owns ({@link TransportThreads}), and the sockets come from a
 * {@link GuardedSocketFactory}, so {@link #close()} can abort a connect and wait for every thread
 * to end.
 */
public final class PahoMqttTransport implements MqttTransport {

    private static final Logger LOG = LoggerFactory.getLogger(PahoMqttTransport.class);

    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);
    /** On close, how long in-flight publishes may still collect their acknowledgements. */
    private static final long QUIESCE_MILLIS = 250;
    private static final long DISCONNECT_TIMEOUT_MILLIS = 1_000;
    /**
     * Each connection runs receiver, sender and callback loops plus short connect, disconnect and
     * ping tasks, and a dead connection's loops may still be winding down while the next one
     * starts; Paho busy-waits for a loop to start, so the pool must never run out.
     */
    private static final int PAHO_THREADS = 12;
    /** MQTT 5 reason code 0x00 "normal disconnection": the broker discards the will. */
    private static final int NORMAL_DISCONNECTION = 0;
    private static final int FIRST_FAILURE_REASON = 0x80;

    private static final ConnectionListener NO_LISTENER = new ConnectionListener() {
        @Override
        public void connected() {
        }

        @Override
        public void disconnected(Throwable cause) {
        }
    };

    private final MqttSettings settings;
    private final String brokerHost;
    private final TransportThreads threads;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object lifecycleLock = new Object();
    private boolean started; // guarded by lifecycleLock
    private volatile boolean closed;
    private volatile ConnectionListener connectionListener = NO_LISTENER;
    /** The connection being attempted or up; null between attempts. Written on the supervisor only. */
    private volatile Connection current;
    /**
     * The connection the listener has been told of, set only once its {@code connected()} has
     * returned: Paho reports a link up before the listener has heard, and a caller that sees
     * {@link #isConnected()} must also see what the listener did (e.g. a birth message queued).
     * Written on the supervisor only.
     */
    private volatile Connection announced;

    // Supervisor thread only.
    private final Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY,
            () -> ThreadLocalRandom.current().nextDouble());
    private ScheduledFuture<?> nextAttempt;
    private boolean reportedDown;

    /** Creates a transport; no thread starts and nothing connects until {@link #start()}. */
    public PahoMqttTransport(MqttSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        brokerHost = settings.brokerAddress().host();
        threads = new TransportThreads("mqtt-" + settings.clientId(), PAHO_THREADS);
    }

    @Override
    public void start() {
        synchronized (lifecycleLock) {
            if (closed) {
                throw new IllegalStateException("MQTT transport " + settings.clientId() + " is closed");
            }
            if (started) {
                return;
            }
            started = true;
        }
        threads.onSupervisor(this::attempt);
    }

    @Override
    public boolean isConnected() {
        Connection connection = announced;
        return connection != null && connection.client.isConnected();
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
        MqttTopicValidator.validate(Objects.requireNonNull(topic, "topic"), false, false);
        Objects.requireNonNull(payload, "payload");
        checkQos(qos);
        Connection connection = current;
        if (connection == null || !connection.client.isConnected()) {
            return CompletableFuture.failedFuture(
                    new MqttTransportException("not connected to " + settings.brokerUrl()));
        }
        if (inFlight.incrementAndGet() > settings.maxInFlight()) {
            inFlight.decrementAndGet();
            return CompletableFuture.failedFuture(new MqttTransportException(
                    "too many publishes awaiting acknowledgement (limit " + settings.maxInFlight() + ")"));
        }
        CompletableFuture<Void> delivery = new CompletableFuture<>();
        delivery.whenComplete((ignored, error) -> inFlight.decrementAndGet());
        connection.publish(topic, payload, qos, retained, delivery);
        // A copy, so a caller cancelling its future cannot make the in-flight count lie.
        return delivery.copy();
    }

    @Override
    public CompletableFuture<Void> subscribe(String topicFilter, int qos, MessageListener listener) {
        MqttTopicValidator.validate(Objects.requireNonNull(topicFilter, "topicFilter"), true, true);
        checkQos(qos);
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("MQTT transport " + settings.clientId() + " is closed");
        }
        Subscription subscription = new Subscription(topicFilter, qos, listener, new CompletableFuture<>());
        subscriptions.add(subscription);
        if (closed) {
            // close() may have failed the grants before this one was added
            subscription.granted.completeExceptionally(new MqttTransportException("MQTT transport closed"));
        }
        threads.onSupervisor(() -> {
            Connection connection = current;
            if (connection != null && connection.client.isConnected()) {
                connection.subscribe(subscription);
            }
        });
        return subscription.granted.copy();
    }

    @Override
    public void setConnectionListener(ConnectionListener listener) {
        synchronized (lifecycleLock) {
            if (started) {
                throw new IllegalStateException("set the connection listener before start()");
            }
            connectionListener = Objects.requireNonNull(listener, "listener");
        }
    }

    @Override
    public void close() {
        if (threads.isCurrentThreadOwn()) {
            throw new IllegalStateException("close() called from the MQTT transport's own thread "
                    + Thread.currentThread().getName() + "; it would wait for itself");
        }
        synchronized (lifecycleLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        threads.onSupervisor(this::shutDownConnection);
        threads.shutdown();
        MqttTransportException closedError = new MqttTransportException("MQTT transport closed");
        for (Subscription subscription : subscriptions) {
            subscription.granted.completeExceptionally(closedError);
        }
    }

    // ---- supervisor thread ------------------------------------------------------------------

    private void attempt() {
        nextAttempt = null;
        if (closed) {
            return;
        }
        Connection connection;
        try {
            connection = new Connection();
        } catch (MqttException | RuntimeException e) {
            // The settings were checked, so this is unexpected; retrying keeps the loop alive regardless.
            failed(null, e);
            return;
        }
        current = connection;
        connection.connect();
        threads.onSupervisorAfter(() -> connectDeadline(connection), settings.connectTimeout().toMillis());
    }

    /** Paho waits for a CONNACK forever; a broker that accepts TCP but never answers gets cut off. */
    private void connectDeadline(Connection connection) {
        if (connection == current && !connection.client.isConnected()) {
            LOG.debug("MQTT connect to {} timed out; aborting it", settings.brokerUrl());
            connection.abort();
        }
    }

    private void connected(Connection connection) {
        if (closed || connection != current) {
            return;
        }
        backoff.reset();
        reportedDown = false;
        LOG.info("MQTT connected to {} as {}", settings.brokerUrl(), settings.clientId());
        for (Subscription subscription : subscriptions) {
            connection.subscribe(subscription);
        }
        try {
            connectionListener.connected();
        } catch (RuntimeException e) {
            LOG.warn("MQTT connection listener failed on connect", e);
        }
        // Only now, so that the listener's effects happen-before any isConnected() that returns true.
        announced = connection;
    }

    /** A connect attempt failed (connection is null if Paho refused to even make a client). */
    private void failed(Connection connection, Throwable cause) {
        if (connection != null) {
            if (connection != current) {
                return;
            }
            retire(connection, new MqttTransportException("connect to " + settings.brokerUrl() + " failed", cause));
        }
        if (closed) {
            return;
        }
        if (!reportedDown) {
            reportedDown = true;
            LOG.warn("MQTT broker {} unreachable ({}); retrying at most {} s apart, further failures at DEBUG",
                    settings.brokerUrl(), describe(cause), MAX_RETRY.toSeconds());
        } else {
            LOG.debug("MQTT broker {} still unreachable ({})", settings.brokerUrl(), describe(cause));
        }
        scheduleAttempt();
    }

    private void lost(Connection connection, Throwable cause) {
        if (closed || connection != current) {
            return;
        }
        retire(connection, new MqttTransportException("connection to " + settings.brokerUrl() + " lost", cause));
        reportedDown = true;
        LOG.warn("MQTT connection to {} lost ({}); reconnecting", settings.brokerUrl(), describe(cause));
        try {
            connectionListener.disconnected(cause);
        } catch (RuntimeException e) {
            LOG.warn("MQTT connection listener failed on disconnect", e);
        }
        scheduleAttempt();
    }

    private void scheduleAttempt() {
        nextAttempt = threads.onSupervisorAfter(this::attempt, backoff.nextDelayMillis());
    }

    private void retire(Connection connection, MqttTransportException cause) {
        announced = null;
        current = null;
        connection.failPending(cause);
        connection.closeClient();
    }

    private void shutDownConnection() {
        if (nextAttempt != null) {
            nextAttempt.cancel(false);
            nextAttempt = null;
        }
        Connection connection = current;
        announced = null;
        current = null;
        if (connection != null) {
            connection.failPending(new MqttTransportException("MQTT transport closed"));
            connection.disconnect();
            connection.closeClient();
            LOG.info("MQTT disconnected from {}", settings.brokerUrl());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static void checkQos(int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos " + qos + " is outside 0..2");
        }
    }

    /**
     * Why a connection failed or ended, in one line for people: the messages along the cause chain,
     * e.g. "Unable to connect to server: Connection refused". Paho wraps what it does not recognise
     * in "Untranslated MqttException - RC: 0", whose text says nothing and is left out; a host name
     * that does not resolve would then read just "nosuchhost", so that case is said plainly.
     */
    static String describe(Throwable cause, String brokerHost) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "broker host '" + brokerHost + "' is unknown: the name does not resolve";
            }
            if (t instanceof MqttException wrapper && t.getCause() != null
                    && wrapper.getReasonCode() == MqttException.REASON_CODE_CLIENT_EXCEPTION) {
                continue;
            }
            String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (text.indexOf(message) < 0) {
                text.append(text.isEmpty() ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }

    private String describe(Throwable cause) {
        return describe(cause, brokerHost);
    }

    private static boolean refused(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        return codes != null && codes.length > 0 && codes[0] >= FIRST_FAILURE_REASON;
    }

    /** Completes the publish future carried as the token's user context. */
    private static final MqttActionListener DELIVERY = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            CompletableFuture<Void> delivery = deliveryOf(token);
            if (refused(token)) {
                delivery.completeExceptionally(new MqttTransportException(
                        "broker refused the publish, reason code 0x" + Integer.toHexString(token.getReasonCodes()[0])));
            } else {
                delivery.complete(null);
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
            deliveryOf(token).completeExceptionally(new MqttTransportException("publish failed", cause));
        }

        @SuppressWarnings("unchecked")
        private CompletableFuture<Void> deliveryOf(IMqttToken token) {
            return (CompletableFuture<Void>) token.getUserContext();
        }
    };

    /** Completes the subscription's first grant, carried as the token's user context. */
    private static final MqttActionListener GRANT = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            Subscription subscription = (Subscription) token.getUserContext();
            if (refused(token)) {
                LOG.warn("MQTT broker refused subscription {}, reason code 0x{}", subscription.filter,
                        Integer.toHexString(token.getReasonCodes()[0]));
                subscription.granted.completeExceptionally(new MqttTransportException("broker refused subscription "
                        + subscription.filter + ", reason code 0x" + Integer.toHexString(token.getReasonCodes()[0])));
            } else {
                subscription.granted.complete(null);
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
            // Not final: the subscription is tried again on the next connect.
            LOG.debug("MQTT subscribe to {} failed", ((Subscription) token.getUserContext()).filter, cause);
        }
    };

    private record Subscription(String filter, int qos, MessageListener listener, CompletableFuture<Void> granted) {
    }

    /** One client, one connection attempt, and what was sent over it. */
    private final class Connection implements MqttCallback {

        final MqttAsyncClient client;
        private final GuardedSocketFactory sockets;
        private final Set<CompletableFuture<Void>> pending = ConcurrentHashMap.newKeySet();
        private boolean dead; // guarded by this
        private MqttTransportException deathCause; // guarded by this
        private IMqttToken connectToken; // supervisor only
        private final Set<Subscription> made = new HashSet<>(); // supervisor only

        Connection() throws MqttException {
            client = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence(), null,
                    threads.pool());
            client.setCallback(this);
            sockets = new GuardedSocketFactory(settings.connectTimeout().toMillis());
        }

        void connect() {
            try {
                connectToken = client.connect(options(), null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        threads.onSupervisor(() -> connected(Connection.this));
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable cause) {
                        threads.onSupervisor(() -> failed(Connection.this, cause));
                    }
                });
            } catch (MqttException e) {
                failed(this, e);
            }
        }

        private MqttConnectionOptions options() {
            MqttConnectionOptions options = new MqttConnectionOptions();
            // The caller's outbox owns undelivered messages, so neither broker nor Paho keeps a session.
            options.setCleanStart(true);
            options.setSessionExpiryInterval(0L);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout((int) settings.connectTimeout().toSeconds());
            options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
            options.setReceiveMaximum(settings.maxInFlight());
            MqttSettings.Will will = settings.will();
            if (will != null) {
                MqttMessage message = new MqttMessage(will.payload(), will.qos(), will.retained(), null);
                options.setWill(will.topic(), message);
            }
            options.setSocketFactory(sockets);
            return options;
        }

        void publish(String topic, byte[] payload, int qos, boolean retained, CompletableFuture<Void> delivery) {
            synchronized (this) {
                // Checked and added under the lock that failPending takes, so no publish slips past it.
                if (dead) {
                    delivery.completeExceptionally(deathCause);
                    return;
                }
                pending.add(delivery);
            }
            delivery.whenComplete((ignored, error) -> pending.remove(delivery));
            try {
                client.publish(topic, payload, qos, retained, delivery, DELIVERY);
            } catch (MqttException e) {
                // e.g. Paho's own in-flight limit (the broker's receive maximum) or a connection just lost
                delivery.completeExceptionally(new MqttTransportException("publish to " + topic + " refused", e));
            }
        }

        void subscribe(Subscription subscription) {
            if (!made.add(subscription)) {
                return;
            }
            try {
                client.subscribe(new MqttSubscription[] {new MqttSubscription(subscription.filter, subscription.qos)},
                        subscription, GRANT, new MqttProperties());
            } catch (MqttException e) {
                LOG.debug("MQTT subscribe to {} not sent", subscription.filter, e);
            }
        }

        /** Fails whatever is awaiting acknowledgement: Paho would resend it only on this client. */
        void failPending(MqttTransportException cause) {
            synchronized (this) {
                dead = true;
                deathCause = cause;
            }
            for (CompletableFuture<Void> delivery : pending) {
                delivery.completeExceptionally(cause);
            }
        }

        /** Cuts the socket; Paho then fails the connect token, which reports the attempt as failed. */
        void abort() {
            sockets.closeAll();
        }

        /** Says goodbye so the broker drops the will; if not connected, aborts the attempt instead. */
        void disconnect() {
            if (client.isConnected()) {
                try {
                    client.disconnect(QUIESCE_MILLIS, null, null, NORMAL_DISCONNECTION, new MqttProperties())
                            .waitForCompletion(QUIESCE_MILLIS + DISCONNECT_TIMEOUT_MILLIS);
                    return;
                } catch (MqttException e) {
                    LOG.debug("MQTT clean disconnect from {} failed; dropping the connection", settings.brokerUrl(), e);
                }
                try {
                    client.disconnectForcibly(0, 0, false);
                } catch (MqttException e) {
                    LOG.debug("MQTT forced disconnect failed", e);
                }
            } else if (connectToken != null) {
                sockets.closeAll();
                try {
                    connectToken.waitForCompletion(settings.connectTimeout().toMillis() + DISCONNECT_TIMEOUT_MILLIS);
                } catch (MqttException expected) {
                    // the attempt failed, as intended
                }
            }
        }

        void closeClient() {
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.debug("MQTT client close: {}", e.getMessage());
            }
        }

        // ---- MqttCallback, on Paho's threads ----

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            Throwable cause = response.getException() != null ? response.getException()
                    : new MqttTransportException("broker disconnected: reason code 0x"
                            + Integer.toHexString(response.getReturnCode())
                            + (response.getReasonString() != null ? " " + response.getReasonString() : ""));
            threads.onSupervisor(() -> lost(this, cause));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT protocol error from {}: {}", settings.brokerUrl(), exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            for (Subscription subscription : subscriptions) {
                if (MqttTopicValidator.isMatched(subscription.filter, topic)) {
                    try {
                        subscription.listener.onMessage(topic, message.getPayload(), message.isRetained());
                    } catch (RuntimeException e) {
                        LOG.warn("MQTT listener for {} failed on a message to {}", subscription.filter, topic, e);
                    }
                }
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // each publish's own listener reports it
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // the connect token's listener reports it
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
