package com.needlepen.hal.pi4j.tmc5160;

/**
 * The TMC5160's register addresses and the bit fields this driver uses, in one place, so the driver and the
 * test's register model (Tmc5160Model) are written from the same figures and a wrong figure shows in one review.
 *
 * <p>Sources: the TMC5160 datasheet (Rev. 1.x, Trinamic/ADI), sections 4.1 (SPI datagram, SPI_STATUS), 6 (register
 * map: GCONF, GSTAT, IOIN, IHOLD_IRUN, TPOWERDOWN, TCOOLTHRS, ramp generator registers, ENC_*, CHOPCONF, COOLCONF,
 * DRV_STATUS) and 12 (ramp generator, real-world unit conversion); cross-checked against ADI's TMC-API
 * ({@code analogdevicesinc/TMC-API}, {@code tmc/ic/TMC5160/TMC5160_HW_Abstraction.h}: register addresses, field
 * masks and shifts, SPI_STATUS bits; {@code TMC5160.h}: GSTAT is a flag register cleared by reading or writing 1).
 */
public final class Tmc5160Registers {

    private Tmc5160Registers() {
    }

    /** Bit 7 of a datagram's address byte: 1 writes the four data bytes, 0 reads (datasheet 4.1.1). */
    public static final int WRITE = 0x80;
    /** A datagram: one address byte, four data bytes, MSB first (datasheet 4.1). */
    public static final int DATAGRAM_BYTES = 5;

    // --- addresses (datasheet 6; TMC-API TMC5160_HW_Abstraction.h) ---
    public static final int GCONF = 0x00;
    /** Global status flags (reset, drv_err, uv_cp); reading clears reset and drv_err (R+WC). */
    public static final int GSTAT = 0x01;
    /** Input pins and the silicon VERSION in bits 31..24 (0x30 on the TMC5160). TMC-API names it INP_OUT. */
    public static final int IOIN = 0x04;
    public static final int IHOLD_IRUN = 0x10;
    public static final int TPOWERDOWN = 0x11;
    public static final int TSTEP = 0x12;
    public static final int TPWMTHRS = 0x13;
    public static final int TCOOLTHRS = 0x14;
    public static final int THIGH = 0x15;
    public static final int RAMPMODE = 0x20;
    public static final int XACTUAL = 0x21;
    public static final int VACTUAL = 0x22;
    public static final int VSTART = 0x23;
    public static final int A1 = 0x24;
    public static final int V1 = 0x25;
    public static final int AMAX = 0x26;
    public static final int VMAX = 0x27;
    public static final int DMAX = 0x28;
    public static final int D1 = 0x2A;
    public static final int VSTOP = 0x2B;
    public static final int TZEROWAIT = 0x2C;
    public static final int XTARGET = 0x2D;
    public static final int SW_MODE = 0x34;
    public static final int RAMP_STAT = 0x35;
    public static final int ENCMODE = 0x38;
    public static final int X_ENC = 0x39;
    public static final int ENC_CONST = 0x3A;
    public static final int ENC_STATUS = 0x3B;
    public static final int ENC_DEVIATION = 0x3D;
    public static final int CHOPCONF = 0x6C;
    public static final int COOLCONF = 0x6D;
    public static final int DRV_STATUS = 0x6F;

    // --- SPI_STATUS, the first byte of every reply (datasheet 4.1.2; TMC-API TMC5160_SPI_STATUS_*) ---
    /** GSTAT[0]: the chip reset since GSTAT was last read. */
    public static final int STATUS_RESET_FLAG = 0x01;
    /** GSTAT[1]: the driver shut its bridges down (overtemperature, short) since GSTAT was last read. */
    public static final int STATUS_DRIVER_ERROR = 0x02;
    /** DRV_STATUS[24]: the StallGuard flag. */
    public static final int STATUS_SG2 = 0x04;
    /** DRV_STATUS[31]: standstill (2^20 clocks after the last step). */
    public static final int STATUS_STANDSTILL = 0x08;
    /** RAMP_STAT[8]. */
    public static final int STATUS_VELOCITY_REACHED = 0x10;
    /** RAMP_STAT[9]. */
    public static final int STATUS_POSITION_REACHED = 0x20;
    /** RAMP_STAT[0]. */
    public static final int STATUS_STOP_L = 0x40;
    /** RAMP_STAT[1]. */
    public static final int STATUS_STOP_R = 0x80;

