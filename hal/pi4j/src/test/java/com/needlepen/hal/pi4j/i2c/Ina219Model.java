package com.needlepen.hal.pi4j.i2c;

import java.util.function.LongSupplier;

/**
 * An INA219 at register level (TI SBOS448), written from the datasheet and independent of the driver: configuration
 * (reset 399Fh; RST bit 15 resets every register), calibration (reset 0, bit 0 void), the shunt voltage (10 uV LSB,
 * clipped at 4000 x PG counts), the bus voltage (4 mV LSB in bits 15..3, 16 or 32 V range, CNVR bit 1, OVF bit 0),
 * current = shunt x Cal / 4096 and power = current x bus / 5000, both 16-bit (beyond: OVF, the current register wrapped). Conversions complete in
 * virtual time, one every (shunt + bus) conversion time of the configured mode from the last configuration write;
 * each sets CNVR, which a read of the power register or a configuration write clears.
 */
final class Ina219Model extends InaModel {

    static final int POR_CONFIG = 0x399F;
    private static final int[] ADC_MICROS = {84, 148, 276, 532, 84, 148, 276, 532,
        532, 1060, 2130, 4260, 8510, 17020, 34050, 68100};

    double inMinusVolts;
    /** A part (or a bus) that acknowledges writes and drops them. */
    boolean dropWrites;
    boolean cnvr;

    Ina219Model(int address, LongSupplier clock, double shuntOhms) {
        super(address, clock, shuntOhms, POR_CONFIG);
    }

    @Override
    long periodNanos() {
        int mode = config & 7;
        long s = ADC_MICROS[config >> 3 & 0xF] * 1000L;
        long b = ADC_MICROS[config >> 7 & 0xF] * 1000L;
        return switch (mode) {
            case 0b001, 0b101 -> s;
            case 0b010, 0b110 -> b;
            case 0b011, 0b111 -> s + b;
            default -> Long.MAX_VALUE;
        };
    }

    @Override
    boolean converting() {
        return periodNanos() != Long.MAX_VALUE;
    }

    @Override
    void convert() {
        int mode = config & 7;
        int pg = config >> 11 & 3;
        if ((mode & 1) != 0) {
            int fullScale = 4000 << pg;
            shunt = clamp(Math.round(trueAmps * shuntOhms / 10e-6), -fullScale, fullScale);
        }
        if ((mode & 2) != 0) {
            int max = (config & 0x2000) != 0 ? 8000 : 4000; // 32 V or 16 V full scale at 4 mV
            bus = clamp(Math.round(inMinusVolts / 0.004), 0, max);
        }
        long c = (long) shunt * (cal & 0xFFFE) / 4096;
        long p = c * bus / 5000;
        ovf = c > Short.MAX_VALUE || c < Short.MIN_VALUE || Math.abs(p) > 0xFFFF;
        // what the register holds past its range is not specified: modelled as the low 16 bits, a wrapped value that
        // looks like any other reading (never kinder than the part), so only the OVF flag tells it
        current = (int) c & 0xFFFF;
        power = clamp(Math.abs(p), 0, 0xFFFF);
        cnvr = true;
    }

    @Override
    int readRegister(int reg) {
        return switch (reg) {
            case 0x00 -> config;
            case 0x01 -> shunt & 0xFFFF;
            case 0x02 -> bus << 3 | (cnvr ? 2 : 0) | (ovf ? 1 : 0);
            case 0x03 -> {
                cnvr = false;
                yield power;
            }
            case 0x04 -> current;
            case 0x05 -> cal;
            default -> 0xFFFF;
        };
    }

    @Override
    void writeRegister(int reg, int value) {
        if (dropWrites) {
            return;
        }
        if (reg == 0x00) {
            if ((value & 0x8000) != 0) {
                powerOnReset();
                return;
            }
            config = value & 0x3FFF;
            cnvr = false;
            restartConversions();
        } else if (reg == 0x05) {
            cal = value & 0xFFFE;
        }
        // 01h..04h are read-only: the part ignores the write
    }

    /** A brown-out: every register to its power-on value, conversions start again in the default mode. */
    void powerOnReset() {
        cnvr = false;
        resetShared(POR_CONFIG);
    }
}
