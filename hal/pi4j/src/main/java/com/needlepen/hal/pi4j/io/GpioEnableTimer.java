package com.needlepen.hal.pi4j.io;

import com.needlepen.hal.EnableTimer;
import com.pi4j.io.gpio.digital.DigitalOutput;

/**
 * The hardware enable timer's feed: a retriggerable one-shot (a 74HC123-class monostable, docs/wiring.md) that
 * every edge on its feed line retriggers; while it runs, the stroke motor driver's enable may be high and the
 * supply switch is closed. {@link #feed(long)} toggles the line, so each tick is one edge; a frozen program stops
 * toggling and the one-shot drops both after {@link #timeoutNanos()}, the one-shot's period as built (its RC).
 * A line stuck at either level retriggers nothing: that is the point of feeding with edges, not a level.
 */
public final class GpioEnableTimer implements EnableTimer {

    /** The one-shot's period as built: the same 100 ms the simulated pen's timer has. */
    public static final long PERIOD_NANOS = 100_000_000L;

    private final DigitalOutput feedLine;
    private boolean level;

    public GpioEnableTimer(DigitalOutput feedLine) {
        this.feedLine = feedLine;
    }

    @Override
    public void feed(long nowNanos) {
        level = !level;
        try {
            if (level) {
                feedLine.high();
            } else {
                feedLine.low();
            }
        } catch (RuntimeException e) {
            // a feed that fails is a feed that did not happen: the one-shot runs out and drops the enable
        }
    }

    @Override
    public long timeoutNanos() {
        return PERIOD_NANOS;
    }
}
