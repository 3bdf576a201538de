package com.needlepen.hal.pi4j.tmc5160;

import com.needlepen.hal.pi4j.bus.SpiChannel;

/** The TMC5160's register model, for tests outside this package. */
public final class Tmc5160Models {

    private Tmc5160Models() {
    }

    /** A TMC5160 on its internal 12 MHz clock whose encoder counts {@code countsPerStep} per microstep. */
    public static SpiChannel chip(double countsPerStep) {
        return new Tmc5160Model(12e6, countsPerStep);
    }
}
