package com.needlepen.firmware.mqtt;

import java.util.concurrent.CompletableFuture;

/**
 * A connection to one MQTT broker as the rest of the firmware sees it: publish, subscribe, and
 * learn when the link comes and goes. It never blocks its caller and never buffers: a message that
 * cannot be delivered now completes its future exceptionally and stays with the caller (the
 * telemetry outbox), which retries it in order. It reconnects by itself after {@link #start()}
 * until {@link #close()}.
 */
public interface MqttTransport extends AutoCloseable {

    /**
     * Begins connecting in the background and returns at once. An unreachable broker is not an
     * error: the transport keeps retrying with capped exponential backoff. Calling it again does
     * nothing.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    void start();

    /**
     * Whether the link to the broker is up at this moment and the {@link ConnectionListener} has
     * been told so: it turns true only after the listener's {@code connected()} has returned, so a
     * caller that sees true also sees what the listener did.
     */
    boolean isConnected();

    /**
     * Hands one message to the broker without waiting.
     *
     * <p>The future completes normally once delivery is done as far as the QoS promises (QoS 0:
     * written to the socket; QoS 1: acknowledged by the broker; QoS 2: the exchange completed) and
     * exceptionally with an {@link MqttTransportException} when the transport is not connected, too
     * many publishes are awaiting acknowledgement, the broker refuses the message or the connection
     * drops first. A message whose future failed may still have reached the broker (its
     * acknowledgement was lost with the connection), so a retry can duplicate it: delivery is at
     * least once. The future may complete on a transport thread, so what runs on its completion
     * must not block. The payload array is not copied and must not change afterwards.
     *
     * @param topic    topic name, without wildcards
     * @param payload  message body
     * @param qos      0, 1 or 2
     * @param retained whether the broker keeps it as the topic's last known value
     * @return completes when delivered, exceptionally when not
     * @throws IllegalArgumentException for a topic with wildcards or a QoS outside 0..2
     */
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained);

    /**
     * Subscribes now if connected and again after every reconnect. Retained messages on matching
     * topics are therefore delivered again after each reconnect; overlapping filters may deliver a
     * message to a listener more than once.
     *
     * @param topicFilter topic filter, wildcards allowed
     * @param qos         maximum QoS wanted, 0..2
     * @param listener    called on the transport's receiving thread, in arrival order; it must
     *                    return quickly
     * @return completes once the broker has granted the subscription for the first time,
     *     exceptionally if it refuses or the transport closes first
     * @throws IllegalArgumentException for a malformed filter or a QoS outside 0..2
     * @throws IllegalStateException after {@link #close()}
     */
    CompletableFuture<Void> subscribe(String topicFilter, int qos, MessageListener listener);

    /**
     * Sets who hears about the link coming up and going down, for example to publish a birth
     * message on every connect. Must be set before {@link #start()} so that no connect is missed.
     *
     * @throws IllegalStateException once started
     */
    void setConnectionListener(ConnectionListener listener);

    /**
     * Disconnects cleanly (the broker discards the last will), fails what is still awaiting
     * acknowledgement, and stops every thread the transport started before returning. Calling it
     * again does nothing. It must not be called from a listener or a future's completion, which
     * run on the threads it waits for.
     */
    @Override
    void close();

    /** Receives messages on a subscribed topic filter. */
    @FunctionalInterface
    interface MessageListener {

        /**
         * One message.
         *
         * @param topic    the topic it was published to
         * @param payload  its body; the listener may keep it
         * @param retained whether the broker delivered it as a topic's stored value (on subscribe)
         *                 rather than as a live publication
         */
        void onMessage(String topic, byte[] payload, boolean retained);
    }

    /** Hears the link change state; called on the transport's supervisor thread, one at a time. */
    interface ConnectionListener {

        /**
         * The link is up and subscriptions are being re-made; publishing now works, while
         * {@link MqttTransport#isConnected()} turns true only once this returns.
         */
        void connected();

        /**
         * An established link was lost; the transport is already retrying.
         *
         * @param cause what the client saw, for logs
         */
        void disconnected(Throwable cause);
    }
}
