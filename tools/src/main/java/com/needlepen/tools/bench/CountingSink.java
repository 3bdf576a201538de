package com.needlepen.tools.bench;

import com.needlepen.firmware.telemetry.EventSlot;
import com.needlepen.firmware.telemetry.TelemetryEvent;
import com.needlepen.firmware.telemetry.TelemetrySample;
import com.needlepen.firmware.telemetry.TelemetrySink;

/**
 * The bench's telemetry: samples and the control loop's events are copied into small preallocated
 * rings (as the MQTT sink's rings take them, without a publisher draining them), events are counted
 * and the last one's type is kept, so an allocating tick can be put down to the event it emitted.
 * Accepting a sample or a control-loop event allocates nothing; the session's start and end come as
 * objects and are only counted.
 */
final class CountingSink implements TelemetrySink {

    private static final int RING_SIZE = 16;

    private final TelemetrySample[] ring = new TelemetrySample[RING_SIZE];
    private final EventSlot[] eventRing = new EventSlot[RING_SIZE];
    private long samples;
    private long events;
    private long thermalWarnings;
    private String lastEventType = "";

    CountingSink() {
        for (int i = 0; i < RING_SIZE; i++) {
            ring[i] = new TelemetrySample();
            eventRing[i] = new EventSlot();
        }
    }

    @Override
    public boolean offerSample(TelemetrySample sample) {
        ring[(int) (samples % RING_SIZE)].copyFrom(sample);
        samples++;
        return true;
    }

    @Override
    public void offerEvent(TelemetryEvent event) {
        counted(event.type());
    }

    @Override
    public void offerEvent(EventSlot event) {
        eventRing[(int) (events % RING_SIZE)].copyFrom(event);
        counted(event.type());
    }

    private void counted(String type) {
        events++;
        lastEventType = type;
        if ("temperature.warning".equals(type)) {
            thermalWarnings++;
        }
    }

    @Override
    public void sessionChanged(String sessionId) {
    }

    long samples() {
        return samples;
    }

    long events() {
        return events;
    }

    long thermalWarnings() {
        return thermalWarnings;
    }

    String lastEventType() {
        return lastEventType;
    }
}
