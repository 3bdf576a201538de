package com.needlepen.hal;

/** The analog measurements the safety supervisor and the regulator use. */
public interface AnalogSensors {

    /** Stroke motor current in amperes, averaged by the sensing filter (not signed). */
    double motorCurrentAmps();

    /** Handpiece surface temperature in degrees Celsius (the applied-part surface). */
    double handpieceCelsius();

    /** Motor supply voltage in volts. */
    double supplyVolts();
}
