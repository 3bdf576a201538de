package com.needlepen.firmware.safety;

import com.needlepen.firmware.drive.WindingEstimate;
import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * The motor's winding at or above its rated temperature ({@code motor.maxWindingCelsius}) by the firmware's
 * running estimate ({@link WindingEstimate}, H33): F24 while the needles run, not only at the next start,
 * where {@link WindingTemperatureCheck} judges the probe's measurement. Judged in RUNNING and in CHECKING
 * (an estimate already at the limit refuses the start before the needles move). An estimate that is not a
 * number fails: the comparison is written so.
 */
public final class WindingEstimateCheck implements SafetyCheck {

    private final SafetyInputs in;
    private final double limitCelsius;
    private double celsius;

    public WindingEstimateCheck(SafetyInputs in) {
        this.in = in;
        this.limitCelsius = in.profile().motor().maxWindingCelsius();
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        if (state != PenState.RUNNING && state != PenState.CHECKING) {
            return null;
        }
        WindingEstimate estimate = in.drive().windingEstimate();
        celsius = estimate.celsius();
        // in CHECKING the estimate is not a number until the first measurement: the probe's own check judges that
        if (state == PenState.CHECKING && Double.isNaN(celsius)) {
            return null;
        }
        // not "celsius >= limit": an estimate that is not a number must not pass
        return !(celsius < limitCelsius) ? FaultCode.F24_WINDING_OVERTEMP : null;
    }

    @Override
    public String detail() {
        WindingEstimate e = in.drive().windingEstimate();
        return String.format(Locale.ROOT, "winding estimated at %.1f °C while running (%.2f W into it%s), limit %.0f °C",
                celsius, e.heatWatts(), e.pathLost() ? String.format(Locale.ROOT,
                        "; its path for heat lost: measured %.1f °C where the model allowed %.1f °C",
                        e.lastMeasuredCelsius(), e.modelAtMeasurementCelsius()) : "", limitCelsius);
    }
}
