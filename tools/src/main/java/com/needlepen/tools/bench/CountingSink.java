package com.needlepen.tools.bench;

import com.needlepen.firmware.telemetry.TelemetryEvent;
import com.needlepen.firmware.telemetry.TelemetrySample;
import com.needlepen.firmware.telemetry.TelemetrySink;

/**
 * The bench's telemetry: samples are copied into a small preallocated ring (as the MQTT sink's ring
 * takes them, without a publisher draining it), events are counted and the last one's type is kept,
 * so an allocating tick can be put down to the event it emitted. Accepting a sample allocates
 * nothing; events are rare and allocate in the firmware anyway.
 */
final class CountingSink implements TelemetrySink {

    private static final int RING_SIZE = 16;

    private final TelemetrySample[] ring = new TelemetrySample[RING_SIZE];
    private long samples;
    private long events;
    private long thermalWarnings;
    private String lastEventType = "";

    CountingSink() {
        for (int i = 0; i < RING_SIZE; i++) {
            ring[i] = new TelemetrySample();
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
        events++;
        lastEventType = event.type();
        if ("temperature.warning".equals(event.type())) {
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
