package com.needlepen.firmware.drive;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.MotorSpec;
import com.needlepen.config.ThermalSpec;

/**
 * The winding's temperature while the needles run (H33), estimated: {@link WindingProbe} measures it only
 * at rest, before a start, and a winding heated during a run would otherwise be found at the next start.
 * Running, its resistance cannot be had from the current (the back-EMF is 95 % of the supply at speed), so
 * the estimate is a first-order thermal model of the winding fed by what the firmware measures:
 *
 * <pre>  C dT/dt = (I² + ripple² / 12) R(T) + T_f ω − (T − nose) / R_th</pre>
 *
 * <ul>
 *   <li>it starts from the winding's temperature the probe measured before the run (never lower than the
 *       model's own figure then: a measurement has its noise, a few kelvin);</li>
 *   <li>{@code C} and {@code R_th} are the profile's {@code thermal.windingHeatCapacityJPerK} and
 *       {@code thermal.windingToNoseKPerW}, chosen no larger and no smaller than the winding's own, so the
 *       model heats at least as fast and cools no faster than the copper; {@code R(T)} is the larger of the
 *       profile's resistance and the probe's measured one at the estimate's temperature (a unit above its
 *       nominal resistance heats more for the same current); {@code I} the zeroed measured current, each
 *       reading squared (so the current's swing within a revolution counts); the ripple as
 *       {@link NoseTemperature} takes it; {@code T_f ω} the brushes' friction at the commutator;</li>
 *   <li>the sink is the firmware's estimate of the nose ({@link NoseTemperature}), which runs above the
 *       true nose;</li>
 *   <li><b>a path for heat that is worse than the model's</b> (the motor loosened in its clamp, its pad
 *       gone: sim fault {@code winding-hot}) shows at the next measurement: the winding measures more than
 *       {@value #PATH_LOST_MARGIN_K} K above what the model, which cools no faster than a sound winding, says
 *       it can be. From then until power-off the model keeps all the heat (no path at all), so a run on that
 *       winding ends with F24 once the estimate reaches the limit, before the winding does.</li>
 * </ul>
 *
 * Residual: a winding that loses its path during a run heats unseen by the estimate in that run (the model
 * still cools it through the design's path) and is found by the probe at the next start (docs/safety.md,
 * H33). Not a number: a current or supply that is not a number counts as the most heat seen so far, a
 * measurement that is not a number leaves the estimate where it was (the probe's own check faults on it).
 * Allocates nothing.
 */
public final class WindingEstimate {

    /** A measurement this far above the model's figure means the winding's path for heat is worse than modelled, K. */
    static final double PATH_LOST_MARGIN_K = 15.0;

    private final double heatCapacityJPerK;
    private final double toNoseKPerW;
    private final double ohm20C;
    private final double frictionNm;
    private final double rippleAmpsPerVolt;

    private double celsius = Double.NaN;
    private double referenceOhmPerOhm20C = 1.0;
    private double heatWatts;
    private boolean pathLost;
    private double lastMeasuredCelsius = Double.NaN;
    private double modelAtMeasurementCelsius = Double.NaN;
    private long lastNanos = Long.MIN_VALUE;

    WindingEstimate(DeviceProfile profile) {
        ThermalSpec thermal = profile.thermal();
        MotorSpec motor = profile.motor();
        this.heatCapacityJPerK = thermal.windingHeatCapacityJPerK();
        this.toNoseKPerW = thermal.windingToNoseKPerW();
        this.ohm20C = motor.resistanceOhm20C();
        this.frictionNm = motor.frictionTorqueNm();
        this.rippleAmpsPerVolt = thermal.pwmRippleAmpsPerVolt();
    }

    /**
     * A new measurement by the probe: {@code measuredCelsius} with {@code measuredOhms} (either not a number:
     * it could not be made, and the estimate stays as it was).
     */
    void measured(double measuredCelsius, double measuredOhms) {
        if (Double.isNaN(measuredCelsius) || Double.isNaN(measuredOhms)) {
            return;
        }
        lastMeasuredCelsius = measuredCelsius;
        modelAtMeasurementCelsius = celsius;
        // the unit's own resistance, if above the profile's: R(T) from the measurement
        double atTwenty = measuredOhms / (1.0 + MotorSpec.COPPER_ALPHA_PER_K * (measuredCelsius - 20.0)) / ohm20C;
        referenceOhmPerOhm20C = Math.max(1.0, atTwenty);
        if (Double.isNaN(celsius)) {
            celsius = measuredCelsius;
            return;
        }
        // the model cools no faster than a sound winding: a winding this much hotter has lost its path for heat
        if (measuredCelsius - celsius > PATH_LOST_MARGIN_K) {
            pathLost = true;
        }
        celsius = Math.max(celsius, measuredCelsius);
    }

    /**
     * Every tick: {@code amps} the zeroed winding current, {@code duty} the bridge's duty, {@code rateHz} the
     * shaft's measured rate (0 when not known), {@code supplyVolts} the motor supply, {@code noseCelsius} the
     * nose's estimate. Before the first measurement there is nothing to start from: not a number.
     */
    void update(long nowNanos, double amps, double duty, double rateHz, double supplyVolts, double noseCelsius) {
        double dt = lastNanos == Long.MIN_VALUE ? 0.0 : Math.max(0L, nowNanos - lastNanos) * 1e-9;
        lastNanos = nowNanos;
        if (Double.isNaN(celsius)) {
            return;
        }
        double d = Math.max(0.0, Math.min(1.0, duty));
        // no supply, no ripple; a supply that is not a number stays one (and counts as the most heat below)
        double ripple = Math.max(0.0, supplyVolts) * d * (1.0 - d) * rippleAmpsPerVolt;
        double ohms = ohms();
        double omega = 2.0 * Math.PI * Math.max(0.0, rateHz);
        double heat = (amps * amps + ripple * ripple / 12.0) * ohms + frictionNm * omega;
        // a current or supply that is not a number counts as the most heat seen so far, not as none
        heatWatts = heat == heat ? heat : Math.max(heatWatts, 0.0);
        // a nose estimate that is not a number: no cooling (the path counts as lost for this tick)
        double out = pathLost || Double.isNaN(noseCelsius) ? 0.0 : (celsius - noseCelsius) / toNoseKPerW;
        celsius += (heatWatts - out) / heatCapacityJPerK * dt;
    }

    /** The winding's estimated temperature, °C (not a number before the first measurement). */
    public double celsius() {
        return celsius;
    }

    /**
     * The winding's resistance at the estimate's temperature, Ω: the unit's measured resistance (or the
     * profile's, whichever is larger) carried to it. The estimate is never cooler than the winding, so this is
     * never less than its resistance but for the start's measurement error. Not a number before the first
     * measurement.
     */
    public double ohms() {
        return ohm20C * referenceOhmPerOhm20C * (1.0 + MotorSpec.COPPER_ALPHA_PER_K * (celsius - 20.0));
    }

    /** Whether a measurement has shown the winding's path for heat worse than the model's. */
    public boolean pathLost() {
        return pathLost;
    }

    /** The heat into the winding as last estimated, W. */
    public double heatWatts() {
        return heatWatts;
    }

    /** The last measurement taken in, °C. */
    public double lastMeasuredCelsius() {
        return lastMeasuredCelsius;
    }

    /** What the model said the winding was just before the last measurement, °C. */
    public double modelAtMeasurementCelsius() {
        return modelAtMeasurementCelsius;
    }
}
