package com.needlepen.hal.pi4j.gpio;

import static com.needlepen.hal.pi4j.gpio.FakeLineEventSource.falling;
import static com.needlepen.hal.pi4j.gpio.FakeLineEventSource.rising;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.needlepen.hal.pi4j.gpio.KernelIndexSensor.ActiveEdge;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KernelIndexSensorTest {

    private static long[] drain(KernelIndexSensor sensor, int room) {
        long[] out = new long[room];
        int n = sensor.drainEdges(out);
        return Arrays.copyOf(out, n);
    }

    private static KernelIndexSensor pumped(FakeLineEventSource source, ActiveEdge edge, int ring) throws IOException {
        KernelIndexSensor sensor = new KernelIndexSensor(source, edge, ring);
        while (!source.scriptEmpty()) {
            sensor.pump(0);
        }
        return sensor;
    }

    @Test
    void theActiveGoingEdgesStampsAreDrainedOldestFirst() throws IOException {
        var source = new FakeLineEventSource(false)
                .batch(rising(1_000, 1), falling(1_400, 2), rising(7_700, 3))
                .batch(falling(8_100, 4), rising(14_400, 5), falling(14_800, 6));
        KernelIndexSensor sensor = pumped(source, ActiveEdge.RISING, 16);

        assertThat(drain(sensor, 8)).containsExactly(1_000, 7_700, 14_400);
        assertThat(drain(sensor, 8)).isEmpty();
        assertThat(sensor.droppedEdgeCount()).isZero();
    }

    @Test
    void aFallingActiveEdgeTakesTheFallingStamps() throws IOException {
        // an open-drain Hall switch with a pull-up: the magnet pulls the line low
        var source = new FakeLineEventSource(true)
                .batch(falling(1_000, 1), rising(1_400, 2), falling(7_700, 3), rising(8_100, 4));
        KernelIndexSensor sensor = pumped(source, ActiveEdge.FALLING, 16);

        assertThat(drain(sensor, 8)).containsExactly(1_000, 7_700);
    }

    @Test
    void edgesThatDoNotFitTheCallersArrayStayPendingInOrder() throws IOException {
        var source = new FakeLineEventSource(false)
                .batch(rising(10, 1), falling(11, 2), rising(20, 3), falling(21, 4), rising(30, 5), falling(31, 6));
        KernelIndexSensor sensor = pumped(source, ActiveEdge.RISING, 16);

        assertThat(drain(sensor, 2)).containsExactly(10, 20);
        assertThat(drain(sensor, 2)).containsExactly(30);
    }

    @Test
    void aFullRingCountsTheEdgesThatFoundItFullAsDropped() throws IOException {
        var source = new FakeLineEventSource(false);
        int seq = 1;
        for (int i = 0; i < 6; i++) {
            source.batch(rising(100L * i, seq++), falling(100L * i + 50, seq++));
        }
        KernelIndexSensor sensor = pumped(source, ActiveEdge.RISING, 4);

        assertThat(sensor.ringOverflows()).isEqualTo(2);
        assertThat(sensor.kernelDroppedEdges()).isZero();
        assertThat(sensor.droppedEdgeCount()).isEqualTo(2);
        // the ring keeps the oldest four; the two newest were the ones lost
        assertThat(drain(sensor, 8)).containsExactly(0, 100, 200, 300);
    }

    @Test
    void aRingDrainedInTimeNeverOverflows() throws IOException {
        var source = new FakeLineEventSource(false);
        KernelIndexSensor sensor = new KernelIndexSensor(source, ActiveEdge.RISING, 2);
        int seq = 1;
        long[] out = new long[4];
        for (int i = 0; i < 100; i++) {
            source.batch(rising(1_000L * i, seq++), falling(1_000L * i + 300, seq++));
            sensor.pump(0);
            assertThat(sensor.drainEdges(out)).isEqualTo(1);
            assertThat(out[0]).isEqualTo(1_000L * i);
        }
        assertThat(sensor.droppedEdgeCount()).isZero();
    }

    @Test
    void gapsInTheLineSequenceAreCountedAsLostActiveEdgesRoundedUp() throws IOException {
        var source = new FakeLineEventSource(false)
                .batch(rising(100, 1), falling(150, 2))
                // events 3 and 4 (a pass) lost to a full kernel buffer
                .batch(rising(300, 5), falling(350, 6))
                // event 7 alone lost: one edge of either kind counts as one
                .batch(rising(500, 8), falling(550, 9))
                // 8 events (four passes) lost
                .batch(rising(1_000, 18));
        KernelIndexSensor sensor = pumped(source, ActiveEdge.RISING, 16);

        assertThat(sensor.kernelDroppedEdges()).isEqualTo(1 + 1 + 4);
        assertThat(sensor.droppedEdgeCount()).isEqualTo(6);
        assertThat(drain(sensor, 8)).containsExactly(100, 300, 500, 1_000);
    }

    @Test
    void eventsLostBeforeTheFirstReadShowInItsSequenceNumber() throws IOException {
        var source = new FakeLineEventSource(false).batch(rising(100, 4), falling(150, 5));
        KernelIndexSensor sensor = pumped(source, ActiveEdge.RISING, 16);

        assertThat(sensor.kernelDroppedEdges()).isEqualTo(2); // events 1..3 lost: (3 + 1) / 2
    }

    @Test
    void noGapNoDrop() throws IOException {
        var source = new FakeLineEventSource(false);
        int seq = 1;
        for (int i = 0; i < 40; i++) {
            source.batch(rising(10L * i, seq++), falling(10L * i + 5, seq++));
        }
        KernelIndexSensor sensor = pumped(source, ActiveEdge.RISING, 64);

        assertThat(sensor.droppedEdgeCount()).isZero();
        assertThat(sensor.lateLevelReadCount()).isZero();
    }

    @Test
    void aRepeatedIdIsTheOtherEdgeWhenTheKernelSplitThePassLate() throws IOException {
        // the interrupt thread for the arriving edge (stamped 7_700) ran after the magnet had gone: it read the
        // line low and called the edge falling; the departing edge then came as its own falling event
        var source = new FakeLineEventSource(false)
                .batch(rising(1_000, 1), falling(1_370, 2))
                .batch(falling(7_700, 3), falling(8_070, 4))
                .batch(rising(14_400, 5), falling(14_770, 6));
        KernelIndexSensor sensor = pumped(source, ActiveEdge.RISING, 16);

        assertThat(drain(sensor, 8)).containsExactly(1_000, 7_700, 14_400);
        assertThat(sensor.lateLevelReadCount()).isEqualTo(1);
        assertThat(sensor.droppedEdgeCount()).isZero();
    }

    @Test
    void aRepeatedIdIsTheOtherEdgeWhenTheKernelFoldedThePassIntoOneEvent() throws IOException {
        // both edges of a pass came before the interrupt thread ran: one event, stamped at the departing edge,
        // read low; the pass still counts, late by its width, and no stroke goes missing
        var source = new FakeLineEventSource(false)
                .batch(rising(1_000, 1), falling(1_370, 2))
                .batch(falling(8_070, 3))
                .batch(rising(14_400, 4), falling(14_770, 5));
        KernelIndexSensor sensor = pumped(source, ActiveEdge.RISING, 16);

        assertThat(drain(sensor, 8)).containsExactly(1_000, 8_070, 14_400);
        assertThat(sensor.lateLevelReadCount()).isEqualTo(1);
    }

    @Test
    void afterAGapTheKernelsIdIsTakenAsItIs() throws IOException {
        // a gap of one event between two falling ids: the lost event was the rising edge, not a late read
        var source = new FakeLineEventSource(false)
                .batch(rising(1_000, 1), falling(1_370, 2))
                .batch(falling(8_070, 4), rising(14_400, 5));
        KernelIndexSensor sensor = pumped(source, ActiveEdge.RISING, 16);

        assertThat(drain(sensor, 8)).containsExactly(1_000, 14_400);
        assertThat(sensor.lateLevelReadCount()).isZero();
        assertThat(sensor.kernelDroppedEdges()).isEqualTo(1);
    }

    @Test
    void theFirstEventIsTakenAsTheKernelReportsIt() throws IOException {
        // the line was read high at request, and the first event is rising: an edge between the request and
        // the level read, not a late read
        var source = new FakeLineEventSource(true).batch(rising(500, 1), falling(900, 2));
        KernelIndexSensor sensor = pumped(source, ActiveEdge.RISING, 16);

        assertThat(drain(sensor, 8)).containsExactly(500);
        assertThat(sensor.lateLevelReadCount()).isZero();
    }

    @Test
    void theActiveLevelFollowsTheLevelReadAtRequestThenEachEvent() throws IOException {
        var source = new FakeLineEventSource(true);
        KernelIndexSensor risingActive = new KernelIndexSensor(source, ActiveEdge.RISING, 16);
        assertThat(risingActive.isActive()).isTrue();
        assertThat(new KernelIndexSensor(source, ActiveEdge.FALLING, 16).isActive()).isFalse();

        source.batch(falling(100, 1));
        risingActive.pump(0);
        assertThat(risingActive.isActive()).isFalse();
        source.batch(rising(200, 2));
        risingActive.pump(0);
        assertThat(risingActive.isActive()).isTrue();
        // a late read: the edge counts as rising, but the line was low when the kernel looked
        source.batch(falling(300, 3), falling(400, 4));
        risingActive.pump(0);
        assertThat(risingActive.isActive()).isFalse();
    }

    @Test
    void theActiveLevelOfAFallingActiveSensorIsLow() throws IOException {
        var source = new FakeLineEventSource(false);
        KernelIndexSensor sensor = new KernelIndexSensor(source, ActiveEdge.FALLING, 16);
        assertThat(sensor.isActive()).isTrue();
        source.batch(rising(100, 1));
        sensor.pump(0);
        assertThat(sensor.isActive()).isFalse();
    }

    @Test
    void theReaderThreadDeliversEdgesAndStopsOnCloseBeforeTheLineIsReleased() throws Exception {
        var source = new FakeLineEventSource(false).batch(rising(100, 1), falling(200, 2), rising(300, 3));
        KernelIndexSensor sensor = new KernelIndexSensor(source, ActiveEdge.RISING, 16);
        sensor.start();
        assertThat(sensor.reading()).isTrue();

        long[] out = new long[8];
        int got = 0;
        long giveUp = System.nanoTime() + 5_000_000_000L; // a bound on a broken build, not an assertion on time
        while (got < 2 && System.nanoTime() < giveUp) {
            got += sensor.drainEdges(out);
            Thread.onSpinWait();
        }
        sensor.close();

        assertThat(got).isEqualTo(2);
        assertThat(sensor.reading()).isFalse();
        assertThat(source.closed()).isTrue();
        assertThat(source.readAfterClose()).isFalse();
        // a read that does not wait, then (nothing queued) a wait of at most a millisecond
        assertThat(source.timeouts()).allMatch(t -> t == 0L || t == KernelIndexSensor.READER_POLL_NANOS);
        assertThat(source.timeouts()).contains(KernelIndexSensor.READER_POLL_NANOS);
        assertThat(sensor.failure()).isNull();
    }

    @Test
    void aReadFailureEndsTheReaderAndIsKept() throws Exception {
        var source = new FakeLineEventSource(false).batch(rising(100, 1)).failure("read(2) on line 17 failed (errno 19)");
        KernelIndexSensor sensor = new KernelIndexSensor(source, ActiveEdge.RISING, 16);
        sensor.start();
        long giveUp = System.nanoTime() + 5_000_000_000L;
        while (sensor.reading() && System.nanoTime() < giveUp) {
            Thread.onSpinWait();
        }

        assertThat(sensor.reading()).isFalse();
        assertThat(sensor.failure()).hasMessage("read(2) on line 17 failed (errno 19)");
        assertThat(drain(sensor, 4)).containsExactly(100);
        sensor.close();
        assertThat(source.closed()).isTrue();
    }

    /** H58: how far the edges are complete, the instant the firmware measures a silent shaft to. */
    @Test
    void theInstantVouchedForIsTheClockBeforeTheReadThatEmptiedTheQueue_handedOverOnlyWithTheDrainThatEmptiesTheRing()
            throws IOException {
        long[] clock = {5_000};
        var source = new FakeLineEventSource(false);
        KernelIndexSensor sensor = new KernelIndexSensor(source, ActiveEdge.RISING, 16, () -> clock[0]);
        // the line was just requested: nothing from before it
        assertThat(sensor.edgesCompleteThroughNanos()).isEqualTo(5_000);

        source.batch(rising(6_000, 1), falling(6_400, 2), rising(12_000, 3), falling(12_400, 4),
                rising(18_000, 5));
        clock[0] = 19_000;
        sensor.pump(0);
        clock[0] = 25_000; // the reader moves on; the tick has not drained yet
        assertThat(sensor.edgesCompleteThroughNanos()).isEqualTo(5_000);

        assertThat(drain(sensor, 2)).containsExactly(6_000, 12_000);
        assertThat(sensor.edgesCompleteThroughNanos()).as("an edge stamped before 19,000 is still in the ring")
                .isEqualTo(5_000);
        assertThat(drain(sensor, 2)).containsExactly(18_000);
        assertThat(sensor.edgesCompleteThroughNanos()).isEqualTo(19_000);

        // nothing queued: the reader still vouches, so a shaft that stopped is seen to have stopped
        sensor.pump(0);
        drain(sensor, 2);
        assertThat(sensor.edgesCompleteThroughNanos()).isEqualTo(25_000);
    }

    @Test
    void theReaderThreadVouchesOnWhileNoEdgeComes_onTheClockLessTheQueuesAllowance() throws Exception {
        var source = new FakeLineEventSource(false);
        KernelIndexSensor sensor = new KernelIndexSensor(source, ActiveEdge.RISING, 16);
        long first = sensor.edgesCompleteThroughNanos();
        assertThat(first).isLessThanOrEqualTo(System.nanoTime() - KernelIndexSensor.QUEUE_ALLOWANCE_NANOS);
        sensor.start();
        long[] out = new long[4];
        long giveUp = System.nanoTime() + 5_000_000_000L; // a bound on a broken build, not an assertion on time
        while (sensor.edgesCompleteThroughNanos() <= first + 2_000_000L && System.nanoTime() < giveUp) {
            sensor.drainEdges(out);
            Thread.sleep(1);
        }
        sensor.close();
        assertThat(sensor.edgesCompleteThroughNanos()).as("vouched on with no edge").isGreaterThan(first + 2_000_000L);
        assertThat(sensor.edgesCompleteThroughNanos()).isLessThan(System.nanoTime());
    }

    @Test
    void aReadThatFilledItsBatchVouchesForNothing_theQueueMayHoldMore() throws IOException {
        long[] clock = {0};
        var source = new FakeLineEventSource(false);
        var full = new FakeLineEventSource.Event[KernelIndexSensor.BATCH];
        for (int i = 0; i < full.length; i++) {
            full[i] = i % 2 == 0 ? rising(1_000L * (i + 1), i + 1) : falling(1_000L * (i + 1), i + 1);
        }
        source.batch(full);
        KernelIndexSensor sensor = new KernelIndexSensor(source, ActiveEdge.RISING, 256, () -> clock[0]);
        clock[0] = 100_000;
        sensor.pump(0);
        drain(sensor, 256);
        assertThat(sensor.edgesCompleteThroughNanos()).isZero();

        clock[0] = 200_000;
        sensor.pump(0); // the queue is empty now
        drain(sensor, 256);
        assertThat(sensor.edgesCompleteThroughNanos()).isEqualTo(200_000);
    }

    @Test
    void aRingThatIsNotAPowerOfTwoIsRefused() {
        assertThatThrownBy(() -> new KernelIndexSensor(new FakeLineEventSource(false), ActiveEdge.RISING, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index ring capacity 1000 must be a power of two >= 2");
    }

    @Test
    void drainingAllocatesNothing() throws IOException {
        var source = new FakeLineEventSource(false);
        KernelIndexSensor sensor = new KernelIndexSensor(source, ActiveEdge.RISING, 1024);
        int seq = 1;
        for (int i = 0; i < 200; i++) {
            source.batch(rising(i, seq++), falling(i, seq++));
        }
        while (!source.scriptEmpty()) {
            sensor.pump(0);
        }
        long[] out = new long[4];
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        for (int i = 0; i < 20; i++) { // warm up
            sensor.drainEdges(out);
        }
        long before = bean.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 20; i++) {
            sensor.drainEdges(out);
            sensor.isActive();
            sensor.droppedEdgeCount();
        }
        assertThat(bean.getThreadAllocatedBytes(tid) - before).isZero();
    }

    @Test
    void theSequenceGapWrapsWithTheKernelsUnsigned32BitNumbers() {
        assertThat(KernelIndexSensor.sequenceGap(1, 2)).isZero();
        assertThat(KernelIndexSensor.sequenceGap(0xFFFF_FFFF, 0)).isZero();
        assertThat(KernelIndexSensor.sequenceGap(0xFFFF_FFFE, 1)).isEqualTo(2);
        assertThat(KernelIndexSensor.sequenceGap(0x7FFF_FFFF, 0x8000_0000)).isZero();
        assertThat(KernelIndexSensor.sequenceGap(5, 5)).isNegative();
    }

    @Test
    void theRingHandsOverEveryEdgeInOrderBetweenTheReaderThreadAndTheTick() throws Exception {
        // 2,000 passes handed from the reader thread to the test thread, which drains them three at a time as the
        // tick would; the ring is larger than the run, so whatever the scheduling nothing may be lost or reordered
        var source = new FakeLineEventSource(false);
        int passes = 2_000;
        int seq = 1;
        for (int i = 0; i < passes; i++) {
            source.batch(rising(1_000L * i, seq++), falling(1_000L * i + 300, seq++));
        }
        KernelIndexSensor sensor = new KernelIndexSensor(source, ActiveEdge.RISING, 4096);
        sensor.start();
        long[] out = new long[3];
        long expected = 0;
        long giveUp = System.nanoTime() + 30_000_000_000L; // a bound on a broken build, not an assertion on time
        while (expected < passes && System.nanoTime() < giveUp) {
            int n = sensor.drainEdges(out);
            if (n == 0) {
                Thread.yield(); // this machine's two cores are shared: let the reader run
            }
            for (int k = 0; k < n; k++) {
                assertThat(out[k]).isEqualTo(1_000L * expected);
                expected++;
            }
        }
        sensor.close();

        assertThat(expected).isEqualTo(passes);
        assertThat(sensor.droppedEdgeCount()).isZero();
    }
}
