package com.needlepen.hal.pi4j.tmc5160;

/**
 * Converts the HAL's steps per second and steps per second squared into the TMC5160 ramp generator's units and back.
 *
 * <p>From the TMC5160 datasheet, section 12.1 (real-world unit conversion), with {@code fCLK} the chip's clock (the
 * internal oscillator is 12 MHz nominal; an external clock on CLK16 replaces it):
 * <ul>
 *   <li>velocity: {@code v[steps/s] = v_chip * fCLK / 2 / 2^23}, so one LSB is 0.715 steps/s at 12 MHz;</li>
 *   <li>acceleration: {@code a[steps/s^2] = a_chip * fCLK^2 / (512 * 256) / 2^24}, so one LSB is 65.5 steps/s^2 at
 *       12 MHz (Zephyr's ADI TMC driver states the same formula);</li>
 *   <li>TSTEP, the time between two 1/256 microsteps in clocks, for the TCOOLTHRS threshold:
 *       {@code TSTEP = fCLK / (v * 256 / microsteps)} (TMC-API, TSTEP field: with the motion controller
 *       {@code TSTEP = 2^24 / V} at 256 microsteps).</li>
 * </ul>
 * The ramp generator counts XACTUAL in the microsteps CHOPCONF.MRES selects, so "steps" here are the HAL's microsteps.
 * The internal oscillator is within a few percent of 12 MHz (datasheet: 11.5 to 13 MHz over temperature): speeds and
 * accelerations are that far off, positions are not.
 *
 * @param clockHz    the chip's clock, Hz
 * @param microsteps the microsteps per full step MRES is set to
 */
public record Tmc5160Units(double clockHz, int microsteps) {

    /** VMAX's largest value (datasheet: 0 .. 2^23 - 512). */
    public static final int VMAX_LIMIT = (1 << 23) - 512;
    /** AMAX, DMAX, A1, D1 are 16 bits. */
    public static final int ACCEL_LIMIT = 0xFFFF;
    /** VSTART and VSTOP are 18 bits. */
    public static final int VSTART_LIMIT = (1 << 18) - 1;
    /** TCOOLTHRS is 20 bits. */
    public static final int TSTEP_LIMIT = (1 << 20) - 1;

    private static final double TWO_23 = 8_388_608.0;
    private static final double TWO_24 = 16_777_216.0;

    public Tmc5160Units {
        if (!(clockHz >= 4e6 && clockHz <= 18e6)) {
            throw new IllegalArgumentException("TMC5160 clock " + clockHz + " Hz not allowed: 4 to 18 MHz (datasheet)");
        }
        Tmc5160Registers.mres(microsteps); // validates
    }

    /** Steps per second for one VMAX/VSTART/VSTOP LSB. */
    public double stepsPerSecondPerLsb() {
        return clockHz / 2.0 / TWO_23;
    }

    /** Steps per second squared for one AMAX/DMAX/A1/D1 LSB. */
    public double stepsPerSecond2PerLsb() {
        return clockHz * clockHz / (512.0 * 256.0) / TWO_24;
    }

    /** The register value nearest {@code stepsPerSecond}, within 0 .. {@code limit}. */
    public int velocity(double stepsPerSecond, int limit) {
        return clamp(Math.round(stepsPerSecond / stepsPerSecondPerLsb()), 0, limit);
    }

    /** The register value nearest {@code stepsPerSecond2}, at least 1 (a 0 acceleration never ends a ramp). */
    public int acceleration(double stepsPerSecond2) {
        return clamp(Math.round(stepsPerSecond2 / stepsPerSecond2PerLsb()), 1, ACCEL_LIMIT);
    }

    /** The TSTEP (and so TCOOLTHRS) value at {@code stepsPerSecond}: larger is slower. */
    public int tstep(double stepsPerSecond) {
        if (!(stepsPerSecond > 0)) {
            return TSTEP_LIMIT;
        }
        return clamp(Math.round(clockHz / (stepsPerSecond * 256.0 / microsteps)), 0, TSTEP_LIMIT);
    }

    private static int clamp(long v, int min, int max) {
        return (int) Math.max(min, Math.min(max, v));
    }
}
