package com.needlepen.hal.pi4j.i2c;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.I2cChannel;

/**
 * TI INA226 current/voltage monitor (SBOS547): the motor current through a shunt in series with the winding, read
 * with its sign, and the motor supply on its own VBUS pin, so one part serves both (the INA219 measures its bus at
 * IN-, a winding terminal when the shunt sits in the winding). The part the wiring recommends.
 *
 * <p>Figures from SBOS547 and cross-checked against Linux {@code drivers/iio/adc/ina2xx-adc.c} (calibration factor
 * 0.00512, shunt LSB 2.5 uV, bus LSB 1.25 mV unshifted, CVRF = bit 3 of Mask/Enable, averages 1..1024, conversion
 * times 140/204/332/588/1100/2116/4156/8244 us) and the Mask/Enable bits as RIOT and others define them from the
 * datasheet's Table "Mask/Enable Register" (LEN 0x0001, APOL 0x0002, OVF 0x0004, CVRF 0x0008, AFF 0x0010, CNVR
 * 0x0400):
 * <ul>
 *   <li>registers: 00h configuration (reset 4127h), 01h shunt voltage, 02h bus voltage, 03h power, 04h current,
 *       05h calibration, 06h Mask/Enable, 07h alert limit, FEh manufacturer id (5449h, "TI"), FFh die id (2260h);</li>
 *   <li>configuration: RST bit 15, bits 14..12 read 100, AVG bits 11..9, VBUSCT bits 8..6, VSHCT bits 5..3, MODE
 *       bits 2..0 (101 shunt continuous, 110 bus continuous, 111 both);</li>
 *   <li>Cal = 0.00512 / (Current_LSB x R_shunt) (SBOS547 equation 1); Current = Shunt x Cal / 2048, signed;</li>
 *   <li>shunt voltage LSB 2.5 uV, full scale +-81.92 mV (the register clips at 7FFFh / 8000h); bus LSB 1.25 mV;</li>
 *   <li>CVRF (Conversion Ready Flag) is set after all conversions, averaging and multiplications and cleared by
 *       reading Mask/Enable or writing the configuration; OVF (Math Overflow Flag) says the current and power
 *       data may be invalid.</li>
 * </ul>
 * An overflowed or saturated conversion reads not a number.
 */
public final class Ina226 extends InaMonitor {

    static final int REG_CONFIG = InaMonitor.REG_CONFIG;
    static final int REG_SHUNT = 0x01;
    static final int REG_BUS = 0x02;
    static final int REG_POWER = 0x03;
    static final int REG_CURRENT = 0x04;
    static final int REG_CALIBRATION = InaMonitor.REG_CALIBRATION;
    static final int REG_MASK_ENABLE = 0x06;
    static final int REG_MANUFACTURER_ID = 0xFE;
    static final int REG_DIE_ID = 0xFF;

    static final int MANUFACTURER_ID = 0x5449;
    static final int DIE_ID = 0x2260;
    static final int MASK_CVRF = 0x0008;
    static final int MASK_OVF = 0x0004;
    static final double CAL_FACTOR = 0.00512;
    static final double SHUNT_LSB_VOLTS = 2.5e-6;
    static final double BUS_LSB_VOLTS = 0.00125;

    private static final int[] AVERAGES = {1, 4, 16, 64, 128, 256, 512, 1024};
    private static final int[] CONVERSION_MICROS = {140, 204, 332, 588, 1100, 2116, 4156, 8244};

    public static final int MODE_SHUNT_CONTINUOUS = 0b101;
    public static final int MODE_BUS_CONTINUOUS = 0b110;
    public static final int MODE_SHUNT_AND_BUS_CONTINUOUS = 0b111;

