package com.needlepen.hal.pi4j.i2c;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.I2cChannel;

/**
 * TI INA219 current/voltage monitor (SBOS448): the motor current through a shunt in series with the winding, read
 * with its sign, or, in its bus-only mode, a supply rail. Its bus voltage is measured at IN- (SBOS448 "Basic ADC
 * Functions": bus voltage is from IN- to ground), so with the shunt in the winding the bus register reads a
 * winding terminal, not the supply: a board with INA219s reads the supply with a second INA219 in bus-only mode
 * ({@link Settings#supplyBus()}). The INA226 has a VBUS pin of its own and does both with one part.
 *
 * <p>Figures from SBOS448 and cross-checked against Linux {@code drivers/iio/adc/ina2xx-adc.c} (INA219:
 * calibration factor 0.04096, shunt LSB 10 uV, bus LSB 4 mV shifted by 3, CNVR = bit 1 of the bus register, cleared
 * by reading the power register; conversion times 84/148/276/532 us and 532 us x 2^n averaged) and RIOT's
 * {@code ina2xx_defines.h} (CNVR 0x2, OVF 0x1, configuration after reset 0x399F):
 * <ul>
 *   <li>registers: 00h configuration, 01h shunt voltage, 02h bus voltage, 03h power, 04h current, 05h calibration;</li>
 *   <li>configuration: RST bit 15, BRNG bit 13 (0 = 16 V, 1 = 32 V), PG bits 12..11 (/1 40 mV .. /8 320 mV),
 *       BADC bits 10..7, SADC bits 6..3, MODE bits 2..0 (101 shunt continuous, 110 bus continuous, 111 both);</li>
 *   <li>Cal = trunc(0.04096 / (Current_LSB x R_shunt)); Current = Shunt x Cal / 4096, signed; bit 0 of the
 *       calibration register is void (always 0);</li>
 *   <li>shunt voltage LSB 10 uV at every PG setting, full scale 4000 counts x PG;</li>
 *   <li>bus voltage LSB 4 mV in bits 15..3, CNVR bit 1 (set when a conversion, averaging and the multiplications
 *       are done; cleared by reading the power register or writing the configuration), OVF bit 0 (the power or
 *       current calculation out of range: the data are meaningless).</li>
 * </ul>
 * An overflowed or saturated conversion reads not a number: a clipped shunt only says "at least this much".
 */
public final class Ina219 extends InaMonitor {

    static final int REG_CONFIG = InaMonitor.REG_CONFIG;
    static final int REG_SHUNT = 0x01;
    static final int REG_BUS = 0x02;
    static final int REG_POWER = 0x03;
    static final int REG_CURRENT = 0x04;
    static final int REG_CALIBRATION = InaMonitor.REG_CALIBRATION;

    static final int BUS_CNVR = 1 << 1;
    static final int BUS_OVF = 1;
    static final double CAL_FACTOR = 0.04096;
    static final double SHUNT_LSB_VOLTS = 10e-6;
    static final double BUS_LSB_VOLTS = 0.004;
    /** Checks the calibration register every this many conversions: a part that reset reads Cal 0 (current 0). */

    /** ADC setting codes (BADC/SADC) to conversion time in us (SBOS448 Table "ADC Settings"). */
    private static final int[] ADC_MICROS = {84, 148, 276, 532, 84, 148, 276, 532,
        532, 1060, 2130, 4260, 8510, 17020, 34050, 68100};

    /** Mode 101: shunt continuous. */
    public static final int MODE_SHUNT_CONTINUOUS = 0b101;
    /** Mode 110: bus continuous. */
    public static final int MODE_BUS_CONTINUOUS = 0b110;
    /** Mode 111: shunt and bus continuous. */
    public static final int MODE_SHUNT_AND_BUS_CONTINUOUS = 0b111;

