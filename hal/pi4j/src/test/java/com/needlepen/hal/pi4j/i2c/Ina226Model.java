package com.needlepen.hal.pi4j.i2c;

import java.util.function.LongSupplier;

/**
 * An INA226 at register level (TI SBOS547), written from the datasheet and independent of the driver: configuration
 * (reset 4127h, bits 14..12 read 100, RST bit 15), calibration (bit 15 void), the shunt voltage (2.5 uV LSB, clipped
 * at 7FFFh/8000h = +-81.92 mV), the bus voltage at VBUS (1.25 mV LSB, 15 bits), current = shunt x Cal / 2048 and
 * power = current x bus / 20000 (past 16 bits: OVF, the current register wrapped), Mask/Enable (CVRF bit 3 set by each completed conversion and cleared by reading the
 * register or writing the configuration; OVF bit 2 for a current or power out of range), manufacturer id FEh = 5449h
 * and die id FFh = 2260h. One conversion every (shunt + bus) x averages in virtual time.
 */
final class Ina226Model extends InaModel {

    static final int POR_CONFIG = 0x4127;
    private static final int[] AVERAGES = {1, 4, 16, 64, 128, 256, 512, 1024};
    private static final int[] CT_MICROS = {140, 204, 332, 588, 1100, 2116, 4156, 8244};

    double vbusVolts;
    int manufacturerId = 0x5449;
    int dieId = 0x2260;
    int maskEnable;
    boolean cvrf;

    Ina226Model(int address, LongSupplier clock, double shuntOhms) {
        super(address, clock, shuntOhms, POR_CONFIG);
    }

    @Override
    long periodNanos() {
        long s = CT_MICROS[config >> 3 & 7] * 1000L;
        long b = CT_MICROS[config >> 6 & 7] * 1000L;
        long one = switch (config & 7) {
            case 0b001, 0b101 -> s;
            case 0b010, 0b110 -> b;
            case 0b011, 0b111 -> s + b;
            default -> Long.MAX_VALUE / 2048;
        };
        return one * AVERAGES[config >> 9 & 7];
    }

    @Override
    boolean converting() {
        int mode = config & 7;
        return mode != 0 && mode != 4;
    }

    @Override
    void convert() {
        int mode = config & 7;
        if ((mode & 1) != 0) {
            shunt = clamp(Math.round(trueAmps * shuntOhms / 2.5e-6), Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if ((mode & 2) != 0) {
            bus = clamp(Math.round(vbusVolts / 0.00125), 0, 0x7FFF);
        }
        long c = (long) shunt * (cal & 0x7FFF) / 2048;
        long p = Math.abs(c) * bus / 20000;
        ovf = c > Short.MAX_VALUE || c < Short.MIN_VALUE || p > 0xFFFF;
        // what the register holds past its range is not specified: modelled as the low 16 bits, a wrapped value that
        // looks like any other reading (never kinder than the part), so only the OVF flag tells it
        current = (int) c & 0xFFFF;
        power = clamp(p, 0, 0xFFFF);
        cvrf = true;
    }

    @Override
    int readRegister(int reg) {
        return switch (reg) {
            case 0x00 -> config;
            case 0x01 -> shunt & 0xFFFF;
            case 0x02 -> bus;
            case 0x03 -> power;
            case 0x04 -> current;
            case 0x05 -> cal;
            case 0x06 -> {
                int v = maskEnable | (cvrf ? 0x0008 : 0) | (ovf ? 0x0004 : 0);
                cvrf = false;
                yield v;
            }
            case 0xFE -> manufacturerId;
            case 0xFF -> dieId;
            default -> 0;
        };
    }

    @Override
    void writeRegister(int reg, int value) {
        switch (reg) {
            case 0x00 -> {
                if ((value & 0x8000) != 0) {
                    powerOnReset();
                    return;
                }
                config = value & 0x0FFF | 0x4000;
                cvrf = false;
                restartConversions();
            }
            case 0x05 -> cal = value & 0x7FFF;
            case 0x06 -> maskEnable = value & 0xFC03;
            default -> {
                // read-only registers ignore the write
            }
        }
    }

    void powerOnReset() {
        maskEnable = 0;
        cvrf = false;
        resetShared(POR_CONFIG);
    }
}
