package com.needlepen.hal.sim;

import com.needlepen.hal.IndexSensor;
import java.util.SplittableRandom;

/**
 * The Hall index sensor as the firmware sees it: a level, and edges whose timestamps are late by a
 * fixed latency, a one-sided normal spread and rare outliers, as a kernel's interrupt stamps are.
 * Its faults are a real sensor's: dead (no edges, level inactive), its output stuck active, passes of
 * the magnet missed (the output stays inactive for the pass), noise spikes on the line (edges no
 * magnet made); a cracked magnet's fragment is the plant's ({@link SimPen}), seen here as any pass.
 */
final class IndexChannel implements IndexSensor {

    private static final int CAPACITY = 1024;

    private final SimParameters.Index params;
    private final SplittableRandom random;
    private final VirtualClock clock;
    private final long[] pending = new long[CAPACITY];
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
        active = output;
        if (rising && !dead) {
            push(stamp(nowNanos));
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
        pending[(head + size) % CAPACITY] = stampNanos;
        size++;
    }

    @Override
    public int drainEdges(long[] timestampsNanos) {
        // an edge can be read only once the kernel has stamped it
        long now = clock.trueNanos();
        int n = 0;
        while (size > 0 && n < timestampsNanos.length && pending[head] <= now) {
            // stamped on the platform's clock, the one the HAL reads: when it lies, so do the stamps
            timestampsNanos[n++] = clock.reading(pending[head]);
            head = (head + 1) % CAPACITY;
            size--;
        }
        return n;
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
