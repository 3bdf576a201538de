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
    private final java.util.BitSet seqs = new java.util.BitSet();
    private final java.util.concurrent.atomic.AtomicInteger connects = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean granted;
    private int unreadable;

    public TelemetryMonitor(String brokerUrl, String clientId) {
        this.transport = new PahoMqttTransport(MqttSettings.of(brokerUrl, clientId));
        transport.setConnectionListener(new MqttTransport.ConnectionListener() {
            @Override
            public void connected() {
                connects.incrementAndGet();
            }

            @Override
            public void disconnected(Throwable cause) {
                // counted on the way back up; a subscriber away misses what is published meanwhile
            }
        });
    }

    /** Connects and subscribes to {@code deviceTopic/#}; returns whether the subscription was granted in time. */
    public boolean start(String deviceTopic, long timeoutMs) {
        transport.start();
        var grant = transport.subscribe(deviceTopic + "/#", 1, this::onMessage);
        grant.thenRun(() -> granted = true); // a broker that comes up later still grants it
        try {
            grant.get(timeoutMs, TimeUnit.MILLISECONDS);
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
            if (node.path("seq").canConvertToInt() && node.path("seq").asInt() > 0) {
                seqs.set(node.path("seq").asInt());
            }
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

    /** Whether the broker granted the subscription, at start or later. */
    public boolean subscribed() {
        return granted;
    }

    /** How many times this monitor's link to the broker came up. */
    public int connects() {
        return connects.get();
    }

    /** The sequence numbers from 1 to {@code lastSeq} that never arrived here. */
    public synchronized List<Long> missingSeqs(long lastSeq) {
        List<Long> missing = new ArrayList<>();
        for (long s = 1; s <= lastSeq && s < Integer.MAX_VALUE; s++) {
            if (!seqs.get((int) s)) {
                missing.add(s);
            }
        }
        return missing;
    }

    public synchronized int unreadable() {
        return unreadable;
    }

    @Override
    public void close() {
        transport.close();
    }
}
