package com.needlepen.firmware.drive;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ThermalSpec;
import com.needlepen.hal.AnalogSensors;

/**
 * The applied part's temperature as the firmware estimates it from what it can read (IEC 60601-1
 * 11.1 limits the applied part, not the sensor). The handpiece's thermistor sits on the grip, away
 * from the nose where the drive makes its heat (the winding's I²R and its PWM ripple's, the motor's
 * brush and bearing friction), and it reads late, through its own first-order lag. So:
 *
 * <pre>  nose ≈ reading + lag × (the reading's rise per second) + gradient + hand offset</pre>
 *
 * <ul>
 *   <li><b>lag</b>: a first-order sensor reads its body's temperature {@code lag × dT/dt} late; the rise is
 *       taken over the last {@value #SLOPE_SAMPLES} readings {@value #SLOPE_SPACING_MILLIS} ms apart (2 s), and only
 *       a rise counts (a cooling reading is left as it is: never lower than read);</li>
 *   <li><b>gradient</b>: the heat the drive makes at the nose, from the measured current (the hot winding's
 *       resistance, {@code motor.maxWindingCelsius}: the most it can be), the PWM ripple the monitor cannot
 *       see ({@code thermal.pwmRippleAmpsPerVolt}), the motor's rated friction at the measured rate and the
 *       cam follower's sliding friction at its worst ({@code thermal.followerFrictionMax} times the most contact
 *       force any allowed cartridge makes, {@link com.needlepen.config.MotorLimits#followerContactForceN}, at
 *       the rim's speed: heat made at the nose itself), times the profile's {@code thermal.noseGradientKPerW},
 *       followed by a filter that lets it build faster than the nose can heat and fall slower than it can cool;</li>
 *   <li><b>hand offset</b>: the practitioner's hand (34 °C) cools the grip below a 40 °C room; the most that
 *       holds the thermistor below the nose with no heat inside is added always.</li>
 * </ul>
 *
 * The warning and the cut-off ({@code ThermalDerating}, {@code TemperatureCheck}) judge this estimate. A
 * reading that is not a number makes it not a number (the checks fail safe on it). Not counted: heat the
 * drive makes beyond the motor's rated friction and the follower's worst (a bearing that drags): it shows
 * as more current, and the thermistor sees it, late (docs/safety.md, H47). Allocates nothing.
 */
public final class NoseTemperature {

    static final int SLOPE_SAMPLES = 9;
    static final long SLOPE_SPACING_MILLIS = 250;
    private static final long SLOPE_SPACING_NANOS = SLOPE_SPACING_MILLIS * 1_000_000L;
    private static final double SLOPE_WINDOW_SECONDS = (SLOPE_SAMPLES - 1) * SLOPE_SPACING_MILLIS / 1000.0;

    private final AnalogSensors sensors;
    private final ThermalSpec thermal;
    private final double hotOhm;
    private final double frictionNm;
    private final double viscousNmPerRadPerS;
    /** The follower's friction torque at its worst, N m: its heat at the nose is this times ω. */
    private final double followerNm;
    private final boolean compensating;

    private final double[] readings = new double[SLOPE_SAMPLES];
    private int readingCount;
    private int readingNext;
    private long lastSampleNanos = Long.MIN_VALUE;
    private long lastNanos = Long.MIN_VALUE;

    private double heatWatts;
    private double gradientK;
    private double lagK;

    NoseTemperature(AnalogSensors sensors, DeviceProfile profile, boolean compensating) {
        this.sensors = sensors;
        this.thermal = profile.thermal();
        this.hotOhm = profile.motorLimits().hotResistanceOhm();
        this.frictionNm = profile.motor().frictionTorqueNm();
        this.viscousNmPerRadPerS = profile.motor().viscousNmPerRadPerS();
        this.followerNm = thermal.followerTorqueNm(profile.motorLimits().followerContactForceN());
        this.compensating = compensating;
    }

    /**
     * Every tick: {@code amps} the zeroed winding current, {@code duty} the bridge's duty, {@code rateHz} the
     * shaft's measured rate (0 when not known: at rest, or braking).
     */
    void update(long nowNanos, double amps, double duty, double rateHz) {
        double dt = lastNanos == Long.MIN_VALUE ? 0.0 : Math.max(0L, nowNanos - lastNanos) * 1e-9;
        lastNanos = nowNanos;
        double reading = sensors.handpieceCelsius();
        if (!Double.isNaN(reading) && (lastSampleNanos == Long.MIN_VALUE || nowNanos - lastSampleNanos >= SLOPE_SPACING_NANOS)) {
            lastSampleNanos = nowNanos;
            readings[readingNext] = reading;
            readingNext = (readingNext + 1) % SLOPE_SAMPLES;
            readingCount = Math.min(readingCount + 1, SLOPE_SAMPLES);
            if (readingCount == SLOPE_SAMPLES) {
                double oldest = readings[readingNext];
                double newest = readings[(readingNext + SLOPE_SAMPLES - 1) % SLOPE_SAMPLES];
                lagK = thermal.thermistorLagSeconds() * Math.max(0.0, (newest - oldest) / SLOPE_WINDOW_SECONDS);
            }
        }
        double supply = sensors.supplyVolts();
        double d = Math.max(0.0, Math.min(1.0, duty));
        double ripple = d > 0.0 && supply > 0.0 ? supply * d * (1.0 - d) * thermal.pwmRippleAmpsPerVolt() : 0.0;
        double omega = rateHz > 0.0 ? 2.0 * Math.PI * rateHz : 0.0;
        double heat = (amps * amps + ripple * ripple / 12.0) * hotOhm + (frictionNm + followerNm) * omega
                + viscousNmPerRadPerS * omega * omega;
        // a current or supply that is not a number counts as the most heat seen so far, not as none
        heatWatts = heat == heat ? heat : Math.max(heatWatts, 0.0);
        double target = heatWatts * thermal.noseGradientKPerW();
        double tau = target > gradientK ? thermal.gradientRiseSeconds() : thermal.gradientFallSeconds();
        gradientK += (target - gradientK) * Math.min(1.0, dt / tau);
    }

    /** The applied part's estimated temperature now: this tick's reading and the compensation as last updated. */
    public double celsius() {
        double reading = sensors.handpieceCelsius();
        return compensating ? reading + compensationK() : reading;
    }

    /** What is added to the reading, K. */
    public double compensationK() {
        return lagK + gradientK + thermal.handOffsetK();
    }

    /** The heat the drive makes at the nose as last estimated, W. */
    public double heatWatts() {
        return heatWatts;
    }
}
