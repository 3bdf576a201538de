package com.needlepen.hal.sim;

import com.needlepen.hal.IndexSensor;
import java.util.SplittableRandom;

/**
 * The Hall index sensor as the firmware sees it: a level, and edges whose timestamps are late by a
 * fixed latency, a one-sided normal spread and rare outliers, as a kernel's interrupt stamps are.
 * Its faults are a real sensor's: dead (no edges, level inactive), its output stuck active, passes of
 * the magnet missed (the output stays inactive for the pass), noise spikes on the line (edges no
 * magnet made); a cracked magnet's fragment is the plant's ({@link SimPen}), seen here as any pass.
 *
 * <p><b>Delivery.</b> An edge reaches the firmware some time after its stamp, as on a Pi (docs/wiring.md): the
 * kernel's interrupt thread queues it {@value #QUEUE_MIN_NANOS} ns plus an exponential of mean
 * {@value #QUEUE_MEAN_EXTRA_NANOS} ns after the stamp (at most {@value #QUEUE_ALLOWANCE_NANOS} ns), and a reader
 * thread takes what is queued when it runs. The reader blocks until an edge is queued or
 * {@value #READER_POLL_NANOS} ns have passed and then runs after a wake-up latency: {@value #WAKE_MIN_NANOS} ns plus an
 * exponential of mean {@value #WAKE_MEAN_EXTRA_NANOS} ns, and in 1 of {@value #WAKE_TAIL_ONE_IN} wakes up to
 * {@value #WAKE_TAIL_MAX_NANOS} ns more (a loaded stock kernel). Each run vouches for the edges stamped up to its
 * start less the queue's allowance ({@link #edgesCompleteThroughNanos}), as {@code KernelIndexSensor} does. The
 * delivery draws come from a stream of their own, so the stamps are the same with or without it.
 * {@link SimFault#INDEX_READER_STALLED} holds the reader back for {@value SimHandle#INDEX_READER_STALL_MILLIS} ms.
 *
 * <p><b>Folded passes.</b> In 1 of {@value #FOLD_ONE_IN} passes the kernel's interrupt thread reads the line after
 * the magnet has gone, and on a Pi 4 both edges fold into one event: the arriving edge is then stamped at the
 * departing one, a pass width late (0.37 ms at 150 Hz, 1.4 ms at 40 Hz, more the slower the shaft), as
 * {@code KernelIndexSensor} reads such an event. Drawn from a stream of its own.
 */
final class IndexChannel implements IndexSensor {

    private static final int CAPACITY = 1024;

    private final SimParameters.Index params;
    private final SplittableRandom random;
    private final VirtualClock clock;
    private final long[] pending = new long[CAPACITY];
    /** When each pending edge is in the kernel's queue for the reader (true time), in order. */
    private final long[] queuedAt = new long[CAPACITY];
    /** The first {@code delivered} pending edges the reader has taken: the firmware can drain those. */
    private int delivered;
    private long lastQueuedAt = Long.MIN_VALUE;

