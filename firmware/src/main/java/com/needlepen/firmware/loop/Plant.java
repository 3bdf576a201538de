package com.needlepen.firmware.loop;

/**
 * The physics of a simulated pen, advanced by the loop as one phase of each tick (the firmware
 * never names a backend: a simulator hands its plant in as this).
 */
@FunctionalInterface
public interface Plant {

    /** Integrates the physics up to {@code nanos} on the plant's own clock. */
    void advanceTo(long nanos);
}
