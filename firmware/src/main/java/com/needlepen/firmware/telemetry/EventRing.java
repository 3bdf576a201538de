package com.needlepen.firmware.telemetry;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events from the control thread to the publisher thread, in order, never dropped: a bounded
 * single-producer single-consumer ring of preallocated {@link EventSlot}s, into which the producer
 * copies an event without allocating, and behind it an unbounded overflow queue for when the ring
 * is full (the publisher has fallen a ring's worth of events behind). The overflow path allocates
 * (a copy of the slot and a queue node) and is counted.
 *
 * <p>Order: once an event has gone to the overflow, every later one follows it there until the
 * publisher has taken the overflow's last; the publisher takes the ring's events before the
 * overflow's. So no event overtakes an earlier one.
 */
final class EventRing {

    private final EventSlot[] slots;
    private final AtomicLong head = new AtomicLong(); // next to read
    private final AtomicLong tail = new AtomicLong(); // next to write
    private final ConcurrentLinkedQueue<EventSlot> overflow = new ConcurrentLinkedQueue<>();
    /** Events put in the overflow and not yet taken out: while there are any, new ones go there too. */
    private final AtomicLong overflowPending = new AtomicLong();
    private final AtomicLong overflowed = new AtomicLong();

    EventRing(int capacity) {
        slots = new EventSlot[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new EventSlot();
        }
    }

    /** Producer side: copies {@code event}; allocates nothing unless the ring is full or the overflow still holds events. */
    void offer(EventSlot event) {
        long t = tail.get();
        if (overflowPending.get() > 0 || t - head.get() >= slots.length) {
            EventSlot copy = new EventSlot();
            copy.copyFrom(event);
            overflowPending.incrementAndGet(); // before it is visible, so the next offer sees it pending
            overflow.add(copy);
            overflowed.incrementAndGet();
            return;
        }
        slots[(int) (t % slots.length)].copyFrom(event);
        tail.lazySet(t + 1);
    }

    /** Consumer side: copies the oldest event into {@code into}; returns false if there is none. */
    boolean poll(EventSlot into) {
        // the overflow is looked at first: every ring event older than an overflow event seen here is
        // visible in the ring by then, and no ring event is newer than one pending in the overflow
        EventSlot spilled = overflow.peek();
        long h = head.get();
        if (h < tail.get()) {
            into.copyFrom(slots[(int) (h % slots.length)]);
            head.lazySet(h + 1);
            return true;
        }
        if (spilled == null) {
            return false;
        }
        overflow.poll();
        into.copyFrom(spilled);
        overflowPending.decrementAndGet();
        return true;
    }

    /** Events offered and not yet taken. */
    int size() {
        return (int) (tail.get() - head.get() + overflowPending.get());
    }

    int capacity() {
        return slots.length;
    }

    /** Events that found the ring full (or behind an earlier such event) and went through the overflow. */
    long overflowed() {
        return overflowed.get();
    }
}
