package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * The applied part (the nose on the skin) at or above the profile's cut-off (at most 41 °C, 2 K under
 * IEC 60601-1's 43 °C): judged on the firmware's estimate of the nose ({@code NoseTemperature}: the
 * thermistor's reading, its lag and the gradient from the nose to where it sits), not on the bare
 * reading, which reads the grip, late.
 */
public final class TemperatureCheck implements SafetyCheck {

    private final SafetyInputs in;
    private double celsius;
    private double reading;

    public TemperatureCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        reading = in.sensors().handpieceCelsius();
        celsius = in.drive().nose().celsius();
        // not "celsius >= cut-off": a reading that is not a number must stop the needles, not pass
        return !(celsius < in.profile().safety().cutoffCelsius()) ? FaultCode.F06_OVERTEMPERATURE : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "%.1f °C at the nose (thermistor %.1f °C), cut-off %.1f °C", celsius, reading,
                in.profile().safety().cutoffCelsius());
    }
}
