package com.needlepen.tools.calibration;

import java.util.OptionalDouble;

/** Where the measured peak protrusion at a calibration point comes from. */
public interface MeasurementSource {

    /** Called with the collar settled at a point, before the revolutions the gauge watches. */
    default void resetGauge() {
    }

    /**
     * The reading already taken at point {@code index} (0-based), e.g. before an interrupted
     * calibration was resumed; the collar is still sent there, but the gauge is not read again.
     */
    default OptionalDouble recorded(int index, double commandedMm) {
        return OptionalDouble.empty();
    }

    /**
     * The measured peak protrusion, mm, at point {@code index} (0-based) of {@code count}, whose
     * nominal commanded depth is {@code commandedMm}.
     */
    double measure(int index, int count, double commandedMm);
}