    // --- GSTAT ---
    public static final int GSTAT_RESET = 1;
    public static final int GSTAT_DRV_ERR = 1 << 1;
    public static final int GSTAT_UV_CP = 1 << 2;

    // --- GCONF ---
    /** 0: SpreadCycle only. StallGuard2 and the open-load flags work in SpreadCycle, not StealthChop. */
    public static final int GCONF_EN_PWM_MODE = 1 << 2;
    public static final int GCONF_SHAFT = 1 << 4;

    // --- IOIN ---
    public static final int IOIN_VERSION_SHIFT = 24;
    /** VERSION of the TMC5160 (datasheet 6.1, IOIN bits 31..24). */
    public static final int TMC5160_VERSION = 0x30;

    // --- IHOLD_IRUN (0..31 each, IHOLDDELAY 0..15) ---
    public static final int IHOLD_SHIFT = 0;
    public static final int IRUN_SHIFT = 8;
    public static final int IHOLDDELAY_SHIFT = 16;
    public static final int CURRENT_MASK = 0x1F;

    // --- RAMPMODE ---
    public static final int RAMPMODE_POSITIONING = 0;
    public static final int RAMPMODE_VELOCITY_POSITIVE = 1;
    public static final int RAMPMODE_VELOCITY_NEGATIVE = 2;
    public static final int RAMPMODE_HOLD = 3;

    // --- RAMP_STAT (TMC-API TMC5160_RS_*) ---
    public static final int RS_STOP_L = 1;
    public static final int RS_STOP_R = 1 << 1;
    public static final int RS_EVENT_STOP_SG = 1 << 6;
    /** Cleared by reading RAMP_STAT (R+C). */
    public static final int RS_EVENT_POS_REACHED = 1 << 7;
    public static final int RS_VELOCITY_REACHED = 1 << 8;
    public static final int RS_POSITION_REACHED = 1 << 9;
    public static final int RS_VZERO = 1 << 10;
    public static final int RS_ZEROWAIT_ACTIVE = 1 << 11;
    public static final int RS_SECOND_MOVE = 1 << 12;
    public static final int RS_STATUS_SG = 1 << 13;

    // --- CHOPCONF ---
    public static final int CHOPCONF_TOFF_SHIFT = 0;
    public static final int CHOPCONF_HSTRT_SHIFT = 4;
    public static final int CHOPCONF_HEND_SHIFT = 7;
    public static final int CHOPCONF_TBL_SHIFT = 15;
    public static final int CHOPCONF_MRES_SHIFT = 24;
    public static final int CHOPCONF_MRES_MASK = 0x0F << CHOPCONF_MRES_SHIFT;
    /** Interpolation to 256 microsteps (MicroPlyer). */
    public static final int CHOPCONF_INTPOL = 1 << 28;

    // --- COOLCONF ---
    public static final int COOLCONF_SGT_SHIFT = 16;
    public static final int COOLCONF_SGT_MASK = 0x7F;
    public static final int COOLCONF_SFILT = 1 << 24;

    // --- DRV_STATUS (datasheet 6.5.3; TMC-API TMC5160_*_MASK) ---
    public static final int DRV_SG_RESULT_MASK = 0x3FF;
    public static final int DRV_S2VSA = 1 << 12;
    public static final int DRV_S2VSB = 1 << 13;
    public static final int DRV_STEALTH = 1 << 14;
    public static final int DRV_FSACTIVE = 1 << 15;
    public static final int DRV_STALLGUARD = 1 << 24;
    public static final int DRV_OT = 1 << 25;
    public static final int DRV_OTPW = 1 << 26;
    public static final int DRV_S2GA = 1 << 27;
    public static final int DRV_S2GB = 1 << 28;
    public static final int DRV_OLA = 1 << 29;
    public static final int DRV_OLB = 1 << 30;
    public static final int DRV_STST = 1 << 31;

    // --- ENCMODE ---
    /** 0: ENC_CONST is binary fixed point (16.16); 1: decimal (/10,000). */
    public static final int ENCMODE_DECIMAL = 1 << 10;

    /** MRES for {@code microsteps} per full step: 256 is 0, 128 is 1, ... 1 (full step) is 8 (datasheet, CHOPCONF). */
    public static int mres(int microsteps) {
        if (microsteps < 1 || microsteps > 256 || Integer.bitCount(microsteps) != 1) {
            throw new IllegalArgumentException("TMC5160 microsteps " + microsteps
                    + " not allowed: a power of two from 1 to 256");
        }
        return 8 - Integer.numberOfTrailingZeros(microsteps);
    }
}
