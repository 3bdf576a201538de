package com.needlepen.firmware.telemetry;

import com.needlepen.firmware.mqtt.MqttTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A transport that is up once started and keeps what is published, for tests of telemetry without a broker. */
public final class RecordingTransport implements MqttTransport {

    /** One published message. */
    public record Message(String topic, String payload) {
    }

    private final List<Message> published = new ArrayList<>();
    private ConnectionListener listener;
    private volatile boolean connected;

    @Override
    public void start() {
        listener.connected();
        connected = true;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public synchronized CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
        published.add(new Message(topic, new String(payload, StandardCharsets.UTF_8)));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> subscribe(String topicFilter, int qos, MessageListener l) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void setConnectionListener(ConnectionListener l) {
        this.listener = l;
    }

    @Override
    public void close() {
        connected = false;
    }

    /** What was published so far, in order. */
    public synchronized List<Message> published() {
        return List.copyOf(published);
    }

    /** The payloads published to topics ending in {@code suffix}, in order. */
    public synchronized List<String> payloads(String suffix) {
        return published.stream().filter(m -> m.topic().endsWith(suffix)).map(Message::payload).toList();
    }
}