    /**
     * How the part is set up.
     *
     * @param shuntOhms      the shunt resistance
     * @param currentLsbAmps the wanted current register LSB
     * @param avg            AVG code 0..7: 1, 4, 16 .. 1024 averages
     * @param busCt          VBUSCT code 0..7: 140 us .. 8.244 ms
     * @param shuntCt        VSHCT code 0..7
     * @param mode           a continuous MODE (101, 110, 111)
     */
    public record Settings(double shuntOhms, double currentLsbAmps, int avg, int busCt, int shuntCt, int mode) {
        public Settings {
            if (!(shuntOhms > 0 && shuntOhms < 10)) {
                throw new IllegalArgumentException("INA226 shunt " + shuntOhms + " ohm is out of range; allowed above 0 to 10 ohm");
            }
            if (avg < 0 || avg > 7 || busCt < 0 || busCt > 7 || shuntCt < 0 || shuntCt > 7) {
                throw new IllegalArgumentException("INA226 AVG " + avg + ", VBUSCT " + busCt + ", VSHCT " + shuntCt
                        + " out of range; allowed 0..7 each");
            }
            if (mode != MODE_SHUNT_CONTINUOUS && mode != MODE_BUS_CONTINUOUS && mode != MODE_SHUNT_AND_BUS_CONTINUOUS) {
                throw new IllegalArgumentException("INA226 mode " + Integer.toBinaryString(mode)
                        + " is not continuous; allowed 101, 110, 111 (a poll reads only what the part converts on its own)");
            }
            calibration(shuntOhms, currentLsbAmps);
        }

        /**
         * The motor shunt and the supply: 0.01 ohm in series with the winding (+-81.92 mV = +-8.19 A, above the
         * stall current at the highest supply, 5.04 A, and below the 10 A the plausibility check allows), a 0.25 mA
         * current LSB (the shunt's own step, 2.5 uV / 0.01 ohm; Cal 2048), no averaging, a 332 us shunt and a
         * 140 us bus conversion: a new current every 472 us, no slower than the sim's 532 us.
         */
        public static Settings motorAndSupply() {
            return new Settings(0.01, 0.00025, 0, 0, 2, MODE_SHUNT_AND_BUS_CONTINUOUS);
        }

        public int configWord() {
            return 0x4000 | avg << 9 | busCt << 6 | shuntCt << 3 | mode;
        }

        public long conversionPeriodNanos() {
            long shunt = CONVERSION_MICROS[shuntCt] * 1000L;
            long bus = CONVERSION_MICROS[busCt] * 1000L;
            long one = switch (mode) {
                case MODE_SHUNT_CONTINUOUS -> shunt;
                case MODE_BUS_CONTINUOUS -> bus;
                default -> shunt + bus;
            };
            return one * AVERAGES[avg];
        }
    }

    /**
     * The calibration register's value: 0.00512 / (Current_LSB x R_shunt) (SBOS547 equation 1), truncated (so the
     * current LSB it gives is never finer than asked; a relative 1e-12 keeps a whole quotient whole).
     */
    public static int calibration(double shuntOhms, double currentLsbAmps) {
        double exact = CAL_FACTOR / (currentLsbAmps * shuntOhms);
        long cal = (long) Math.floor(exact * (1 + 1e-12));
        if (!(exact >= 1 && cal <= 0x7FFF)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "INA226 calibration 0.00512 / (%.3g A x %.3g ohm) = %.1f does not fit the register; allowed 1 to 32767",
                    currentLsbAmps, shuntOhms, exact));
        }
        return (int) cal;
    }

    private final Settings settings;

    public Ina226(I2cChannel channel, Settings settings) {
        // the shunt register clips at 7FFFh: the current it gives there is the most the part can say (Cal 2048:
        // the current register equals the shunt register)
        super(channel, "INA226", settings.configWord(), calibration(settings.shuntOhms(), settings.currentLsbAmps()),
                settings.shuntOhms(), CAL_FACTOR, 0x7FFF, 2048, settings.mode());
        this.settings = settings;
    }

    @Override
    public void start() throws BusException {
        int manufacturer = regs.read(REG_MANUFACTURER_ID);
        int die = regs.read(REG_DIE_ID);
        if (manufacturer != MANUFACTURER_ID || die != DIE_ID) {
            throw new BusException(String.format(java.util.Locale.ROOT,
                    "%s is not an INA226: manufacturer id 0x%04x, die id 0x%04x; expected 0x5449 and 0x2260",
                    regs.where(), manufacturer, die));
        }
        configure();
    }

    @Override
    public boolean poll() throws BusException {
        int flags = regs.read(REG_MASK_ENABLE); // reading it clears CVRF
        if ((flags & MASK_CVRF) == 0) {
            return false;
        }
        int current = (short) regs.read(REG_CURRENT);
        int bus = regs.read(REG_BUS);
        took(current, (bus & 0x7FFF) * BUS_LSB_VOLTS, (flags & MASK_OVF) != 0);
        return true;
    }

    @Override
    public long conversionPeriodNanos() {
        return settings.conversionPeriodNanos();
    }
}
