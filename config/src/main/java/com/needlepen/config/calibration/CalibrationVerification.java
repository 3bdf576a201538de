package com.needlepen.config.calibration;

import java.util.List;

/**
 * A verification of a stored calibration, as the machine wrote it: the calibration's points
 * measured again and how far each moved. Stored beside the calibration it verified
 * ({@link CalibrationStore#recordVerification}), checksummed, never edited. A failed one makes that
 * calibration unusable for good ({@link CalibrationCheck}): only a new calibration clears it.
 *
 * @param calibrationId      the calibration verified
 * @param handpieceId        the handpiece verified (its identity EEPROM's id)
 * @param technician         who verified
 * @param utcEpochMillis     when, by the wall clock of the machine that verified
 * @param clockSynchronised  whether that clock was synchronised
 * @param runHours           the handpiece's run-hour counter at that moment
 * @param toolVersion        version of the tool that verified
 * @param driftMm            for each of the calibration's points, measured now minus measured then
 * @param toleranceMm        the tolerance every drift had to meet (the calibration's)
 */
public record CalibrationVerification(
        String calibrationId,
        String handpieceId,
        String technician,
        long utcEpochMillis,
        boolean clockSynchronised,
        double runHours,
        String toolVersion,
        List<Double> driftMm,
        double toleranceMm) {

    public CalibrationVerification {
        driftMm = List.copyOf(driftMm);
    }

    /** The largest drift, mm (absolute); NaN if any drift is not a number, so it cannot pass. */
    public double worstDriftMm() {
        double worst = 0;
        for (double d : driftMm) {
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            worst = Math.max(worst, Math.abs(d));
        }
        return worst;
    }

    /** Every point within the tolerance (false on NaN). */
    public boolean passed() {
        return worstDriftMm() <= toleranceMm;
    }
}