    static final long QUEUE_MIN_NANOS = 10_000L;
    static final long QUEUE_MEAN_EXTRA_NANOS = 20_000L;
    /** The most the kernel's interrupt thread takes to queue an edge; the reader's vouching allows for it. */
    static final long QUEUE_ALLOWANCE_NANOS = 500_000L;
    static final long READER_POLL_NANOS = 1_000_000L;
    static final long WAKE_MIN_NANOS = 100_000L;
    static final long WAKE_MEAN_EXTRA_NANOS = 200_000L;
    static final int WAKE_TAIL_ONE_IN = 500;
    static final long WAKE_TAIL_MAX_NANOS = 3_000_000L;
    /** One pass in this many is folded into one event stamped at the magnet's departure. */
    static final int FOLD_ONE_IN = 2_000;
    private final SplittableRandom foldRandom = new SplittableRandom(0xF01DL);
    /** The pass under way was folded: its edge is stamped as the magnet leaves. */
    private boolean passFolded;
    /** The delivery's own draws (apart from the stamps'). */
    private final SplittableRandom deliveryRandom = new SplittableRandom(0x1DE1_1E7EL);
    /** When the reader last ran and began to wait (true time). */
    private long readerBlockedAt;
    /** The latency of the reader's next wake, drawn as it begins to wait. */
    private long readerWakeLatency;
    /** The reader runs no earlier than this ({@link SimFault#INDEX_READER_STALLED}). */
    private long readerStalledUntil = Long.MIN_VALUE;
    /** Every edge stamped up to here (true time) has been taken by the reader. */
    private long completeThroughTrue;
    /** {@link #completeThroughTrue} as of the last drain that handed over every edge the reader had taken. */
    private long drainedThroughTrue;
    private int head;
    private int size;
    private long lastStampNanos = Long.MIN_VALUE;
    private boolean active;
    private boolean dead;
    private long droppedEdges;
    /** The true field at the sensor (the magnet, or a fragment of it, within the active window). */
    private boolean magnet;
    /** The output stuck at its active level ({@link SimFault#INDEX_STUCK_ACTIVE}). */
    private boolean stuckActive;
    /** The share of the magnet's passes the sensor misses ({@link SimFault#INDEX_MISSED_EDGES}). */
    private double missShare;
    /** Draws which passes are missed; null: every 1/share-th pass, evenly (a share of 0.5 misses every other). */
    private SplittableRandom missRandom;
    private double missAccumulator;
    /** Whether the sensor misses the pass under way: its output stays inactive until the magnet has gone. */
    private boolean passMissed;
    /** Noise pulses per second ({@link SimHandle#addIndexNoise}), each a spike too short for a level read to see. */
    private double noisePerSecond;
    private SplittableRandom noiseRandom;
    private long lastUpdateNanos;

    IndexChannel(SimParameters.Index params, SplittableRandom random, VirtualClock clock) {
        this.params = params;
        this.random = random;
        this.clock = clock;
        this.readerBlockedAt = clock.trueNanos();
        this.completeThroughTrue = readerBlockedAt;
        this.drainedThroughTrue = readerBlockedAt;
        this.readerWakeLatency = drawWakeLatency();
    }

    private long drawWakeLatency() {
        long latency = WAKE_MIN_NANOS + exponential(WAKE_MEAN_EXTRA_NANOS);
        if (deliveryRandom.nextInt(WAKE_TAIL_ONE_IN) == 0) {
            latency += (long) (deliveryRandom.nextDouble() * WAKE_TAIL_MAX_NANOS);
        }
        return latency;
    }

    private long exponential(long meanNanos) {
        return (long) (-Math.log(1.0 - deliveryRandom.nextDouble()) * meanNanos);
    }

    /**
     * Runs the reader up to the true time {@code now}: each run takes the edges queued by then and vouches for those
     * stamped up to its start less the queue's allowance. Edges not yet pushed are stamped after {@code now}, so
     * none can wake a run at or before it.
     */
    private void runReader(long now) {
        while (true) {
            long trigger = readerBlockedAt + READER_POLL_NANOS;
            if (delivered < size) {
                trigger = Math.min(trigger, Math.max(readerBlockedAt, queuedAt[(head + delivered) % CAPACITY]));
            }
            long runAt = Math.max(trigger + readerWakeLatency, readerStalledUntil);
            if (runAt > now) {
                return;
            }
            while (delivered < size && queuedAt[(head + delivered) % CAPACITY] <= runAt) {
                delivered++;
            }
            // never back: at power-on nothing had been stamped, which it vouched for then
            completeThroughTrue = Math.max(completeThroughTrue, runAt - QUEUE_ALLOWANCE_NANOS);
            readerBlockedAt = runAt;
            readerWakeLatency = drawWakeLatency();
        }
    }

    /** The reader is held back (its thread starved) for {@code nanos} from now; what queues meanwhile waits. */
    void stallReader(long nanos) {
        readerStalledUntil = clock.trueNanos() + nanos;
    }

