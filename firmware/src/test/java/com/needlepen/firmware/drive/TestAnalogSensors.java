package com.needlepen.firmware.drive;

import com.needlepen.hal.AnalogSensors;

/**
 * The three analog readings as plain fields a drive unit test sets (0 A, 30 °C, 12 V until it does), for
 * the winding probe's and the nose estimate's decisions judged reading by reading.
 */
final class TestAnalogSensors implements AnalogSensors {

    double amps;
    double celsius = 30.0;
    double volts = 12.0;

    @Override
    public double motorCurrentAmps() {
        return amps;
    }

    @Override
    public double motorCurrentSignedAmps() {
        return amps;
    }

    @Override
    public double handpieceCelsius() {
        return celsius;
    }

    @Override
    public double supplyVolts() {
        return volts;
    }
}
