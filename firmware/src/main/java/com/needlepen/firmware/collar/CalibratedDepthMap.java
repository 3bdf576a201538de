package com.needlepen.firmware.collar;

import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationFit;

/** Depth through a technician's calibration: the piecewise-linear model through its measured points. */
public final class CalibratedDepthMap implements DepthMap {

    private final Calibration calibration;

    public CalibratedDepthMap(Calibration calibration) {
        this.calibration = calibration;
    }

    @Override
    public long stepsFor(double depthMm) {
        return Math.round(CalibrationFit.stepsFor(calibration.points(), depthMm));
    }

    @Override
    public double depthFor(long steps) {
        return CalibrationFit.depthAt(calibration.points(), steps);
    }
}