    /**
     * The plant reports the true field at the sensor at each step; the output's inactive-to-active
     * change is an edge. A missed pass leaves the output inactive for the whole pass; an output stuck
     * active gives one edge as it sticks (the line does change then) and none after.
     */
    void update(boolean magnetAtSensor, long nowNanos) {
        if (magnetAtSensor && !magnet) {
            passMissed = missesThisPass();
        }
        magnet = magnetAtSensor;
        boolean output = stuckActive || (magnet && !passMissed);
        boolean rising = output && !active;
        boolean falling = !output && active;
        active = output;
        if (rising && !dead) {
            passFolded = !stuckActive && foldRandom.nextInt(FOLD_ONE_IN) == 0;
            if (!passFolded) {
                push(stamp(nowNanos));
            }
        } else if (falling && passFolded) {
            passFolded = false;
            if (!dead) {
                push(stamp(nowNanos)); // the folded event: stamped as the magnet left
            }
        } else if (!output && !dead && noisePerSecond > 0.0
                && noiseRandom.nextDouble() < noisePerSecond * (nowNanos - lastUpdateNanos) * 1e-9) {
            push(stamp(nowNanos)); // a spike on the line: an edge the magnet did not make
        }
        lastUpdateNanos = nowNanos;
    }

    private boolean missesThisPass() {
        if (!(missShare > 0.0)) {
            return false;
        }
        if (missRandom != null) {
            return missRandom.nextDouble() < missShare;
        }
        missAccumulator += missShare;
        if (missAccumulator >= 1.0) {
            missAccumulator -= 1.0;
            return true;
        }
        return false;
    }

    private long stamp(long trueNanos) {
        long late = params.latencyNanos() + (long) Math.abs(random.nextGaussian() * params.jitterSigmaNanos());
        if (random.nextDouble() < params.outlierProbability()) {
            late += (long) (random.nextDouble() * params.outlierMaxNanos());
        }
        // the kernel delivers edges in order, so a late outlier delays the stamps after it too
        long stamp = Math.max(trueNanos + late, lastStampNanos + 1);
        lastStampNanos = stamp;
        return stamp;
    }

    /** Edges still to be lost ({@link SimFault#INDEX_EDGES_LOST}). */
    private int toLose;

    /** The next {@code count} edges are lost on their way to the firmware, and counted as the kernel would. */
    void loseNextEdges(int count) {
        toLose += count;
    }

    private void push(long stampNanos) {
        if (size == CAPACITY || toLose > 0) {
            toLose = Math.max(0, toLose - 1);
            droppedEdges++;
            return;
        }
        long queued = Math.max(stampNanos + Math.min(QUEUE_MIN_NANOS + exponential(QUEUE_MEAN_EXTRA_NANOS),
                QUEUE_ALLOWANCE_NANOS), lastQueuedAt);
        lastQueuedAt = queued;
        pending[(head + size) % CAPACITY] = stampNanos;
        queuedAt[(head + size) % CAPACITY] = queued;
        size++;
    }

    @Override
    public int drainEdges(long[] timestampsNanos) {
        // an edge can be read only once the reader has taken it from the kernel
        runReader(clock.trueNanos());
        int n = 0;
        while (delivered > 0 && n < timestampsNanos.length) {
            // stamped on the platform's clock, the one the HAL reads: when it lies, so do the stamps
            timestampsNanos[n++] = clock.reading(pending[head]);
            head = (head + 1) % CAPACITY;
            size--;
            delivered--;
        }
        // edges taken but left for the next call (a full array) are not handed over yet
        if (delivered == 0) {
            drainedThroughTrue = completeThroughTrue;
        }
        return n;
    }

    /**
     * As of the last {@link #drainEdges} that handed over every edge the reader had taken: the start of the reader's
     * last run less the queue's allowance.
     */
    @Override
    public long edgesCompleteThroughNanos() {
        return clock.reading(drainedThroughTrue);
    }

    @Override
    public boolean isActive() {
        return active && !dead;
    }

    /** Edges lost because the pending buffer (1,024, as a v2 line request's event buffer) was full: a late reader. */
    @Override
    public long droppedEdgeCount() {
        return droppedEdges;
    }

    void setDead(boolean dead) {
        this.dead = dead;
    }

    void setStuckActive(boolean stuck) {
        this.stuckActive = stuck;
    }

    /**
     * Misses {@code share} of the magnet's passes: at random with {@code random}, or evenly (every
     * 1/share-th pass) when it is null. A share of 0 mends the sensor.
     */
    void setNoise(double pulsesPerSecond, SplittableRandom random) {
        this.noisePerSecond = pulsesPerSecond;
        this.noiseRandom = random;
    }

    void setMissedEdges(double share, SplittableRandom random) {
        this.missShare = share;
        this.missRandom = random;
        this.missAccumulator = 0.0;
    }

    long droppedEdges() {
        return droppedEdges;
    }
}
