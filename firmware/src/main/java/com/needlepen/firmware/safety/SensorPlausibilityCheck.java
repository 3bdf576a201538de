package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * A sensor that reads what it physically cannot is a fault, not a pass: the temperature, current and
 * supply checks (and parking's test that the shaft is still) can only be as true as their readings.
 * Not a number at once (the cut-off would stop the needles on it too, and say less), or outside what
 * the quantity can be on a pen in use for 5 ms (a glitch of one conversion is ridden out), in every
 * state:
 * <ul>
 *   <li>handpiece temperature outside -10 to 95 °C: an open thermistor reads the converter's floor
 *       (about -40 °C) and a shorted one its ceiling; the pen is used at 10 to 40 °C ambient (IEC
 *       60601-1), in a hand at 34 °C, and a surface at 95 °C would have tripped the 41 °C cut-off
 *       long before;</li>
 *   <li>motor current beyond twice the stall current at the highest allowed supply and the cold
 *       winding, either sign (braking current flows backwards): no winding can carry it;</li>
 *   <li>motor supply below 0 V or above twice the profile's maximum.</li>
 * </ul>
 * The other checks compare so that a reading that is not a number fails safe as well.
 */
public final class SensorPlausibilityCheck implements SafetyCheck {

    static final double MIN_CELSIUS = -10.0;
    static final double MAX_CELSIUS = 95.0;
    static final long HOLD_NANOS = 5_000_000L;

    private final SafetyInputs in;
    private final double maxAmps;
    private final double maxVolts;
    private final HeldCondition implausible = new HeldCondition(HOLD_NANOS);
    private String which = "";
    private double value;

    public SensorPlausibilityCheck(SafetyInputs in) {
        this.in = in;
        var profile = in.profile();
        this.maxAmps = 2.0 * profile.supply().maxVolts() / profile.motor().resistanceOhm20C();
        this.maxVolts = 2.0 * profile.supply().maxVolts();
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        var sensors = in.sensors();
        double celsius = sensors.handpieceCelsius();
        double amps = sensors.motorCurrentAmps();
        double volts = sensors.supplyVolts();
        boolean bad = true;
        // written so that a reading that is not a number is out of range
        if (!(celsius >= MIN_CELSIUS && celsius <= MAX_CELSIUS)) {
            which = "handpiece temperature";
            value = celsius;
        } else if (!(Math.abs(amps) <= maxAmps)) {
            which = "motor current";
            value = amps;
        } else if (!(volts >= 0.0 && volts <= maxVolts)) {
            which = "motor supply";
            value = volts;
        } else {
            bad = false;
        }
        boolean held = implausible.update(bad, nowNanos);
        return held || bad && Double.isNaN(value) ? FaultCode.F19_SENSOR_IMPLAUSIBLE : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "%s reads %s", which, Double.isNaN(value) ? "not a number" : String.format(
                Locale.ROOT, "%.2f", value));
    }
}
