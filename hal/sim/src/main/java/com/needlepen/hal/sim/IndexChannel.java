package com.needlepen.hal.sim;

import com.needlepen.hal.IndexSensor;
import java.util.SplittableRandom;

/**
 * The Hall index sensor as the firmware sees it: a level, and edges whose timestamps are late by a
 * fixed latency, a one-sided normal spread and rare outliers, as a kernel's interrupt stamps are.
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

    IndexChannel(SimParameters.Index params, SplittableRandom random, VirtualClock clock) {
        this.params = params;
        this.random = random;
        this.clock = clock;
    }

    /** The plant reports the true state of the magnet at each step; an inactive-to-active change is an edge. */
    void update(boolean magnetAtSensor, long nowNanos) {
        boolean rising = magnetAtSensor && !active;
        active = magnetAtSensor;
        if (rising && !dead) {
            push(stamp(nowNanos));
        }
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

    private void push(long stampNanos) {
        if (size == CAPACITY) {
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

    void setDead(boolean dead) {
        this.dead = dead;
    }

    long droppedEdges() {
        return droppedEdges;
    }
}
