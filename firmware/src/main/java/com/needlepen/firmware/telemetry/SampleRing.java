package com.needlepen.firmware.telemetry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded single-producer single-consumer ring of preallocated samples: the control thread
 * copies into a free slot (never blocking, never allocating) or counts a drop; the publisher
 * thread copies out. Each slot also carries the session id, a reference assignment.
 */
final class SampleRing {

    private final TelemetrySample[] slots;
    private final String[] sessions;
    private final AtomicLong head = new AtomicLong(); // next to read
    private final AtomicLong tail = new AtomicLong(); // next to write
    private final AtomicLong dropped = new AtomicLong();

    SampleRing(int capacity) {
        slots = new TelemetrySample[capacity];
        sessions = new String[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new TelemetrySample();
        }
    }

    /** Producer side. */
    boolean offer(TelemetrySample sample, String sessionId) {
        long t = tail.get();
        if (t - head.get() >= slots.length) {
            dropped.incrementAndGet();
            return false;
        }
        int i = (int) (t % slots.length);
        slots[i].copyFrom(sample);
        sessions[i] = sessionId;
        tail.lazySet(t + 1);
        return true;
    }

    /** Consumer side: copies the oldest sample into {@code into}; returns its session id, or null if empty. */
    boolean poll(TelemetrySample into, String[] sessionOut) {
        long h = head.get();
        if (h >= tail.get()) {
            return false;
        }
        int i = (int) (h % slots.length);
        into.copyFrom(slots[i]);
        sessionOut[0] = sessions[i];
        head.lazySet(h + 1);
        return true;
    }

    int size() {
        return (int) (tail.get() - head.get());
    }

    int capacity() {
        return slots.length;
    }

    long dropped() {
        return dropped.get();
    }
}
