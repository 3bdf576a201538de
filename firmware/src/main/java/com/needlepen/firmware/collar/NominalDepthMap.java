package com.needlepen.firmware.collar;

import com.needlepen.config.CollarSpec;

/**
 * The profile's nominal mapping: steps per mm from the home switch's nominal depth. Uncalibrated:
 * a real unit is off by its scale error, switch offset, lead-screw error and backlash. Calibration
 * moves use it (a calibration measures exactly its error); sessions need a calibration.
 */
public final class NominalDepthMap implements DepthMap {

    private final CollarSpec spec;

    public NominalDepthMap(CollarSpec spec) {
        this.spec = spec;
    }

    @Override
    public long stepsFor(double depthMm) {
        return Math.round((depthMm - spec.homeDepthMm()) * spec.stepsPerMm());
    }

    @Override
    public double depthFor(long steps) {
        return spec.homeDepthMm() + steps / spec.stepsPerMm();
    }
}
