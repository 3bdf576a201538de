package com.needlepen.hal;

/** The analog measurements the safety supervisor and the regulator use. */
public interface AnalogSensors {

    /**
     * Stroke motor current in amperes as the current monitor's last conversion reads it: the
     * winding current's magnitude, while driving and while braking, plus the monitor's offset (up
     * to ±20 mA, the unit's own) and noise (about 10 mA rms), in steps of its converter. A shaft at
     * rest reads tens of milliamperes, possibly below zero: the firmware zeroes and averages it.
     */
    double motorCurrentAmps();

    /** Handpiece surface temperature in degrees Celsius (the applied-part surface). */
    double handpieceCelsius();

    /** Motor supply voltage in volts. */
    double supplyVolts();
}
