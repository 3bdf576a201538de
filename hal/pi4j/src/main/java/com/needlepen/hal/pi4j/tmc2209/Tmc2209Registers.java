package com.needlepen.hal.pi4j.tmc2209;

/**
 * The TMC2209 registers and bits the collar driver uses, with where each figure comes from, so the driver and the
 * test's register model ({@code Tmc2209Model}) share one reading of the datasheet.
 *
 * <p>Sources: TMC2209 datasheet rev. 1.03 (Trinamic, 2019-06-26) §4 (UART: datagrams, CRC8, SENDDELAY), §5
 * (register map); ADI's TMC-API, {@code tmc/ic/TMC2209/TMC2209_Register.h} (addresses), {@code TMC2209_Fields.h}
 * (bit positions and reset defaults) and {@code TMC2209.h} (the access table: read, write, write-1-to-clear);
 * janelia-arduino/TMC2209 {@code src/TMC2209.h} for the registers TMC-API's list leaves out (TCOOLTHRS 0x14, SGTHRS
 * 0x40, SG_RESULT 0x41, COOLCONF 0x42) and the IOIN version 0x21.
 */
public final class Tmc2209Registers {

    private Tmc2209Registers() {
    }

    // ---- addresses (TMC-API TMC2209_Register.h; janelia-arduino TMC2209.h for 0x14, 0x40-0x42)
    /** Global configuration, RW. */
    public static final int GCONF = 0x00;
    /** Global status, R + write 1 to clear. */
    public static final int GSTAT = 0x01;
    /** Interface transmission counter, R: +1 for each correctly received write datagram, wraps 255 to 0. */
    public static final int IFCNT = 0x02;
    /** NODECONF (SLAVECONF): SENDDELAY in bits 8..11, W. */
    public static final int NODECONF = 0x03;
    /** Input pins and the silicon version (bits 24..31), R. */
    public static final int IOIN = 0x06;
    /** Run and hold current, W. */
    public static final int IHOLD_IRUN = 0x10;
    /** Delay from standstill to the hold current, W. */
    public static final int TPOWERDOWN = 0x11;
    /** Measured time between 1/256 microsteps in 1/fCLK, R. */
    public static final int TSTEP = 0x12;
    /** Upper velocity (as TSTEP) for StealthChop; 0 keeps StealthChop at every speed, W. */
    public static final int TPWMTHRS = 0x13;
    /** Lower velocity (as TSTEP) for CoolStep and the StallGuard stall output: active when TCOOLTHRS >= TSTEP, W. */
    public static final int TCOOLTHRS = 0x14;
    /** Velocity of the internal pulse generator; 0 = STEP input in use, W. */
    public static final int VACTUAL = 0x22;
    /** StallGuard threshold: stall when SG_RESULT <= 2 * SGTHRS, W. */
    public static final int SGTHRS = 0x40;
    /** StallGuard4 result, 10 bits (bits 9 and 0 always 0), updated each full step; higher is less load, R. */
    public static final int SG_RESULT = 0x41;
    /** CoolStep configuration, W. */
    public static final int COOLCONF = 0x42;
    /** Chopper configuration (TOFF, MRES, intpol, dedge), RW. */
    public static final int CHOPCONF = 0x6C;
    /** Driver status flags, R. */
    public static final int DRV_STATUS = 0x6F;
    /** StealthChop configuration, RW. */
    public static final int PWMCONF = 0x70;

    // ---- GCONF bits (TMC-API TMC2209_Fields.h)
    /** VREF pin sets the current scale (reset default 1); 0: the internal reference. */
    public static final int GCONF_I_SCALE_ANALOG = 1;
    /** 1: SpreadCycle; 0: StealthChop (StallGuard4 works only in StealthChop). */
    public static final int GCONF_EN_SPREADCYCLE = 1 << 2;
    /** 1: PDN_UART's power-down input function off, so UART traffic on the pin is not read as a power-down request. */
    public static final int GCONF_PDN_DISABLE = 1 << 6;
    /** 1: microstep resolution from CHOPCONF.MRES, not the MS1/MS2 pins (which then only set the node address). */
    public static final int GCONF_MSTEP_REG_SELECT = 1 << 7;
    /** 1: the step input filter that smooths a jittery step train above about 750 full steps/s (reset default 1). */
    public static final int GCONF_MULTISTEP_FILT = 1 << 8;

