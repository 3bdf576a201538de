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
    private final TelemetryMonitor monitor;
    private final boolean connectedAtStart;
    private Counts finished;

    private TelemetryRig(MqttTelemetry telemetry, TelemetryMonitor monitor, boolean connectedAtStart) {
        this.telemetry = telemetry;
        this.monitor = monitor;
        this.connectedAtStart = connectedAtStart;
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
        boolean connected = subscribed && Waits.until(telemetry::connected, 3_000);
        return new TelemetryRig(telemetry, monitor, connected);
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
