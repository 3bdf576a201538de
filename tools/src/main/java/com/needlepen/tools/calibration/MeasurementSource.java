package com.needlepen.tools.calibration;

/** Where the measured peak protrusion at a calibration point comes from. */
public interface MeasurementSource {

    /** Called with the collar settled at a point, before the revolutions the gauge watches. */
    default void resetGauge() {
    }

    /**
     * The measured peak protrusion, mm, at point {@code index} (0-based) of {@code count}, whose
     * nominal commanded depth is {@code commandedMm}.
     */
    double measure(int index, int count, double commandedMm);
}
