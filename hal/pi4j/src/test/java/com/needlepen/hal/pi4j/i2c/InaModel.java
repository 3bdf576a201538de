package com.needlepen.hal.pi4j.i2c;

import java.util.function.LongSupplier;

/**
 * What the INA219 and INA226 models share: the registers both parts have (configuration, calibration, shunt, bus,
 * current, power, the overflow), conversions in virtual time from the last configuration write (one every
 * {@link #periodNanos()} while {@link #converting()}), and a part that stops converting ({@link #frozen}: its
 * oscillator, a latched fault; the registers keep their last values).
 */
abstract class InaModel extends Register16Model {

    final double shuntOhms;
    /** The current through the shunt, A (signed). */
    double trueAmps;
    boolean frozen;

    int config;
    int cal;
    int shunt;
    int bus;
    int current;
    int power;
    boolean ovf;
    private long since;
    private long conversionsDone;

    InaModel(int address, LongSupplier clock, double shuntOhms, int porConfig) {
        super(address, clock);
        this.shuntOhms = shuntOhms;
        this.config = porConfig;
        this.since = clock.getAsLong();
    }

    /** One conversion's time in the configured mode. */
    abstract long periodNanos();

    /** Whether the configured mode converts at all (not power-down). */
    abstract boolean converting();

    /** Takes one conversion of what the mode measures, into the registers. */
    abstract void convert();

    @Override
    void advance(long nowNanos) {
        if (frozen || !converting()) {
            return;
        }
        long done = (nowNanos - since) / periodNanos();
        if (done > conversionsDone) {
            conversionsDone = done;
            convert();
        }
    }

    /** A configuration write restarts the conversions. */
    void restartConversions() {
        since = now();
        conversionsDone = 0;
    }

    /** The registers both parts share to their power-on values, and conversions afresh. */
    void resetShared(int porConfig) {
        config = porConfig;
        cal = 0;
        shunt = 0;
        bus = 0;
        current = 0;
        power = 0;
        ovf = false;
        restartConversions();
    }
}
