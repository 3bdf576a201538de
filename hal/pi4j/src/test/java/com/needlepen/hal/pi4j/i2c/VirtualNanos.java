package com.needlepen.hal.pi4j.i2c;

import java.util.function.LongSupplier;

/** The tests' clock: time moves only when a test moves it. */
final class VirtualNanos implements LongSupplier {
    long now = 1_000_000_000L;

    @Override
    public long getAsLong() {
        return now;
    }

    void advanceMicros(long micros) {
        now += micros * 1000L;
    }
}
