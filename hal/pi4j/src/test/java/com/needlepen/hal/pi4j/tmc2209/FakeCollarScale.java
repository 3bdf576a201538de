package com.needlepen.hal.pi4j.tmc2209;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.scale.CollarScale;
import java.util.function.LongSupplier;

/**
 * A collar scale that reads where the test says the collar truly is (by default: where the chip's pulses put it),
 * zeroed like the real one, with an injectable failure.
 */
final class FakeCollarScale implements CollarScale {

    private final LongSupplier truePosition;
    private long offset;
    private long reading;
    private boolean healthy = true;
    private boolean failing;
    int polls;

    FakeCollarScale(LongSupplier truePosition) {
        this.truePosition = truePosition;
    }

    @Override
    public void poll(long nowNanos) throws BusException {
        polls++;
        if (failing) {
            throw new BusException("AS5311 SSI frame parity error");
        }
        reading = truePosition.getAsLong() + offset;
    }

    @Override
    public long indexPhaseSteps() {
        return Math.floorMod(reading + 3200, 6400) - 3200;
    }

    @Override
    public long positionSteps() {
        return reading;
    }

    @Override
    public void zero(long steps) {
        offset = steps - truePosition.getAsLong();
        reading = steps;
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    void setHealthy(boolean h) {
        healthy = h;
    }

    void setFailing(boolean f) {
        failing = f;
    }
}
