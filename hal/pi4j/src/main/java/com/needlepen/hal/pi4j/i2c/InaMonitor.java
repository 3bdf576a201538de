package com.needlepen.hal.pi4j.i2c;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.I2cChannel;
import java.util.Locale;

/**
 * What the INA219 and the INA226 drivers share: the configuration and calibration written and read back at start
 * (both keep them at 0x00 and 0x05), the calibration read back every {@value #VERIFY_EVERY} conversions (a part
 * that reset reads 0 A as if fresh), the current as a signed count times the LSB the written calibration gives, not
 * a number when it overflowed or reached the shunt's full scale, and the bus voltage.
 */
abstract class InaMonitor implements PowerMonitor {

    static final int REG_CONFIG = 0x00;
    static final int REG_CALIBRATION = 0x05;
    /** Every this many conversions the calibration register is read back. */
    static final int VERIFY_EVERY = 8;

    final Registers16 regs;
    private final int config;
    private final int cal;
    private final double lsbAmps;
    private final int saturationCounts;
    private final int modeBits;
    private int conversionsSinceVerify;
    private double amps = Double.NaN;
    private double busVolts = Double.NaN;

    /**
     * @param calFactor        the datasheet's calibration constant (0.04096 for the INA219, 0.00512 for the INA226)
     * @param fullScaleCounts  the shunt register's full scale at the calibration register's reference value
     * @param referenceCal     the calibration value at which the current register equals the shunt register
     */
    InaMonitor(I2cChannel channel, String part, int config, int cal, double shuntOhms, double calFactor,
               int fullScaleCounts, int referenceCal, int modeBits) {
        this.regs = new Registers16(channel, part);
        this.config = config;
        this.cal = cal;
        this.lsbAmps = calFactor / (cal * shuntOhms); // the LSB the written calibration gives
        this.saturationCounts = (int) Math.min(0x7FFF, (long) fullScaleCounts * cal / referenceCal);
        this.modeBits = modeBits;
    }

    /** Writes the configuration and the calibration and reads both back. */
    final void configure() throws BusException {
        regs.write(REG_CONFIG, config);
        regs.write(REG_CALIBRATION, cal);
        int readConfig = regs.read(REG_CONFIG);
        int readCal = regs.read(REG_CALIBRATION);
        if (readConfig != config || readCal != cal) {
            throw new BusException(String.format(Locale.ROOT,
                    "%s reads configuration 0x%04x and calibration 0x%04x after 0x%04x and 0x%04x were written",
                    regs.where(), readConfig, readCal, config, cal));
        }
        conversionsSinceVerify = 0;
        amps = Double.NaN;
        busVolts = Double.NaN;
    }

    /** Takes a conversion: the current register's signed count, the bus voltage, whether the part flagged overflow. */
    final void took(int currentCounts, double volts, boolean overflowFlag) throws BusException {
        if (++conversionsSinceVerify >= VERIFY_EVERY) {
            conversionsSinceVerify = 0;
            int readCal = regs.read(REG_CALIBRATION);
            if (readCal != cal) {
                amps = Double.NaN;
                busVolts = Double.NaN;
                throw new BusException(String.format(Locale.ROOT,
                        "%s reads calibration 0x%04x, 0x%04x was written: the part reset", regs.where(), readCal, cal));
            }
        }
        busVolts = volts;
        boolean overflow = overflowFlag || Math.abs(currentCounts) >= saturationCounts;
        amps = overflow ? Double.NaN : currentCounts * lsbAmps;
    }

    @Override
    public double amps() {
        return amps;
    }

    @Override
    public double busVolts() {
        return busVolts;
    }

    /** The current register's LSB as calibrated, in amperes. */
    public double currentLsbAmps() {
        return lsbAmps;
    }

    /** The calibration register's value written at {@link #start()}. */
    public int calibrationWord() {
        return cal;
    }

    @Override
    public boolean convertsShunt() {
        return (modeBits & 1) != 0;
    }

    @Override
    public boolean convertsBus() {
        return (modeBits & 2) != 0;
    }

    @Override
    public String where() {
        return regs.where();
    }
}
