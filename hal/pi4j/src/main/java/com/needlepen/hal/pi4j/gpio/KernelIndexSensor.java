package com.needlepen.hal.pi4j.gpio;

import com.needlepen.hal.IndexSensor;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hall index sensor on a Pi: its edges carry the kernel's own timestamps, taken in the GPIO interrupt,
 * not the time Java read them. A reader thread takes the line's events from a {@link LineEventSource}
 * ({@link LinuxLineEvents} in production) and puts the active-going edges' stamps into a lock-free
 * single-producer/single-consumer ring that the control tick empties with {@link #drainEdges} without
 * allocating or blocking. Which edge is "active" (the magnet arriving) depends on the wiring: an
 * open-drain Hall switch with a pull-up pulls the line low, so its active edge is {@link ActiveEdge#FALLING}.
 *
 * <p><b>Time base.</b> The stamps are CLOCK_MONOTONIC: the kernel stamps line events with {@code ktime_get_ns()}
 * unless a line asks for another event clock, which {@link LinuxLineEvents} never does. So the Pi backend's
 * {@code Clock.nanoTime()} must read CLOCK_MONOTONIC too, or the firmware would compare stamps from two
 * clocks. {@link System#nanoTime()} does on Linux: HotSpot's {@code os::javaTimeNanos()} is
 * {@code clock_gettime(CLOCK_MONOTONIC)} on every POSIX platform but macOS and AIX
 * ({@code src/hotspot/os/posix/os_posix.cpp}, OpenJDK 21), so a Pi {@code Clock} built on
 * {@code System.nanoTime()} shares the kernel's time base and the stamps need no conversion.
 *
 * <p><b>Which edge an event was.</b> With both edges requested the kernel does not know which edge fired:
 * its interrupt thread reads the line's level after the hard interrupt stamped the event and calls the
 * event rising if the level is then high ({@code edge_irq_thread} in {@code drivers/gpio/gpiolib-cdev.c}).
 * When that thread runs later than the magnet's pass lasts (370 us at 150 Hz with the sim's 20 degree window), the
 * arriving edge is reported as a departing one, and two successive events carry the same id, which a
 * line's alternating edges never do. On the Pi 4's controller both edges can also fold into one event:
 * its edge interrupts use {@code handle_edge_irq} (pinctrl-bcm2835.c), which does not mask the line while
 * the thread is pending, so a second edge restamps the pending event. This class therefore reads a repeated
 * id as the opposite of the previous event's edge ({@link #lateLevelReadCount()} counts them): the arriving
 * edge keeps its exact stamp when the kernel split the pass into two events, and is stamped up to one
 * pass late (at the departing edge) when it folded them, instead of being lost without a trace. Right after
 * a sequence gap, and for the first event, the kernel's id is taken as it is.
 *
 * <p><b>Lost edges.</b> The kernel numbers each line's events ({@code line_seqno}, 1 for the first); when its
 * buffer is full it drops the oldest event and the next one read shows the gap. A gap of n events is counted
 * as (n + 1) / 2 lost active edges (edges alternate; rounded up, so one lost event of either kind counts).
 * Active edges that find the ring full (a tick that stopped draining for {@code ringCapacity} strokes) are
 * counted too. {@link #droppedEdgeCount()} is the sum; it never falls.
 *
 * <p><b>How late the stamps are (from the kernel source; not measured: there is no Pi here).</b> The stamp
 * is {@code ktime_get_ns()} in {@code edge_irq_handler}, the hard-interrupt half of the line's threaded
 * interrupt; only a kernel debounce (a workqueue, jiffies later), a hardware timestamp engine, or a GPIO chip
 * behind a sleeping bus (nested threaded interrupts) moves it, and none applies to the SoC's pinctrl chip,
 * whose bank interrupts are demultiplexed by chained handlers ({@code bcm2835_gpio_irq_handler},
 * {@code rp1_gpio_irq_handler}). The line's interrupt is requested {@code IRQF_ONESHOT}, which
 * {@code irq_setup_forced_threading} leaves alone, so even a {@code PREEMPT_RT} kernel stamps in hard-interrupt
 * context. A stamp is therefore late by the interrupt latency of the core that takes it: published figures are
 * for the first Pi only (3.8 us mean, gkaindl/linux-gpio-irq-latency-test; 9-11 us, J. Jackowski 2013); a Pi
 * 4's Cortex-A72 is assumed to do no worse (a few us), a Pi 5 to add about a microsecond or two for RP1's
 * interrupt and register reads across PCIe, and the tail to be the time that core runs with interrupts
 * masked (tens of us, rarely hundreds on a stock kernel). Beyond that stamp error, a pass folded into one
 * event (above) is stamped late by the pass's width, 2 x 10 / 360 of a period: 370 us at 150 Hz, 1.4 ms at
 * the compact profile's 40 Hz. And an edge reaches the tick only after the kernel's interrupt thread and this
 * class's reader thread have run (assumed 0.1 to 1 ms, milliseconds in the tail on a loaded stock kernel),
 * which delays when an edge is seen, not its stamp.
 *
 * <p><b>How far the edges are complete.</b> An edge stamped but not yet read is on its way, and a firmware that
 * measured the time since the last edge to now would read it as a slowing shaft. So each pass of the reader vouches
 * for an instant ({@link #edgesCompleteThroughNanos}): it reads the clock, then reads the line without waiting until
 * the kernel's queue is empty; every edge stamped before that clock reading less {@value #QUEUE_ALLOWANCE_NANOS} ns
 * (the most the kernel's interrupt thread is assumed to take to queue an event after the hard interrupt stamped it)
 * was in that queue and is now in the ring. It then waits up to {@value #READER_POLL_NANOS} ns for the next event,
 * so the instant advances at least every millisecond or so (plus the thread's wake-up latency) even when the
 * shaft stands. The tick reads the instant before it empties the ring, so the edges it vouches for are all in what
 * that drain returns. How far the instant lags the clock is the delivery's own measure; the firmware faults when
 * it lags more than 10 ms (F39).
 *
 * <p>{@link #isActive()} is the level the kernel read for the latest event (the line's level at request
 * before any event), compared with the active edge's level.
 */
public final class KernelIndexSensor implements IndexSensor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KernelIndexSensor.class);

    /** The ring's default size: 1,024 edges, as the sim's pending buffer and the kernel's largest event buffer. */
    public static final int DEFAULT_RING_CAPACITY = 1024;
    /** How long one wait for events lasts at most: the instant vouched for advances at least this often. */
    public static final long READER_POLL_NANOS = 1_000_000L;
    /** The reader thread's SCHED_FIFO priority on a Pi (below the loop thread's 80, above the kernel's IRQ threads' 50). */
    static final int READER_PRIORITY = 60;
    /** The most the kernel's interrupt thread is assumed to take to queue an event after its stamp. */
    public static final long QUEUE_ALLOWANCE_NANOS = 500_000L;
    /** How long {@link #close()} waits for the reader thread. */
    static final long STOP_WAIT_MILLIS = 1_000L;
    static final int BATCH = 64;

    /** The edge the magnet's arrival makes on the line, as wired. */
    public enum ActiveEdge {
        RISING,
        FALLING
    }

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(KernelIndexSensor.class, "head", long.class);
            TAIL = l.findVarHandle(KernelIndexSensor.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LineEventSource source;
    private final boolean activeRising;
    private final long[] ring;
    private final int mask;
    /** Next slot the consumer (the tick) reads; written only by it, published with release. */
    @SuppressWarnings("unused")
    private long head;
    /** Next slot the producer (the reader) writes; written only by it, published with release. */
    @SuppressWarnings("unused")
    private long tail;

    // the reader's own state (one thread: the reader thread, or a test calling pump)
    private final long[] batchStamps = new long[BATCH];
    private final int[] batchIds = new int[BATCH];
    private final int[] batchSeqnos = new int[BATCH];
    private boolean havePrevious;
    private int previousId;
    private boolean previousRising;
    private int previousSeqno; // the kernel's first line_seqno is 1

    private volatile boolean active;
    private volatile long kernelDropped;
    private volatile long ringOverflows;
    private volatile long lateLevelReads;
    /** Where the kernel's queue is complete through, read before each non-blocking read (see the class note). */
    private final LongSupplier queueCompleteThrough;
    /** Published by the reader after the edges it vouches for are in the ring. */
    private volatile long completeThrough;
    /** The tick's: {@link #completeThrough} as read before its last drain. */
    private long drainedThrough;
    private volatile boolean running;
    /** Whether the reader thread asks for SCHED_FIFO (on the device; not for a scripted source in a test). */
    private boolean realTime;
    private volatile IOException failure;
    private Thread reader;
    private boolean closed;

    /**
     * @param source       the line's events, requested for both edges
     * @param activeEdge   the edge the magnet's arrival makes, as wired
     * @param ringCapacity edges held for the tick; a power of two
     */
    public KernelIndexSensor(LineEventSource source, ActiveEdge activeEdge, int ringCapacity) {
        this(source, activeEdge, ringCapacity, () -> System.nanoTime() - QUEUE_ALLOWANCE_NANOS);
    }

    /**
     * @param queueCompleteThrough the instant up to which the kernel's queue holds every edge stamped, read before
     *                             each read (production: CLOCK_MONOTONIC less {@link #QUEUE_ALLOWANCE_NANOS}; a test
     *                             rig: the instant its scripted kernel is complete through)
     */
    public KernelIndexSensor(LineEventSource source, ActiveEdge activeEdge, int ringCapacity,
                             LongSupplier queueCompleteThrough) {
        if (ringCapacity < 2 || Integer.bitCount(ringCapacity) != 1) {
            throw new IllegalArgumentException("index ring capacity " + ringCapacity + " must be a power of two >= 2");
        }
        this.source = source;
        this.activeRising = activeEdge == ActiveEdge.RISING;
        this.ring = new long[ringCapacity];
        this.mask = ringCapacity - 1;
        this.active = source.initialLevelHigh() == activeRising;
        this.queueCompleteThrough = queueCompleteThrough;
        // the line was just requested: it has no events from before
        this.completeThrough = queueCompleteThrough.getAsLong();
        this.drainedThrough = completeThrough;
    }

    /**
     * Opens BCM GPIO {@code line} of the SoC's pinctrl chip and starts reading it.
     *
     * @throws IOException one line naming the device node and the fix (see {@link LinuxLineEvents})
     */
    public static KernelIndexSensor openPinctrl(int line, ActiveEdge activeEdge, LinuxLineEvents.Bias bias)
            throws IOException {
        KernelIndexSensor sensor = new KernelIndexSensor(LinuxLineEvents.openPinctrlLine(line, bias), activeEdge,
                DEFAULT_RING_CAPACITY);
        sensor.realTime = true;
        sensor.start();
        return sensor;
    }

    /** Starts the reader thread (a daemon named {@code index-edges}). */
    public synchronized void start() {
        if (reader != null || closed) {
            throw new IllegalStateException("the index sensor's reader was started already or is closed");
        }
        running = true;
        reader = new Thread(this::readLoop, "index-edges");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        if (realTime) {
            // its lag is the firmware's blind time (F39 past 10 ms): above ordinary threads, below the loop's 80
            LOG.info("index reader: {}", com.needlepen.hal.pi4j.linux.RealTimeThread.schedFifo(READER_PRIORITY));
        }
        try {
            while (running) {
                pump(READER_POLL_NANOS);
            }
        } catch (IOException e) {
            failure = e;
            LOG.error("index sensor: {}; no more index edges will arrive", e.getMessage());
        } catch (RuntimeException e) {
            failure = new IOException(e);
            LOG.error("index sensor reader failed; no more index edges will arrive", e);
        }
    }

    /**
     * The reader thread's loop body (tests call it directly): reads what the kernel has queued without waiting and,
     * when that emptied the queue, vouches for the instant read before it; with nothing queued, then waits up to
     * {@code timeoutNanos} for an event (taking what comes; the next pass vouches). Returns the events read.
     */
    int pump(long timeoutNanos) throws IOException {
        long through = queueCompleteThrough.getAsLong();
        int n = readBatch(0L);
        if (n < BATCH && through > completeThrough) {
            completeThrough = through; // after the pushes: the tick that reads it finds their edges in the ring
        }
        if (n == 0 && timeoutNanos > 0) {
            n = readBatch(timeoutNanos);
        }
        return n;
    }

    private int readBatch(long timeoutNanos) throws IOException {
        int n = source.read(batchStamps, batchIds, batchSeqnos, BATCH, timeoutNanos);
        for (int i = 0; i < n; i++) {
            accept(batchStamps[i], batchIds[i], batchSeqnos[i]);
        }
        return n;
    }

    private void accept(long stampNanos, int id, int lineSeqno) {
        boolean idRising = id == GpioV2.EVENT_RISING_EDGE;
        int gap = sequenceGap(previousSeqno, lineSeqno);
        boolean rising;
        if (gap != 0) {
            if (gap > 0) {
                kernelDropped = kernelDropped + (gap + 1L) / 2L;
            }
            rising = idRising;
        } else if (!havePrevious || id != previousId) {
            rising = idRising;
        } else {
            // the same id twice, which alternating edges never give: the kernel read the level after the line
            // had moved on, so this edge is the other one than the previous
            rising = !previousRising;
            if (rising != idRising) {
                lateLevelReads = lateLevelReads + 1;
            }
        }
        previousSeqno = lineSeqno;
        previousId = id;
        previousRising = rising;
        havePrevious = true;
        if (rising == activeRising) {
            push(stampNanos);
        }
        active = idRising == activeRising;
    }

    /**
     * Events missing between two of the kernel's unsigned 32-bit {@code line_seqno}s (0 when consecutive); int
     * arithmetic wraps with them, so 0xFFFFFFFF then 0 is no gap. Negative when the number went back.
     */
    static int sequenceGap(int previousSeqno, int seqno) {
        return seqno - previousSeqno - 1;
    }

    private void push(long stampNanos) {
        long t = tail;
        long h = (long) HEAD.getAcquire(this);
        if (t - h >= ring.length) {
            ringOverflows = ringOverflows + 1;
            return;
        }
        ring[(int) t & mask] = stampNanos;
        TAIL.setRelease(this, t + 1);
    }

    @Override
    public int drainEdges(long[] timestampsNanos) {
        long through = completeThrough; // before the ring: the edges it vouches for are all in this drain
        long h = head;
        long t = (long) TAIL.getAcquire(this);
        int n = (int) Math.min(t - h, timestampsNanos.length);
        for (int k = 0; k < n; k++) {
            timestampsNanos[k] = ring[(int) (h + k) & mask];
        }
        HEAD.setRelease(this, h + n);
        // edges left for the next call (a full buffer) are not handed over yet: vouch only once the ring is empty
        if (h + n == t) {
            drainedThrough = through;
        }
        return n;
    }

    /** The instant the reader vouched for before the last drain that emptied the ring (see the class note). */
    @Override
    public long edgesCompleteThroughNanos() {
        return drainedThrough;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    /** Active edges lost: the kernel's sequence gaps (rounded up to whole edges) plus the ring's overflows. */
    @Override
    public long droppedEdgeCount() {
        return kernelDropped + ringOverflows;
    }

    /** Active edges the kernel's sequence gaps say were lost. */
    public long kernelDroppedEdges() {
        return kernelDropped;
    }

    /** Active edges that found the ring full. */
    public long ringOverflows() {
        return ringOverflows;
    }

    /**
     * Events whose kernel id repeated the previous one's (the kernel's interrupt thread read the level after
     * the line had moved on) and were taken as the other edge: a measure, on a Pi, of how often the
     * interrupt thread runs later than the magnet's pass lasts.
     */
    public long lateLevelReadCount() {
        return lateLevelReads;
    }

    /** Why the reader stopped, or null while it reads. */
    public IOException failure() {
        return failure;
    }

    /** Whether the reader thread is alive. */
    public synchronized boolean reading() {
        return reader != null && reader.isAlive();
    }

    /**
     * Stops the reader thread (it sees the request within one wait, 1 ms) and then releases the line.
     * The line is released only after the thread has stopped, so no read races the descriptor's close.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        if (reader != null) {
            try {
                reader.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (reader.isAlive()) {
                LOG.warn("index sensor: the reader thread did not stop within {} ms; the line stays requested",
                        STOP_WAIT_MILLIS);
                return;
            }
        }
        source.close();
    }
}
