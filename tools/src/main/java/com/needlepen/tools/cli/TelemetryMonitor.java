package com.needlepen.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.needlepen.firmware.mqtt.MqttSettings;
import com.needlepen.firmware.mqtt.MqttTransport;
import com.needlepen.firmware.mqtt.PahoMqttTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Subscribes to the pen's own telemetry, as a clinic's dashboard would, and keeps what arrives so
 * the simulator can show that what it published was received.
 */
public final class TelemetryMonitor implements AutoCloseable {

    private final MqttTransport transport;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<JsonNode> received = new ArrayList<>();
    private int unreadable;

    public TelemetryMonitor(String brokerUrl, String clientId) {
        this.transport = new PahoMqttTransport(MqttSettings.of(brokerUrl, clientId));
    }

    /** Connects and subscribes to {@code deviceTopic/#}; returns whether the subscription was granted in time. */
    public boolean start(String deviceTopic, long timeoutMs) {
        transport.start();
        try {
            transport.subscribe(deviceTopic + "/#", 1, this::onMessage).get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private synchronized void onMessage(String topic, byte[] payload, boolean retained) {
        if (retained) {
            return; // a stored value from before we subscribed, not something published now
        }
        try {
            JsonNode node = mapper.readTree(payload);
            ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("_topic", topic);
            received.add(node);
        } catch (IOException | ClassCastException e) {
            unreadable++;
        }
    }

    /** Waits until at least {@code count} messages arrived or {@code timeoutMs} passed. */
    public boolean awaitCount(long count, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (count() >= count) {
                return true;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return count() >= count;
    }

    public synchronized int count() {
        return received.size();
    }

    public synchronized List<JsonNode> messages() {
        return List.copyOf(received);
    }

    public synchronized int unreadable() {
        return unreadable;
    }

    @Override
    public void close() {
        transport.close();
    }
}
