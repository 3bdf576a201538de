package com.needlepen.firmware.telemetry;

import com.needlepen.firmware.mqtt.MqttSettings;
import com.needlepen.firmware.mqtt.MqttTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telemetry over MQTT. The control thread hands samples to a bounded preallocated ring (a full one
 * drops and counts) and events to a ring of preallocated event slots with an overflow queue behind
 * it (never dropped; see {@link EventRing}); a publisher thread of its own encodes them as JSON,
 * keeps them in an
 * outbox in order, and publishes them one at a time while the broker is reachable, so publishing
 * never blocks the loop and a broker that is down loses nothing that is still in memory. On every
 * connect it publishes a retained {@code online} status; the last will is a retained
 * {@code offline}.
 *
 * <p>Topics: {@code <prefix>/<device>/status} (retained, QoS 1), {@code .../events} (QoS 1),
 * {@code .../samples} (QoS 1).
 */
public final class MqttTelemetry implements TelemetrySink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttTelemetry.class);
    private static final long PUBLISH_TIMEOUT_MS = 5_000;
    /** Events the ring holds before the overflow takes them: many times any burst of events the pen emits. */
    static final int EVENT_SLOTS = 256;

    /** One encoded message waiting for delivery; {@code kind} says which counter its delivery adds to. */
    private record Outgoing(String topic, byte[] payload, boolean retained, int kind) {
    }

    private static final int STATUS = 0;
    private static final int EVENT = 1;
    private static final int SAMPLE = 2;

    private final MqttTransport transport;
    private final TelemetryJson json;
    private final LongSupplier utcMillis;
    private final SampleRing ring;
    private final EventRing events = new EventRing(EVENT_SLOTS);
    /** The control thread's slot for an event handed over as an object. */
    private final EventSlot offeredObject = new EventSlot();
    /** The publisher thread's slot for the event it encodes. */
    private final EventSlot polledEvent = new EventSlot();
    private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
    private final String statusTopic;
    private final String eventTopic;
    private final String sampleTopic;
    private final Thread publisher;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong[] deliveredByKind = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    private final AtomicLong connects = new AtomicLong();
    private volatile long lastSeq;
    private final AtomicLong encoded = new AtomicLong();
    private final AtomicLong samplesAccepted = new AtomicLong();
    private volatile String sessionId;
    private volatile boolean running = true;
    private volatile boolean birthDue;
    private volatile boolean offlineDue;
    private final TelemetrySample polled = new TelemetrySample();
    private final String[] polledSession = new String[1];
    private volatile int outboxSize;
    /**
     * Odd while the publisher moves messages from the rings to the outbox (written by it alone): a message
     * polled from a ring is in neither the ring's size nor {@link #outboxSize} until the move ends, so
     * {@link #backlog()} reads this before and after the sizes and counts a move under way as backlog
     * (otherwise {@link #flush} could say "all delivered" with messages in the publisher's hands).
     */
    private volatile int moving;
    private long seq;

    /**
     * @param transport     a transport not yet started; this class starts and closes it
     * @param deviceTopic   {@code <prefix>/<device>}
     * @param deviceId      the pen's id, in every payload
     * @param ringCapacity  samples the ring holds
     * @param utcMillis     the device's UTC clock, for payload times
     */
    public MqttTelemetry(MqttTransport transport, String deviceTopic, String deviceId, int ringCapacity,
                         LongSupplier utcMillis) {
        this.transport = transport;
        this.json = new TelemetryJson(deviceId);
        this.utcMillis = utcMillis;
        this.ring = new SampleRing(ringCapacity);
        this.statusTopic = deviceTopic + "/status";
        this.eventTopic = deviceTopic + "/events";
        this.sampleTopic = deviceTopic + "/samples";
        transport.setConnectionListener(new MqttTransport.ConnectionListener() {
            @Override
            public void connected() {
                connects.incrementAndGet();
                birthDue = true;
                LOG.info("telemetry connected");
            }

            @Override
            public void disconnected(Throwable cause) {
                LOG.warn("telemetry broker connection lost: {}", cause == null ? "closed" : cause.getMessage());
            }
        });
        this.publisher = new Thread(this::publishLoop, "telemetry-publisher");
        publisher.setDaemon(true);
    }

    /**
     * The retained status the broker publishes for us if we vanish. It has no {@code seq}, as the
     * pen never publishes it, and no {@code utc}, as the broker sends it at a time the pen cannot
     * know when it sets it (docs/telemetry.md).
     */
    public static MqttSettings.Will lastWill(String deviceTopic, String deviceId) {
        byte[] payload = ("{\"schema\":\"" + TelemetryJson.STATUS_SCHEMA + "\",\"deviceId\":\"" + deviceId
                + "\",\"status\":\"offline\"}").getBytes(StandardCharsets.UTF_8);
        return new MqttSettings.Will(deviceTopic + "/status", payload, 1, true);
    }

    public void start() {
        transport.start();
        publisher.start();
    }

    @Override
    public boolean offerSample(TelemetrySample sample) {
        boolean ok = ring.offer(sample, sessionId);
        if (ok) {
            samplesAccepted.incrementAndGet();
        }
        return ok;
    }

    @Override
    public void offerEvent(TelemetryEvent event) {
        offeredObject.copyFrom(event);
        events.offer(offeredObject);
    }

    /** Copies the event into a preallocated slot: allocates nothing unless the event ring is full (then counted). */
    @Override
    public void offerEvent(EventSlot event) {
        events.offer(event);
    }

    @Override
    public void sessionChanged(String id) {
        sessionId = id;
    }

    private void publishLoop() {
        while (running || events.size() > 0 || ring.size() > 0) {
            boolean worked = encodeNew();
            if (transport.isConnected()) {
                if (birthDue) {
                    birthDue = false;
                    // the birth goes before anything queued, so subscribers know the pen is back
                    outbox.addFirst(new Outgoing(statusTopic, json.status(++seq, "online", utcMillis.getAsLong()), true, STATUS));
                    lastSeq = seq;
                    outboxSize = outbox.size();
                }
                worked |= sendQueued();
            }
            if (!worked) {
                LockSupport.parkNanos(1_000_000L);
            }
            if (!running && !transport.isConnected()) {
                break; // closing with no broker: what is left is reported as undelivered
            }
        }
    }

    private boolean encodeNew() {
        moving++; // odd: a move under way
        try {
            return moveToOutbox();
        } finally {
            moving++;
        }
    }

    private boolean moveToOutbox() {
        boolean any = false;
        while (events.poll(polledEvent)) {
            outbox.add(new Outgoing(eventTopic, json.event(++seq, polledEvent), false, EVENT));
            encoded.incrementAndGet();
            any = true;
        }
        while (ring.poll(polled, polledSession)) {
            outbox.add(new Outgoing(sampleTopic, json.sample(++seq, polledSession[0], polled), false, SAMPLE));
            encoded.incrementAndGet();
            any = true;
        }
        if (offlineDue && events.size() == 0 && ring.size() == 0) {
            offlineDue = false;
            outbox.add(new Outgoing(statusTopic, json.status(++seq, "offline", utcMillis.getAsLong()), true, STATUS));
            any = true;
        }
        lastSeq = seq;
        outboxSize = outbox.size();
        return any;
    }

    private boolean sendQueued() {
        boolean any = false;
        Outgoing next;
        while ((next = outbox.peekFirst()) != null && transport.isConnected()) {
            try {
                transport.publish(next.topic(), next.payload(), 1, next.retained())
                        .get(PUBLISH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                outbox.pollFirst();
                outboxSize = outbox.size();
                delivered.incrementAndGet();
                deliveredByKind[next.kind()].incrementAndGet();
                any = true;
            } catch (ExecutionException | TimeoutException ex) {
                LockSupport.parkNanos(20_000_000L); // kept in the outbox; retried in order
                return any;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return any;
            }
        }
        return any;
    }

    /** Waits up to {@code timeoutMs} until everything handed over so far is delivered; returns whether it was. */
    public boolean flush(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (backlog() == 0) {
                return true;
            }
            LockSupport.parkNanos(1_000_000L);
        }
        return backlog() == 0;
    }

    /** Messages handed over but not yet delivered (ring, events and outbox). */
    public int backlog() {
        int before = moving;
        int n = ring.size() + events.size() + outboxSize + (offlineDue ? 1 : 0);
        return (before & 1) != 0 || before != moving ? Math.max(n, 1) : n;
    }

    public boolean connected() {
        return transport.isConnected();
    }

    /** Messages the broker acknowledged (status, events and samples). */
    public long delivered() {
        return delivered.get();
    }

    /** Samples the broker acknowledged. */
    public long deliveredSamples() {
        return deliveredByKind[SAMPLE].get();
    }

    /** Events the broker acknowledged. */
    public long deliveredEvents() {
        return deliveredByKind[EVENT].get();
    }

    /** Status messages (birth and offline) the broker acknowledged. */
    public long deliveredStatus() {
        return deliveredByKind[STATUS].get();
    }

    /** How many times the link to the broker came up. */
    public long connects() {
        return connects.get();
    }

    /** The sequence number of the last message encoded (messages carry 1, 2, ... in order). */
    public long lastSeq() {
        return lastSeq;
    }

    /** Samples the ring accepted. */
    public long samplesAccepted() {
        return samplesAccepted.get();
    }

    public long samplesDropped() {
        return ring.dropped();
    }

    public int ringCapacity() {
        return ring.capacity();
    }

    /**
     * Events that found the event ring full and were queued behind it by the overflow path, which
     * allocates on the control thread (none are dropped either way).
     */
    public long eventsOverflowed() {
        return events.overflowed();
    }

    /**
     * Publishes a retained {@code offline} status (a clean disconnect discards the will), delivers
     * what it can within {@code timeoutMs}, and stops. What is left is counted by {@link #backlog()}.
     */
    public void close(long timeoutMs) {
        offerStatusOffline();
        flush(timeoutMs);
        running = false;
        try {
            publisher.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
    }

    private void offerStatusOffline() {
        offlineDue = true;
    }

    @Override
    public void close() {
        close(2_000);
    }
}
