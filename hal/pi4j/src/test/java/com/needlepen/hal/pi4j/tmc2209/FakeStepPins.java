package com.needlepen.hal.pi4j.tmc2209;

import java.util.ArrayList;
import java.util.List;

/**
 * STEP and DIR as the chip sees them: counts pulses by direction, records each pulse's time on the virtual clock and
 * the position it moved to, and fails on a step before any direction was set.
 */
final class FakeStepPins implements StepPins {

    private final VirtualStepTimer clock;
    private Boolean deeper;
    private long position;
    final List<Long> times = new ArrayList<>();
    final List<Long> positions = new ArrayList<>();
    int directionChanges;

    /** Pulses closer together than this fail at once (the rate the step loop promises to keep). */
    private final long minIntervalNanos;

    FakeStepPins(VirtualStepTimer clock) {
        this(clock, 100_000); // 10,000 steps/s
    }

    FakeStepPins(VirtualStepTimer clock, long minIntervalNanos) {
        this.clock = clock;
        this.minIntervalNanos = minIntervalNanos;
    }

    @Override
    public void direction(boolean d) {
        if (deeper == null || deeper != d) {
            directionChanges++;
        }
        deeper = d;
    }

    @Override
    public void step() {
        if (deeper == null) {
            throw new AssertionError("STEP pulsed before DIR was ever set");
        }
        long now = clock.nanoTime();
        if (!times.isEmpty() && now - times.get(times.size() - 1) < minIntervalNanos) {
            throw new AssertionError("STEP pulses " + (now - times.get(times.size() - 1)) + " ns apart, under "
                    + minIntervalNanos + " ns (a burst the motor cannot follow)");
        }
        position += deeper ? 1 : -1;
        times.add(now);
        positions.add(position);
    }

    long position() {
        return position;
    }

    /** The shortest time between two consecutive pulses, ns. */
    long shortestInterval() {
        long min = Long.MAX_VALUE;
        for (int i = 1; i < times.size(); i++) {
            min = Math.min(min, times.get(i) - times.get(i - 1));
        }
        return min;
    }
}
