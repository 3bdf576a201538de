package com.needlepen.config.calibration;

import java.util.List;

/**
 * A depth calibration as the machine wrote it: who, when, on which handpiece and profile, the points,
 * the fitted model and its leave-one-out residuals. Immutable; stored by {@link CalibrationStore}
 * with a checksum over all of it, and never edited by hand.
 *
 * @param id                 unique on the handpiece: {@code <handpiece>-c<number>}, the store's calibration number
 * @param handpieceId        the handpiece it was made on: the factory-unique id its identity EEPROM
 *                           read then ({@code hp-0004a3...}); it is this handpiece's only
 * @param profile            the profile it was made with
 * @param technician         who made it
 * @param utcEpochMillis     when, by the wall clock of the machine that made it (never a simulator's virtual clock)
 * @param clockSynchronised  whether that clock was synchronised (if not, its age cannot be trusted)
 * @param runHours           the handpiece's run-hour counter at that moment
 * @param toolVersion        version of the tool that made it
 * @param model              the fitted model's name ({@value CalibrationFit#MODEL})
 * @param points             the measured points, by increasing commanded depth
 * @param looResidualsMm     for each point, measured minus the model fitted without that point
 * @param toleranceMm        the tolerance every residual had to meet
 */
public record Calibration(
        String id,
        String handpieceId,
        String profile,
        String technician,
        long utcEpochMillis,
        boolean clockSynchronised,
        double runHours,
        String toolVersion,
        String model,
        List<CalibrationPoint> points,
        List<Double> looResidualsMm,
        double toleranceMm) {

    public Calibration {
        points = List.copyOf(points);
        looResidualsMm = List.copyOf(looResidualsMm);
    }

    /** The largest leave-one-out residual, mm (absolute). */
    public double worstResidualMm() {
        double worst = 0;
        for (double r : looResidualsMm) {
            worst = Math.max(worst, Math.abs(r));
        }
        return worst;
    }

    public boolean passed() {
        return worstResidualMm() <= toleranceMm;
    }
}
