package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/** The handpiece surface at or above the profile's cut-off (at most 41 °C, IEC 60601-1). */
public final class TemperatureCheck implements SafetyCheck {

    private final SafetyInputs in;
    private double celsius;

    public TemperatureCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        celsius = in.sensors().handpieceCelsius();
        // not "celsius >= cut-off": a reading that is not a number must stop the needles, not pass
        return !(celsius < in.profile().safety().cutoffCelsius()) ? FaultCode.F06_OVERTEMPERATURE : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "%.1f °C, cut-off %.1f °C", celsius, in.profile().safety().cutoffCelsius());
    }
}
