package com.needlepen.firmware.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The event ring between the control thread and the publisher: copies without allocating, keeps order, drops nothing. */
class EventRingTest {

    private static EventSlot event(long n) {
        return new EventSlot().start("test", 1_000L + n).put("n", n).put("half", n / 2.0).put("odd", n % 2 == 1)
                .put("state", "RUNNING");
    }

    private static List<Long> drain(EventRing ring) {
        List<Long> got = new ArrayList<>();
        EventSlot into = new EventSlot();
        while (ring.poll(into)) {
            got.add(into.longValue(0));
        }
        return got;
    }

    @Test
    void givenARingWithRoom_whenEventsAreOfferedAndPolled_thenNothingIsAllocatedAndTheyComeOutWhole() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        EventRing ring = new EventRing(16);
        EventSlot slot = new EventSlot();
        EventSlot into = new EventSlot();
        long allocated = 0;
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up
            allocated = 0;
            for (long n = 0; n < 100_000; n++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                slot.start("temperature.warning", n).put("monotonicMs", n).put("celsius", 39.5).put("warm", true)
                        .put("state", "RUNNING");
                ring.offer(slot);
                ring.poll(into);
                allocated += threads.getCurrentThreadAllocatedBytes() - before;
            }
        }
        assertThat(allocated).as("bytes allocated by 100,000 offers and polls").isZero();
        assertThat(ring.overflowed()).isZero();
        assertThat(into.type()).isEqualTo("temperature.warning");
        assertThat(into.toEvent().fields()).containsExactly(java.util.Map.entry("monotonicMs", 99_999L),
                java.util.Map.entry("celsius", 39.5), java.util.Map.entry("warm", true),
                java.util.Map.entry("state", "RUNNING"));
    }

    @Test
    void givenAFullRing_whenMoreEventsAreOffered_thenTheyOverflowCountedAndComeOutInOrderNoneDropped() {
        EventRing ring = new EventRing(4);
        for (long n = 0; n < 10; n++) {
            ring.offer(event(n));
        }
        assertThat(ring.size()).isEqualTo(10);
        assertThat(ring.overflowed()).isEqualTo(6);
        EventSlot into = new EventSlot();
        assertThat(ring.poll(into)).isTrue();
        assertThat(into.longValue(0)).isZero();
        // room in the ring again, but events are still waiting in the overflow: the new one queues behind them
        ring.offer(event(10));
        assertThat(ring.overflowed()).isEqualTo(7);
        assertThat(drain(ring)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        // the overflow empty, the ring takes events again
        ring.offer(event(11));
        assertThat(ring.overflowed()).isEqualTo(7);
        assertThat(drain(ring)).containsExactly(11L);
        assertThat(ring.size()).isZero();
    }

    @Test
    void givenAProducerFasterThanItsConsumer_whenBothRunAtOnce_thenEveryEventArrivesOnceInOrder() throws Exception {
        EventRing ring = new EventRing(8);
        int count = 200_000;
        Thread producer = new Thread(() -> {
            EventSlot slot = new EventSlot();
            for (long n = 0; n < count; n++) {
                slot.start("test", n).put("n", n);
                ring.offer(slot);
            }
        }, "test-producer");
        producer.start();
        EventSlot into = new EventSlot();
        long expected = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (expected < count && System.nanoTime() < deadline) {
            if (ring.poll(into)) {
                assertThat(into.longValue(0)).isEqualTo(expected);
                expected++;
                if (expected % 10_000 == 0) {
                    LockSupport.parkNanos(200_000); // fall behind now and then, so the overflow is used
                }
            }
        }
        producer.join();
        assertThat(expected).isEqualTo(count);
        assertThat(ring.poll(into)).isFalse();
        assertThat(ring.overflowed()).as("events through the overflow").isPositive();
    }
}
