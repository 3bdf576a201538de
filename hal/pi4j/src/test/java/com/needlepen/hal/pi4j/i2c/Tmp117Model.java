package com.needlepen.hal.pi4j.i2c;

import java.util.function.LongSupplier;

/**
 * A TMP117 at register level (TI SNOSD82), independent of the driver: Temp_Result (7.8125 m°C, two's complement,
 * 8000h after a reset until the first conversion), Configuration (reset 0220h; flags 15..12 read-only; Data_Ready
 * bit 13 set at each conversion's end and cleared by reading the configuration or the result; Soft_Reset bit 1),
 * Device_ID 0117h. Conversions every max(CONV cycle, AVG active time) in continuous mode, none in shutdown.
 */
final class Tmp117Model extends Register16Model {

    static final int POR_CONFIG = 0x0220;
    private static final long[] CONV_MICROS = {15_500, 125_000, 250_000, 500_000, 1_000_000, 4_000_000, 8_000_000,
        16_000_000};
    private static final long[] ACTIVE_MICROS = {15_500, 125_000, 500_000, 1_000_000};

    double trueCelsius = 25.0;
    boolean frozen;
    int deviceId = 0x0117;

    int config = POR_CONFIG;
    int temp = 0x8000;
    boolean dataReady;
    private long since;
    private long conversionsDone;

    Tmp117Model(int address, LongSupplier clock) {
        super(address, clock);
        since = clock.getAsLong();
    }

    long periodNanos() {
        int conv = config >> 7 & 7;
        int avg = config >> 5 & 3;
        return Math.max(CONV_MICROS[conv], ACTIVE_MICROS[avg]) * 1000L;
    }

    @Override
    void advance(long nowNanos) {
        int mod = config >> 10 & 3;
        if (frozen || mod == 1) {
            return;
        }
        long done = (nowNanos - since) / periodNanos();
        if (done > conversionsDone) {
            conversionsDone = done;
            temp = clamp(Math.round(trueCelsius / 0.0078125), Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFF;
            dataReady = true;
        }
    }

    @Override
    int readRegister(int reg) {
        return switch (reg) {
            case 0x00 -> {
                dataReady = false;
                yield temp;
            }
            case 0x01 -> {
                int v = config | (dataReady ? 1 << 13 : 0);
                dataReady = false;
                yield v;
            }
            case 0x0F -> deviceId;
            default -> 0;
        };
    }

    @Override
    void writeRegister(int reg, int value) {
        if (reg == 0x01) {
            if ((value & 0x0002) != 0) {
                powerOnReset();
                return;
            }
            config = value & 0x0FFC;
            since = now();
            conversionsDone = 0;
        }
    }

    void powerOnReset() {
        config = POR_CONFIG;
        temp = 0x8000;
        dataReady = false;
        since = now();
        conversionsDone = 0;
    }
}
