package com.needlepen.hal.pi4j.i2c;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.I2cChannel;

/**
 * TI TMP117 digital temperature sensor (SNOSD82), bonded to the handpiece's applied-part surface. Figures from
 * SNOSD82 "Register Map" and "Configuration Register":
 * <ul>
 *   <li>00h Temp_Result: 7.8125 m°C LSB, two's complement; reads 8000h (-256 °C) after a reset until the first
 *       conversion, averaging included, is done;</li>
 *   <li>01h Configuration (reset 0220h): HIGH_Alert 15, LOW_Alert 14, Data_Ready 13 (set when the result register
 *       is updated, cleared by reading the configuration or the result register), EEPROM_Busy 12, MOD 11..10
 *       (00 continuous, 01 shutdown, 11 one-shot), CONV 9..7, AVG 6..5 (1, 8, 32, 64 averages), T/nA 4, POL 3,
 *       DR/Alert 2, Soft_Reset 1;</li>
 *   <li>0Fh Device_ID: 0117h (DID bits 11..0, revision 15..12);</li>
 *   <li>conversion cycle: the longer of the CONV setting (15.5 ms, 125 ms, 250 ms, 500 ms, 1 s, 4 s, 8 s, 16 s)
 *       and the active conversion time of the averaging (15.5 ms, 125 ms, 500 ms, 1 s).</li>
 * </ul>
 * Continuous conversion with 8 averages and the shortest cycle (CONV 000, AVG 01): a new result every 125 ms, the
 * sim's HandpieceThermometer figure. Only a result flagged Data_Ready is taken as new.
 */
public final class Tmp117 {

    static final int REG_TEMP = 0x00;
    static final int REG_CONFIG = 0x01;
    static final int REG_DEVICE_ID = 0x0F;
    static final int DEVICE_ID = 0x0117;
    static final int DATA_READY = 1 << 13;
    static final double LSB_CELSIUS = 0.0078125;
    static final int RESET_RESULT = 0x8000;
    /** The bits a poll compares with what {@link #start()} wrote: MOD, CONV, AVG, T/nA, POL, DR/Alert. */
    static final int SETTINGS_MASK = 0x0FFC;

    private static final long[] CONV_MICROS = {15_500, 125_000, 250_000, 500_000, 1_000_000, 4_000_000, 8_000_000,
        16_000_000};
    private static final long[] ACTIVE_MICROS = {15_500, 125_000, 500_000, 1_000_000};

    /**
     * @param conv CONV code 0..7
     * @param avg  AVG code 0..3
     */
    public record Settings(int conv, int avg) {
        public Settings {
            if (conv < 0 || conv > 7 || avg < 0 || avg > 3) {
                throw new IllegalArgumentException("TMP117 CONV " + conv + ", AVG " + avg + " out of range; allowed CONV 0..7, AVG 0..3");
            }
        }

        /** Continuous, 8 averages, the shortest cycle: 125 ms. */
        public static Settings handpiece() {
            return new Settings(0, 1);
        }

        /** MOD 00 (continuous), the CONV and AVG codes, alert bits 0. */
        public int configWord() {
            return conv << 7 | avg << 5;
        }

        public long conversionPeriodNanos() {
            return Math.max(CONV_MICROS[conv], ACTIVE_MICROS[avg]) * 1000L;
        }
    }

    private final Registers16 regs;
    private final Settings settings;
    private final int config;
    private double celsius = Double.NaN;

    public Tmp117(I2cChannel channel, Settings settings) {
        this.regs = new Registers16(channel, "TMP117");
        this.settings = settings;
        this.config = settings.configWord();
    }

    /** Checks the device id and writes the configuration. */
    public void start() throws BusException {
        int id = regs.read(REG_DEVICE_ID);
        if ((id & 0x0FFF) != DEVICE_ID) {
            throw new BusException(String.format(java.util.Locale.ROOT,
                    "%s is not a TMP117: device id 0x%04x; expected 0x0117 in bits 11..0", regs.where(), id));
        }
        regs.write(REG_CONFIG, config);
        celsius = Double.NaN;
    }

    /**
     * Reads the configuration (which clears Data_Ready) and, when a new result was flagged, the result; returns
     * whether one was read. Throws when the part does not answer, or its configuration is no longer what
     * {@link #start()} wrote (a reset part runs at its power-up setting, 1 s cycle).
     */
    public boolean poll() throws BusException {
        int read = regs.read(REG_CONFIG);
        if ((read & SETTINGS_MASK) != (config & SETTINGS_MASK)) {
            celsius = Double.NaN;
            throw new BusException(String.format(java.util.Locale.ROOT,
                    "%s reads configuration 0x%04x, 0x%04x was written: the part reset", regs.where(), read, config));
        }
        if ((read & DATA_READY) == 0) {
            return false;
        }
        int raw = regs.read(REG_TEMP);
        // 8000h is the reset value, not a temperature (the part's range ends at -55 °C)
        celsius = raw == RESET_RESULT ? Double.NaN : (short) raw * LSB_CELSIUS;
        return true;
    }

    /** The last result read, °C; not a number before the first or when it read the reset value. */
    public double celsius() {
        return celsius;
    }

    public long conversionPeriodNanos() {
        return settings.conversionPeriodNanos();
    }

    public String where() {
        return regs.where();
    }
}
