package com.needlepen.hal;

/** The analog measurements the safety supervisor and the regulator use. */
public interface AnalogSensors {

    /**
     * Stroke motor current in amperes as the current monitor's last conversion reads it: the
     * magnitude of {@link #motorCurrentSignedAmps()}, the monitor's offset (up to ±20 mA, the unit's own)
     * and noise (about 10 mA rms) in, while driving and while braking, in steps of its converter. A shaft at
     * rest reads tens of milliamperes, the offset's size whatever its sign: the firmware zeroes on the
     * signed reading and averages it.
     */
    double motorCurrentAmps();

    /**
     * The same monitor's reading with its sign (the INA219 class reads its shunt in both directions):
     * positive while the winding's current drives the shaft forward, negative while the shaft gives energy
     * back (the cam's spring pushing it on, a brake); the same offset, noise and steps. Its mean over whole
     * revolutions is the motor's mean torque over its torque constant; the magnitude's mean is more, by
     * whatever the current swings below zero within a revolution (H53).
     */
    double motorCurrentSignedAmps();

    /** Handpiece surface temperature in degrees Celsius (the applied-part surface). */
    double handpieceCelsius();

    /** Motor supply voltage in volts. */
    double supplyVolts();
}
