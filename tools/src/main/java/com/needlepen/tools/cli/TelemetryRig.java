package com.needlepen.tools.cli;

import com.needlepen.config.TelemetrySpec;
import com.needlepen.firmware.mqtt.MqttSettings;
import com.needlepen.firmware.mqtt.PahoMqttTransport;
import com.needlepen.firmware.telemetry.MqttTelemetry;
import java.util.function.LongSupplier;

/**
 * The pen's telemetry publisher and a monitor subscribed to it, on one broker: what
 * {@code simulate} uses to show that what it published arrived.
 */
public final class TelemetryRig implements AutoCloseable {

    /** Samples the publisher's ring holds. */
    public static final int RING_CAPACITY = 4096;

    /** What was delivered, left undelivered and received once the rig is finished. */
    public record Counts(long delivered, long undelivered, long received, boolean brokerReached) {
    }

    private final MqttTelemetry telemetry;
    private final TelemetryMonitor monitor;
    private final boolean subscribed;
    private Counts finished;

    private TelemetryRig(MqttTelemetry telemetry, TelemetryMonitor monitor, boolean subscribed) {
        this.telemetry = telemetry;
        this.monitor = monitor;
        this.subscribed = subscribed;
    }

    /**
     * Subscribes the monitor (waiting up to 3 s for the broker), then starts the publisher with its
     * last will and waits up to 3 s for it to connect, so the session's messages are seen from the start.
     */
    public static TelemetryRig start(String brokerUrl, TelemetrySpec spec, LongSupplier utcMillis) {
        String topic = spec.deviceTopic();
        TelemetryMonitor monitor = new TelemetryMonitor(brokerUrl, spec.deviceId() + "-monitor");
        boolean subscribed = monitor.start(topic, 3_000);
        MqttSettings settings = MqttSettings.of(brokerUrl, spec.deviceId() + "-fw")
                .withWill(MqttTelemetry.lastWill(topic, spec.deviceId()));
        MqttTelemetry telemetry = new MqttTelemetry(new PahoMqttTransport(settings), topic, spec.deviceId(),
                RING_CAPACITY, utcMillis);
        telemetry.start();
        if (subscribed) {
            Waits.until(telemetry::connected, 3_000);
        }
        return new TelemetryRig(telemetry, monitor, subscribed);
    }

    public MqttTelemetry telemetry() {
        return telemetry;
    }

    public TelemetryMonitor monitor() {
        return monitor;
    }

    /** Keeps fast virtual time from outrunning the publisher: waits while the backlog is high. */
    public void throttle() {
        if (telemetry.connected() && telemetry.backlog() > telemetry.ringCapacity() / 2) {
            Waits.until(() -> telemetry.backlog() < telemetry.ringCapacity() / 8 || !telemetry.connected(), 5_000);
        }
    }

    /** Delivers what it can (up to {@code flushMs}), closes the publisher and waits for the monitor to catch up. */
    public Counts finish(long flushMs) {
        if (finished != null) {
            return finished;
        }
        telemetry.close(flushMs);
        long delivered = telemetry.delivered();
        long undelivered = telemetry.backlog();
        monitor.awaitCount(delivered, 3_000);
        finished = new Counts(delivered, undelivered, monitor.count(), subscribed);
        monitor.close();
        return finished;
    }

    /** Finishes (with a short flush) if {@link #finish(long)} was not called, e.g. on an error. */
    @Override
    public void close() {
        finish(500);
    }
}
