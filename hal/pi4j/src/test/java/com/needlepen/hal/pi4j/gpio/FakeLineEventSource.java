package com.needlepen.hal.pi4j.gpio;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A scripted GPIO line for the index sensor's tests: batches of events with chosen timestamps, kinds and
 * per-line sequence numbers, each returned by one {@link #read}, as the kernel's {@code read(2)} returns what
 * its buffer holds. An empty script times out (after a wait of at most 1 ms, so a reader thread spins slowly).
 * It records how often it was read, whether it was closed and whether it was read after that.
 */
final class FakeLineEventSource implements LineEventSource {

    record Event(long stampNanos, int id, int lineSeqno) {
    }

    static Event rising(long stampNanos, int lineSeqno) {
        return new Event(stampNanos, GpioV2.EVENT_RISING_EDGE, lineSeqno);
    }

    static Event falling(long stampNanos, int lineSeqno) {
        return new Event(stampNanos, GpioV2.EVENT_FALLING_EDGE, lineSeqno);
    }

    private final boolean initialHigh;
    private final ArrayDeque<Object> script = new ArrayDeque<>();
    private final List<Long> timeouts = new ArrayList<>();
    private volatile boolean closed;
    private volatile boolean readAfterClose;
    private volatile int reads;

    FakeLineEventSource(boolean initialHigh) {
        this.initialHigh = initialHigh;
    }

    /** The next read returns these events (one batch). */
    synchronized FakeLineEventSource batch(Event... events) {
        script.add(List.of(events));
        return this;
    }

    /** The next read fails. */
    synchronized FakeLineEventSource failure(String message) {
        script.add(new IOException(message));
        return this;
    }

    @Override
    public boolean initialLevelHigh() {
        return initialHigh;
    }

    @Override
    public int read(long[] timestampsNanos, int[] ids, int[] lineSeqnos, int max, long timeoutNanos) throws IOException {
        if (closed) {
            readAfterClose = true;
        }
        Object next;
        synchronized (this) {
            reads++;
            timeouts.add(timeoutNanos);
            next = script.poll();
        }
        if (next == null) {
            LockSupport.parkNanos(Math.min(timeoutNanos, 1_000_000L));
            return 0;
        }
        if (next instanceof IOException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        List<Event> events = (List<Event>) next;
        if (events.size() > max) {
            throw new AssertionError("a scripted batch of " + events.size() + " exceeds the reader's " + max);
        }
        for (int i = 0; i < events.size(); i++) {
            timestampsNanos[i] = events.get(i).stampNanos();
            ids[i] = events.get(i).id();
            lineSeqnos[i] = events.get(i).lineSeqno();
        }
        return events.size();
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    boolean readAfterClose() {
        return readAfterClose;
    }

    synchronized boolean scriptEmpty() {
        return script.isEmpty();
    }

    synchronized List<Long> timeouts() {
        return List.copyOf(timeouts);
    }
}
