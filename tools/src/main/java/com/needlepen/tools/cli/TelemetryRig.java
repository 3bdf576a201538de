package com.needlepen.tools.cli;

import com.needlepen.config.TelemetrySpec;
import com.needlepen.firmware.mqtt.MqttSettings;
import com.needlepen.firmware.mqtt.PahoMqttTransport;
import com.needlepen.firmware.telemetry.MqttTelemetry;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The pen's telemetry publisher and a monitor subscribed to it, on one broker: what
 * {@code simulate} uses to show that what it published arrived.
 */
public final class TelemetryRig implements AutoCloseable {

    /** Samples the publisher's ring holds. */
    public static final int RING_CAPACITY = 4096;

    /**
     * What happened to the session's telemetry once the rig is finished.
     *
     * @param delivered         messages the broker acknowledged (status, events and samples)
     * @param deliveredSamples  of those, samples
     * @param deliveredEvents   of those, events
     * @param undelivered       messages still in the outbox at the end (counted, not kept: the outbox is in memory)
     * @param received          messages this run's monitor received
     * @param connects          how many times the publisher's link to the broker came up (0: never reached)
     * @param connectedAtStart  whether the publisher was connected before the session began
     * @param monitorSubscribed whether the monitor's subscription was ever granted
     * @param monitorConnects   how many times the monitor's link came up (more than 1: it reconnected)
     * @param notSeenByMonitor  delivered messages the monitor did not receive (it was not subscribed when
     *                          they were delivered)
     * @param notSeenSeqs       their sequence numbers as ranges, e.g. "311-332", when known (empty otherwise)
     */
    public record Counts(long delivered, long deliveredSamples, long deliveredEvents, long undelivered, long received,
                         long connects, boolean connectedAtStart, boolean monitorSubscribed, int monitorConnects,
                         long notSeenByMonitor, String notSeenSeqs) {
    }

    private final MqttTelemetry telemetry;
    private final String brokerUrl;
    private final String topic;
    private final String monitorId;
    private volatile TelemetryMonitor monitor;
    private volatile boolean connectedAtStart;
    private Counts finished;

    private TelemetryRig(MqttTelemetry telemetry, String brokerUrl, String topic, String monitorId) {
        this.telemetry = telemetry;
        this.brokerUrl = brokerUrl;
        this.topic = topic;
        this.monitorId = monitorId;
    }

    /**
     * Subscribes the monitor (waiting up to 3 s for the broker), then starts the publisher with its
     * last will and waits up to 3 s for it to connect, so the session's messages are seen from the start.
     */
    public static TelemetryRig start(String brokerUrl, TelemetrySpec spec, LongSupplier utcMillis) {
        TelemetryRig rig = create(brokerUrl, spec, utcMillis);
        rig.connect();
        return rig;
    }

    /**
     * The publisher, built but not connected: the firmware can be assembled on it and tick at once,
     * while {@link #connect()} brings the broker link up on another thread. Until then the
     * publisher keeps what the loop hands it (it never blocks the loop).
     */
    public static TelemetryRig create(String brokerUrl, TelemetrySpec spec, LongSupplier utcMillis) {
        String topic = spec.deviceTopic();
        MqttSettings settings = MqttSettings.of(brokerUrl, spec.deviceId() + "-fw")
                .withWill(MqttTelemetry.lastWill(topic, spec.deviceId()));
        MqttTelemetry telemetry = new MqttTelemetry(new PahoMqttTransport(settings), topic, spec.deviceId(),
                RING_CAPACITY, utcMillis);
        return new TelemetryRig(telemetry, brokerUrl, topic, spec.deviceId() + "-monitor");
    }

    /**
     * Subscribes the monitor (up to 3 s), then starts the publisher and waits up to 3 s for it: the
     * publisher sends nothing before the monitor listens, so every message is seen. Call once.
     */
    public void connect() {
        TelemetryMonitor m = new TelemetryMonitor(brokerUrl, monitorId);
        boolean subscribed = m.start(topic, 3_000);
        monitor = m;
        telemetry.start();
        connectedAtStart = subscribed && Waits.until(telemetry::connected, 3_000);
    }

    /** Whether the monitor listened and the publisher was connected when {@link #connect()} returned. */
    public boolean connectedAtStart() {
        return connectedAtStart;
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
        TelemetryMonitor monitor = this.monitor;
        if (monitor == null) { // connect() never ran: nothing was sent, and no one listened
            finished = new Counts(delivered, telemetry.deliveredSamples(), telemetry.deliveredEvents(), undelivered, 0,
                    telemetry.connects(), false, false, 0, 0, "");
            return finished;
        }
        if (monitor.subscribed()) {
            monitor.awaitCount(delivered, 3_000);
        }
        List<Long> missing = monitor.missingSeqs(telemetry.lastSeq());
        // with nothing left undelivered every missing number was delivered while the monitor was away
        long notSeen = undelivered == 0 ? missing.size() : Math.max(0, delivered - (telemetry.lastSeq() - missing.size()));
        finished = new Counts(delivered, telemetry.deliveredSamples(), telemetry.deliveredEvents(), undelivered,
                monitor.count(), telemetry.connects(), connectedAtStart, monitor.subscribed(), monitor.connects(),
                notSeen, undelivered == 0 ? ranges(missing) : "");
        monitor.close();
        return finished;
    }

    /** {@code 3, 4, 5, 9} as {@code "3-5, 9"}. */
    static String ranges(List<Long> numbers) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < numbers.size(); i++) {
            int j = i;
            while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
                j++;
            }
            b.append(b.length() == 0 ? "" : ", ").append(numbers.get(i));
            if (j > i) {
                b.append('-').append(numbers.get(j));
            }
            i = j;
        }
        return b.toString();
    }

    /** Finishes (with a short flush) if {@link #finish(long)} was not called, e.g. on an error. */
    @Override
    public void close() {
        finish(500);
    }
}
