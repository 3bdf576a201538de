package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * Sensors that lie by not moving (H35): a reading inside its range ({@link SensorPlausibilityCheck}
 * passes it) that does not follow what the pen is doing. Two cases, one fault (F26), the detail
 * naming which:
 * <ul>
 *   <li><b>the handpiece temperature stuck</b>: the reading has not changed at all while the winding
 *       took in {@value #STUCK_JOULES} J since it last did (I² times the cold resistance, the least
 *       heat that current can make, counted only while running, so a pen at rest at a steady
 *       temperature never trips it). That heat must reach the shell and the thermistor: on the sim
 *       pen it is about 0.16 K in the winding (1.25 J/K), and every bit of it moves the shell's
 *       temperature. On skin the winding takes it in about 1.5 s at 50 Hz, 5 s at 100 Hz and 8 s at
 *       150 Hz: well inside the half minute the sim's 20 W fault needs to heat the shell from 25 °C
 *       past 41 °C. A frozen converter repeats its last value exactly. And unchanged for at least
 *       {@value #STUCK_MIN_MILLIS} ms: a live digital sensor (TMP117 class, a conversion every 125 ms in
 *       0.0078 °C steps with about 0.64 of a step of noise) repeats its last code now and then, at thermal
 *       equilibrium about half its conversions; {@value #STUCK_MIN_MILLIS} ms is 48 conversions, which a
 *       live sensor repeats with a chance of about 1e-12 (0.56^48). Hardware requirement: the sensor is
 *       read with noise of at least half a step rms and a conversion every 125 ms or faster; a quieter or
 *       slower one needs this time raised.</li>
 *   <li><b>the motor current dead</b>: while running with the shaft measured turning at
 *       {@value #TURNING_HZ} Hz or more, the zeroed mean of {@value #BLOCK} readings below half the
 *       current friction alone needs (the profile's friction torque over its torque constant: 15 mA
 *       on the sim pen) in {@value #BLOCKS} blocks running. A turning shaft always draws that much
 *       (the sim pen reads 100 to 200 mA mean at 150 and 50 Hz), a dead sense line reads the unit's
 *       offset and noise (10 mA rms: 1.8 mA over a block), which zeroing removes. The over-current,
 *       stall and parking's stillness judgements all rest on this reading.</li>
 * </ul>
 * Comparisons are written so a reading that is not a number counts as stuck or dead.
 */
public final class StuckSensorCheck implements SafetyCheck {

    static final double STUCK_JOULES = 0.2;
    static final long STUCK_MIN_MILLIS = 6_000;
    private static final long STUCK_MIN_NANOS = STUCK_MIN_MILLIS * 1_000_000L;
    static final double TURNING_HZ = 20.0;
    static final int BLOCK = 32;
    static final int BLOCKS = 3;

    private final SafetyInputs in;
    private final double coldOhm;
    private final double minAmps;

    private double lastCelsius = Double.NaN;
    private boolean haveCelsius;
    private double joulesSinceChange;
    private long changedNanos;
    private long lastNanos = Long.MIN_VALUE;

    private double blockSum;
    private int blockCount;
    private int deadBlocks;

    private boolean currentDead;
    private double value;
    private double rateHz;
    private double stuckSeconds;

    public StuckSensorCheck(SafetyInputs in) {
        this.in = in;
        var motor = in.profile().motor();
        this.coldOhm = motor.resistanceOhm20C();
        this.minAmps = 0.5 * motor.frictionTorqueNm() / motor.torqueConstantNmPerA();
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        long dtNanos = lastNanos == Long.MIN_VALUE ? 0L : Math.max(0L, nowNanos - lastNanos);
        lastNanos = nowNanos;
        var drive = in.drive();
        // zeroed on the signed reading (the magnitude of a reading near zero is the offset's size whatever its sign)
        double amps = drive.zeroedAmps(in.sensors().motorCurrentSignedAmps());
        boolean running = state == PenState.RUNNING;

        double celsius = in.sensors().handpieceCelsius();
        // Double.compare: a reading that is not a number and stays so counts as unchanged
        if (!haveCelsius || Double.compare(celsius, lastCelsius) != 0) {
            lastCelsius = celsius;
            haveCelsius = true;
            joulesSinceChange = 0.0;
            changedNanos = nowNanos;
        } else if (running) {
            joulesSinceChange += amps * amps * coldOhm * dtNanos * 1e-9;
            // NaN current: the energy is not a number and counts as reached
            if (!(joulesSinceChange < STUCK_JOULES) && nowNanos - changedNanos >= STUCK_MIN_NANOS) {
                currentDead = false;
                value = celsius;
                stuckSeconds = (nowNanos - changedNanos) / 1e9;
                return FaultCode.F26_SENSOR_STUCK;
            }
        }

        rateHz = drive.measuredRateHz(nowNanos);
        if (!running || !drive.hasMeasurement() || !(rateHz >= TURNING_HZ)) {
            blockSum = 0.0;
            blockCount = 0;
            deadBlocks = 0;
            return null;
        }
        blockSum += amps;
        if (++blockCount < BLOCK) {
            return null;
        }
        double mean = blockSum / BLOCK;
        blockSum = 0.0;
        blockCount = 0;
        deadBlocks = mean >= minAmps ? 0 : deadBlocks + 1;
        if (deadBlocks >= BLOCKS) {
            currentDead = true;
            value = mean;
            return FaultCode.F26_SENSOR_STUCK;
        }
        return null;
    }

    @Override
    public String detail() {
        return currentDead
                ? String.format(Locale.ROOT, "motor current reads %.3f A while the shaft turns at %.1f Hz", value, rateHz)
                : String.format(Locale.ROOT, "handpiece temperature stuck at %.2f °C for %.1f s while the winding took %.1f J",
                        value, stuckSeconds, joulesSinceChange);
    }
}
