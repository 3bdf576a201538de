package com.needlepen.hal.pi4j.scale;

import com.needlepen.hal.pi4j.bus.BusException;

/**
 * The collar's magnetic scale (an AS5311-class sensor over a 2 mm pole-pair strip, read over its SSI output),
 * as both collar drivers use it: the phase within the pole pair relative to the strip's index mark, which
 * homing takes its zero from ({@code CollarStepper.sensedIndexPhaseSteps}), and, for a driver without an
 * encoder input of its own (TMC2209), the collar's position unwrapped from successive absolute readings.
 * Read on the backend's service thread ({@link #poll(long)}); the getters return the latest reading without
 * touching the bus.
 */
public interface CollarScale {
    /** Reads the sensor once; throws when it does not answer or its frame is corrupt (parity, status). */
    void poll(long nowNanos) throws BusException;

    /**
     * Where the collar is relative to the nearest index mark, in the collar driver's microsteps at the nominal
     * steps per mm, in [-half a pole pair, +half a pole pair); positive is deeper.
     */
    long indexPhaseSteps();

    /**
     * The collar's position unwrapped from the readings since {@link #zero(long)}, in microsteps at the nominal
     * steps per mm; positive is deeper. Valid only while the scale is polled faster than the collar moves half
     * a pole pair.
     */
    long positionSteps();

    /** Redefines the unwrapped position now as {@code steps}. */
    void zero(long steps);

    /**
     * Whether the last reading was sound: the frame's parity and the sensor's own status (magnet field in range,
     * offset compensation finished, no overflow) good, and read recently enough to unwrap.
     */
    boolean healthy();
}
