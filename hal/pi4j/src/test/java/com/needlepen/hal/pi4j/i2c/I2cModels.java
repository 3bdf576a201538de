package com.needlepen.hal.pi4j.i2c;

import com.needlepen.hal.pi4j.bus.I2cChannel;
import java.util.function.LongSupplier;

/** The I2C parts' register models, for tests outside this package (a whole pen on models). */
public final class I2cModels {

    private I2cModels() {
    }

    /** An INA226 on a {@code shuntOhms} shunt reading {@code amps} through it and {@code volts} on its VBUS. */
    public static I2cChannel ina226(int address, LongSupplier clock, double shuntOhms, double amps, double volts) {
        Ina226Model m = new Ina226Model(address, clock, shuntOhms);
        m.trueAmps = amps;
        m.vbusVolts = volts;
        return m;
    }

    /** A TMP117 reading {@code celsius}. */
    public static I2cChannel tmp117(int address, LongSupplier clock, double celsius) {
        Tmp117Model m = new Tmp117Model(address, clock);
        m.trueCelsius = celsius;
        return m;
    }

    /** A 24AA02E48 holding {@code eui48}. */
    public static I2cChannel eeprom(long eui48) {
        return new Eeprom24aa02e48Model(eui48);
    }

    /** An SSD1306. */
    public static I2cChannel ssd1306() {
        return new Ssd1306Model();
    }

    /** Sets what an INA226 made here reads: the current through its shunt, the voltage on its VBUS. */
    public static void set(I2cChannel ina226, double amps, double volts) {
        Ina226Model m = (Ina226Model) ina226;
        m.trueAmps = amps;
        m.vbusVolts = volts;
    }

    /** Sets what a TMP117 made here reads. */
    public static void set(I2cChannel tmp117, double celsius) {
        ((Tmp117Model) tmp117).trueCelsius = celsius;
    }
}
