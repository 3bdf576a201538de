package com.needlepen.config.calibration;

/**
 * One calibration point: the collar was sent to {@code steps} from its home switch (the nominal
 * depth {@code commandedMm}), always approaching from the shallow side, and the needle tips' peak
 * protrusion was measured as {@code measuredMm}.
 */
public record CalibrationPoint(double commandedMm, long steps, double measuredMm) {
}
