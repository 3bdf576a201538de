package com.needlepen.firmware.safety;

import com.needlepen.firmware.drive.WindingProbe;
import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * The motor's winding at or above its rated temperature ({@code motor.maxWindingCelsius}, 100 °C on the
 * bundled profiles; the insulation's class B limit is 130 °C), as {@link WindingProbe} measures it from the
 * winding's resistance at rest before every start (H33): F24, before the needles move. Each measurement is
 * judged once, the tick it is made; one that could not be made (no current read, a reading that is not a
 * number) is F24 too, so a winding that cannot be judged is not run.
 */
public final class WindingTemperatureCheck implements SafetyCheck {

    private final SafetyInputs in;
    private final double limitCelsius;
    private long judged;
    private double celsius;
    private double ohms;

    public WindingTemperatureCheck(SafetyInputs in) {
        this.in = in;
        this.limitCelsius = in.profile().motor().maxWindingCelsius();
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        WindingProbe probe = in.drive().windingProbe();
        if (probe.measurements() == judged) {
            return null;
        }
        judged = probe.measurements();
        celsius = probe.lastCelsius();
        ohms = probe.lastOhms();
        // not "celsius >= limit": a measurement that is not a number must not pass
        return !(celsius < limitCelsius) ? FaultCode.F24_WINDING_OVERTEMP : null;
    }

    @Override
    public String detail() {
        if (Double.isNaN(celsius)) {
            return String.format(Locale.ROOT, "the winding's resistance could not be measured (%.3f ohm)", ohms);
        }
        return String.format(Locale.ROOT, "winding at %.1f °C (%.3f ohm against %.3f ohm at %.1f °C), limit %.0f °C",
                celsius, ohms, in.drive().windingProbe().referenceOhms(), in.drive().windingProbe().referenceCelsius(),
                limitCelsius);
    }
}
