package com.needlepen.firmware.treatment;

import com.needlepen.config.SafetySpec;
import com.needlepen.firmware.drive.NoseTemperature;
import java.util.Locale;

/**
 * The applied part's warning temperature (39 °C by default), judged on the firmware's estimate of the
 * nose ({@link NoseTemperature}), as the cut-off is: from there until it has cooled
 * {@link #HYSTERESIS_CELSIUS} below, the allowed rate is the profile's {@code warningMaxRateHz}.
 * A set rate above it is lowered once, announced (buzzer, display, event, the session's record of
 * changes); it is never raised again by itself. The cut-off above it is the safety supervisor's
 * (F06). Allocates nothing in a steady tick.
 */
public final class ThermalDerating {

    public static final double HYSTERESIS_CELSIUS = 1.0;

    private final SafetySpec spec;
    private final NoseTemperature nose;
    private final String warningPrompt;
    private boolean warm;
    private double celsius;

    public ThermalDerating(SafetySpec spec, NoseTemperature nose) {
        this.spec = spec;
        this.nose = nose;
        this.warningPrompt = String.format(Locale.ROOT, "WARM: max %.0f Hz", spec.warningMaxRateHz());
    }

    /** Reads the handpiece; returns +1 the tick it becomes warm, -1 the tick it has cooled, else 0. */
    public int update() {
        celsius = nose.celsius();
        if (!warm && celsius >= spec.warningCelsius()) {
            warm = true;
            return 1;
        }
        if (warm && celsius < spec.warningCelsius() - HYSTERESIS_CELSIUS) {
            warm = false;
            return -1;
        }
        return 0;
    }

    public boolean warm() {
        return warm;
    }

    public double celsius() {
        return celsius;
    }

    /** The highest rate allowed now. */
    public double maxRateHz() {
        return warm ? spec.warningMaxRateHz() : Double.POSITIVE_INFINITY;
    }

    /** The display's prompt while warm, formatted once: its limit is the profile's. */
    String warningPrompt() {
        return warningPrompt;
    }

    /** Why {@code rateHz} may not be set now, or null. */
    public String refusal(double rateHz) {
        if (rateHz <= maxRateHz() + 1e-9) {
            return null;
        }
        return String.format(Locale.ROOT, "rate %.0f Hz is above the %.0f Hz allowed while the handpiece is warm"
                + " (%.1f °C, warning at %.0f °C); it lifts below %.0f °C", rateHz, spec.warningMaxRateHz(), celsius,
                spec.warningCelsius(), spec.warningCelsius() - HYSTERESIS_CELSIUS);
    }
}
