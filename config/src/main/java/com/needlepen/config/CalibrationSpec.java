package com.needlepen.config;

/**
 * What a depth calibration must achieve and how long it stays valid.
 *
 * @param toleranceMm  every leave-one-out residual of the fit must be within this, mm
 * @param minPoints    fewest calibration points a technician may choose
 * @param maxRunHours  the calibration expires after this many hours of needle running
 * @param maxAgeDays   the calibration expires after this many days (checked only when the device's
 *                     UTC clock is synchronised)
 */
public record CalibrationSpec(double toleranceMm, int minPoints, double maxRunHours, double maxAgeDays) {
}
