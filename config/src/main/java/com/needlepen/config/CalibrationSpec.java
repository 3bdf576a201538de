package com.needlepen.config;

/**
 * What a depth calibration must achieve and how long it stays valid.
 *
 * @param toleranceMm  every leave-one-out residual of the fit must be within this, mm
 * @param minPoints    fewest calibration points a technician may choose
 * @param maxRunHours  the calibration expires after this many hours of needle running
 * @param maxAgeDays   the calibration expires after this many days (checked only when the device's
 *                     UTC clock is synchronised)
 * @param plausibleOffsetMm      how far a unit's true depth may be from nominal at the shallow end
 *                               (home switch position, backlash); a typed gauge reading further than
 *                               this plus {@code plausibleScalePercent} of the depth is questioned
 * @param plausibleScalePercent  how far, in percent, a unit's collar travel may differ from nominal;
 *                               also bounds the step between two typed readings
 */
public record CalibrationSpec(double toleranceMm, int minPoints, double maxRunHours, double maxAgeDays,
                              double plausibleOffsetMm, double plausibleScalePercent) {
}