    /**
     * How the part is set up.
     *
     * @param shuntOhms      the shunt resistance
     * @param currentLsbAmps the wanted current register LSB (the calibration rounds it to what the register holds)
     * @param pga            PG code 0..3: full scale 40, 80, 160, 320 mV
     * @param bus32Volts     BRNG: a 32 V bus range (else 16 V)
     * @param busAdc         BADC code 0..15
     * @param shuntAdc       SADC code 0..15
     * @param mode           a continuous MODE (101, 110, 111)
     */
    public record Settings(double shuntOhms, double currentLsbAmps, int pga, boolean bus32Volts, int busAdc,
                           int shuntAdc, int mode) {
        public Settings {
            if (!(shuntOhms > 0 && shuntOhms < 10)) {
                throw new IllegalArgumentException("INA219 shunt " + shuntOhms + " ohm is out of range; allowed above 0 to 10 ohm");
            }
            if (pga < 0 || pga > 3 || busAdc < 0 || busAdc > 15 || shuntAdc < 0 || shuntAdc > 15) {
                throw new IllegalArgumentException("INA219 PG " + pga + ", BADC " + busAdc + ", SADC " + shuntAdc
                        + " out of range; allowed PG 0..3, BADC and SADC 0..15");
            }
            if (mode != MODE_SHUNT_CONTINUOUS && mode != MODE_BUS_CONTINUOUS && mode != MODE_SHUNT_AND_BUS_CONTINUOUS) {
                throw new IllegalArgumentException("INA219 mode " + Integer.toBinaryString(mode)
                        + " is not continuous; allowed 101, 110, 111 (a poll reads only what the part converts on its own)");
            }
            calibration(shuntOhms, currentLsbAmps); // throws when the register cannot hold it
        }

        /**
         * The motor shunt: 0.05 ohm in series with the winding, PG /8 (+-320 mV = +-6.4 A, the stall current at the
         * highest supply, 12.6 V / 2.5 ohm = 5.04 A, with 27 % to spare), a 0.2 mA current LSB (Cal 4096, the
         * current register then equals the shunt register), 12-bit shunt conversions (532 us, the sim's
         * CurrentMonitor figure), shunt-only continuous mode (its bus register would read the winding terminal).
         */
        public static Settings motorShunt() {
            return new Settings(0.05, 0.0002, 3, true, 3, 3, MODE_SHUNT_CONTINUOUS);
        }

        /** A second INA219 reading the motor supply on its IN- pin: 32 V range, 12-bit, bus-only continuous. */
        public static Settings supplyBus() {
            return new Settings(0.05, 0.0002, 3, true, 3, 3, MODE_BUS_CONTINUOUS);
        }

        /** The configuration register's value. */
        public int configWord() {
            return (bus32Volts ? 1 << 13 : 0) | pga << 11 | busAdc << 7 | shuntAdc << 3 | mode;
        }

        /** One conversion cycle of the continuous mode: the shunt's, the bus's, or both in turn. */
        public long conversionPeriodNanos() {
            long shunt = ADC_MICROS[shuntAdc] * 1000L;
            long bus = ADC_MICROS[busAdc] * 1000L;
            return switch (mode) {
                case MODE_SHUNT_CONTINUOUS -> shunt;
                case MODE_BUS_CONTINUOUS -> bus;
                default -> shunt + bus;
            };
        }

        /** The shunt voltage register's full scale in counts of 10 uV: 4000 x the PG gain. */
        int shuntFullScaleCounts() {
            return 4000 << pga;
        }
    }

    /**
     * The calibration register's value: trunc(0.04096 / (Current_LSB x R_shunt)) (SBOS448 equation 1), with bit 0
     * cleared (void in the register). A relative 1e-12 is added before the truncation so that a quotient that is a
     * whole number on paper (0.04096 / (0.0002 x 0.05) = 4096) is not cut to 4095 by its binary representation.
     */
    public static int calibration(double shuntOhms, double currentLsbAmps) {
        double exact = CAL_FACTOR / (currentLsbAmps * shuntOhms);
        long cal = (long) Math.floor(exact * (1 + 1e-12)) & ~1L;
        if (!(exact >= 2 && cal <= 0xFFFE)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "INA219 calibration 0.04096 / (%.3g A x %.3g ohm) = %.1f does not fit the register; allowed 2 to 65534",
                    currentLsbAmps, shuntOhms, exact));
        }
        return (int) cal;
    }

    private final Settings settings;

    public Ina219(I2cChannel channel, Settings settings) {
        // Current_LSB = 0.04096 / (Cal x R); at Cal 4096 the current register equals the shunt register
        super(channel, "INA219", settings.configWord(), calibration(settings.shuntOhms(), settings.currentLsbAmps()),
                settings.shuntOhms(), CAL_FACTOR, settings.shuntFullScaleCounts(), 4096, settings.mode());
        this.settings = settings;
    }

    @Override
    public void start() throws BusException {
        configure();
    }

    @Override
    public boolean poll() throws BusException {
        int bus = regs.read(REG_BUS);
        if ((bus & BUS_CNVR) == 0) {
            return false;
        }
        int current = (short) regs.read(REG_CURRENT);
        regs.read(REG_POWER); // clears CNVR, so the next conversion is the next one flagged
        took(current, (bus >>> 3) * BUS_LSB_VOLTS, (bus & BUS_OVF) != 0);
        return true;
    }

    @Override
    public long conversionPeriodNanos() {
        return settings.conversionPeriodNanos();
    }
}
