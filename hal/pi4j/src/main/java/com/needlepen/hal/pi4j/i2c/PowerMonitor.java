package com.needlepen.hal.pi4j.i2c;

import com.needlepen.hal.pi4j.bus.BusException;

/**
 * A current/voltage monitor on I2C (INA219 or INA226) as {@link I2cAnalogSensors} uses it: configured once,
 * then polled on the backend's service thread, where each poll tells whether the part finished a new conversion
 * since the last one read (its conversion-ready flag), so that a value is never taken twice as fresh.
 */
public interface PowerMonitor {

    /** Writes the configuration and calibration registers (and checks the part's identity where it has one). */
    void start() throws BusException;

    /**
     * Reads the conversion-ready flag and, when set, the conversion's results; returns whether a new conversion was
     * read. Throws when the part does not answer or no longer holds the configuration {@link #start()} wrote.
     */
    boolean poll() throws BusException;

    /**
     * The shunt current of the last conversion read, in amperes with its sign (positive from IN+ to IN-); not a
     * number when the part flagged a math overflow or the shunt voltage was at the converter's full scale.
     */
    double amps();

    /** The bus voltage of the last conversion read, in volts. */
    double busVolts();

    /** Whether its mode converts the shunt voltage (the current). */
    boolean convertsShunt();

    /** Whether its mode converts the bus voltage. */
    boolean convertsBus();

    /** How often the part completes a conversion with the configuration it was given (datasheet figures). */
    long conversionPeriodNanos();

    /** The part and its address, for one-line messages. */
    String where();
}