    // ---- GSTAT bits (TMC-API TMC2209_Fields.h; the descriptions are the datasheet's)
    /** The IC has been reset since GSTAT was last cleared: all registers are back at their reset values. */
    public static final int GSTAT_RESET = 1;
    /** The driver shut down (overtemperature or short); DRV_STATUS says which. Clears only once the cause has. */
    public static final int GSTAT_DRV_ERR = 1 << 1;
    /** Charge pump undervoltage: the driver is disabled. Not latched. */
    public static final int GSTAT_UV_CP = 1 << 2;

    // ---- IHOLD_IRUN fields
    public static final int IHOLD_SHIFT = 0;
    public static final int IRUN_SHIFT = 8;
    public static final int IHOLDDELAY_SHIFT = 16;

    // ---- CHOPCONF fields (TMC-API TMC2209_Fields.h)
    /** TOFF, bits 0..3: 0 disables the bridges. */
    public static final int CHOPCONF_TOFF_MASK = 0x0F;
    public static final int CHOPCONF_HSTRT_SHIFT = 4;
    public static final int CHOPCONF_HEND_SHIFT = 7;
    public static final int CHOPCONF_TBL_SHIFT = 15;
    /** MRES, bits 24..27: 0 = 256 microsteps ... 8 = full steps; microsteps per STEP pulse = 256 >> MRES. */
    public static final int CHOPCONF_MRES_SHIFT = 24;
    public static final int CHOPCONF_MRES_MASK = 0x0F << CHOPCONF_MRES_SHIFT;
    /** intpol: the MRES steps interpolated to 256 microsteps. */
    public static final int CHOPCONF_INTPOL = 1 << 28;
    /** dedge: a step on both STEP edges; the datasheet says it is not compatible with multistep_filt. */
    public static final int CHOPCONF_DEDGE = 1 << 29;

    // ---- DRV_STATUS bits (TMC-API TMC2209_Fields.h)
    public static final int DRV_OTPW = 1;
    public static final int DRV_OT = 1 << 1;
    public static final int DRV_S2GA = 1 << 2;
    public static final int DRV_S2GB = 1 << 3;
    public static final int DRV_S2VSA = 1 << 4;
    public static final int DRV_S2VSB = 1 << 5;
    public static final int DRV_OLA = 1 << 6;
    public static final int DRV_OLB = 1 << 7;
    /** Standstill: no step for 2^20 clocks. */
    public static final int DRV_STST = 1 << 31;

    /** IOIN bits 24..31 on a TMC2209 (janelia-arduino TMC2209.h {@code VERSION}; a TMC2208 reads 0x20). */
    public static final int IOIN_VERSION_TMC2209 = 0x21;

    /** The internal clock the time registers count in (TSTEP, TCOOLTHRS, TPOWERDOWN): 12 MHz as trimmed by OTP. */
    public static final double F_CLK_HZ = 12.0e6;

    /** MRES for {@code microsteps} per STEP pulse (1, 2, 4 ... 256). */
    public static int mres(int microsteps) {
        if (microsteps < 1 || microsteps > 256 || Integer.bitCount(microsteps) != 1) {
            throw new IllegalArgumentException("TMC2209 microsteps " + microsteps + ": must be a power of two in 1..256");
        }
        return 8 - Integer.numberOfTrailingZeros(microsteps);
    }

    /**
     * TSTEP at {@code stepsPerSecond} STEP pulses with {@code microsteps} microsteps each: the time between two 1/256
     * microsteps in clocks, TSTEP = fCLK / f(1/256 steps) (datasheet, TSTEP and the velocity thresholds).
     */
    public static long tstep(double stepsPerSecond, int microsteps) {
        return (long) Math.ceil(F_CLK_HZ / (stepsPerSecond * (256.0 / microsteps)));
    }
}
