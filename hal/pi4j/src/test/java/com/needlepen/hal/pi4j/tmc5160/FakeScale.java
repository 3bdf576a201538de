package com.needlepen.hal.pi4j.tmc5160;

import com.needlepen.hal.pi4j.scale.CollarScale;

/** A collar scale the test sets: the TMC5160 driver only passes its index phase and health on. */
final class FakeScale implements CollarScale {
    long indexPhaseSteps;
    boolean healthy = true;
    long zeroedTo = Long.MIN_VALUE;
    int polls;

    @Override
    public void poll(long nowNanos) {
        polls++;
    }

    @Override
    public long indexPhaseSteps() {
        return indexPhaseSteps;
    }

    @Override
    public long positionSteps() {
        return 0;
    }

    @Override
    public void zero(long steps) {
        zeroedTo = steps;
    }

    @Override
    public boolean healthy() {
        return healthy;
    }
}
