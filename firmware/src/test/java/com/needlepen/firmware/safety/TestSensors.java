package com.needlepen.firmware.safety;

import com.needlepen.hal.AnalogSensors;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.CartridgeSensor;

/**
 * The analog readings and the cartridge switch as plain fields a check's unit test sets, for
 * judgements at their exact limits (the behaviour tests reach a limit only as a plant crosses it).
 */
final class TestSensors implements AnalogSensors, CartridgeSensor {

    double amps;
    double celsius = 30.0;
    double volts = 12.0;
    boolean present = true;
    String cartridgeId;

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

    @Override
    public boolean isPresent() {
        return present;
    }

    @Override
    public CartridgeInfo read() {
        return new CartridgeInfo(cartridgeId, 12);
    }
}
