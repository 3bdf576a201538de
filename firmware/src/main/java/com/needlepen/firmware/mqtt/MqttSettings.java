package com.needlepen.firmware.mqtt;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the broker.
 *
 * @param brokerUrl      {@code tcp://host:port}, port 1..65535 (1883 if left out), nothing after the
 *                       port ({@link BrokerAddress}); TLS is not supported yet (the transport's
 *                       socket guards against Paho defects cover plain TCP only)
 * @param clientId       this pen's MQTT client id; unique per broker, or the broker drops the older
 *                       connection
 * @param connectTimeout how long one connection attempt may take, from opening the socket to the
 *                       broker's CONNACK; whole seconds, at least 1 s
 * @param keepAlive      MQTT keep-alive; a broker takes a silent pen for dead after 1.5 times this
 *                       and publishes its will; whole seconds, at least 1 s
 * @param maxInFlight    publishes allowed to await acknowledgement at once; beyond it
 *                       {@code publish} fails at once instead of queueing
 * @param will           published by the broker if the connection dies without a clean close;
 *                       {@code null} for none
 */
public record MqttSettings(String brokerUrl, String clientId, Duration connectTimeout,
                           Duration keepAlive, int maxInFlight, Will will) {

    /** Enough for a burst of outbox replay, far below what MQTT packet ids (65,535) allow. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1000;

    /** Checks every field; the message names the field and what is allowed. */
    public MqttSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(keepAlive, "keepAlive");
        BrokerAddress.parse(brokerUrl);
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId is blank; a broker needs it to own the will");
        }
        checkWholeSeconds("connectTimeout", connectTimeout);
        checkWholeSeconds("keepAlive", keepAlive);
        if (maxInFlight < 1 || maxInFlight > 65_535) {
            throw new IllegalArgumentException("maxInFlight " + maxInFlight + " is outside 1..65535");
        }
    }

    /**
     * Settings with a 10 s connect timeout, a 30 s keep-alive, {@value #DEFAULT_MAX_IN_FLIGHT}
     * publishes in flight and no will.
     */
    public static MqttSettings of(String brokerUrl, String clientId) {
        return new MqttSettings(brokerUrl, clientId, Duration.ofSeconds(10), Duration.ofSeconds(30),
                DEFAULT_MAX_IN_FLIGHT, null);
    }

    /** The broker's host and port, read from {@link #brokerUrl()} (which was checked on construction). */
    public BrokerAddress brokerAddress() {
        return BrokerAddress.parse(brokerUrl);
    }

    /** These settings with {@code will} as the last will ({@code null} for none). */
    public MqttSettings withWill(Will will) {
        return new MqttSettings(brokerUrl, clientId, connectTimeout, keepAlive, maxInFlight, will);
    }

    /**
     * The message a broker publishes for the pen when its connection dies without a clean close.
     *
     * @param topic    topic name, without wildcards
     * @param payload  message body (copied)
     * @param qos      0..2
     * @param retained whether the broker keeps it as the topic's value, usually so for a status
     */
    public record Will(String topic, byte[] payload, int qos, boolean retained) {

        /** Checks and copies. */
        public Will {
            Objects.requireNonNull(topic, "will topic");
            if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
                throw new IllegalArgumentException("will topic '" + topic + "' must be non-empty, without wildcards");
            }
            if (qos < 0 || qos > 2) {
                throw new IllegalArgumentException("will qos " + qos + " is outside 0..2");
            }
            payload = Objects.requireNonNull(payload, "will payload").clone();
        }

        /** A copy of the body. */
        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }

    private static void checkWholeSeconds(String name, Duration value) {
        if (value.toMillis() < 1000 || value.toMillis() % 1000 != 0 || value.toSeconds() > 65_535) {
            throw new IllegalArgumentException(name + " " + value + " must be whole seconds in 1..65535"
                    + " (MQTT and Paho count in seconds)");
        }
    }
}
