package com.needlepen.tools.calibration;

import com.needlepen.config.CalibrationSpec;
import java.util.Locale;

/**
 * Checks each typed gauge reading as it is typed, against the one before it and the curve a unit
 * of this profile can have, so that a typo (1.84 typed as 1.48) is caught at its point and not
 * after the last one, when the fit fails and every reading is lost.
 *
 * <p>A reading that is not deeper than the one before cannot be right (the depth rises with the
 * collar; the fit refuses such a curve), so it must be typed again. A reading far from the nominal
 * depth, or a step from the previous reading unlike the collar's step, is only doubtful: a unit
 * can be that far off, so the technician may keep it by typing it again.
 */
public final class ReadingCheck {

    private final double plausibleOffsetMm;
    private final double plausibleScale;
    private final double stepSlackMm;

    /**
     * @param plausibleOffsetMm how far a unit may be off nominal at 0 mm
     * @param plausibleScale    how far its travel may be off nominal, as a fraction
     * @param stepSlackMm       how far a step may be off beyond the scale: a reading may sit up to
     *                          the fit's tolerance off the straight line through its neighbours
     *                          (lead-screw error, gauge noise), so a step up to twice that
     */
    public ReadingCheck(double plausibleOffsetMm, double plausibleScale, double stepSlackMm) {
        this.plausibleOffsetMm = plausibleOffsetMm;
        this.plausibleScale = plausibleScale;
        this.stepSlackMm = stepSlackMm;
    }

    public static ReadingCheck of(CalibrationSpec spec) {
        return new ReadingCheck(spec.plausibleOffsetMm(), spec.plausibleScalePercent() / 100.0, 2 * spec.toleranceMm());
    }

    /** Why {@code now} cannot be right after {@code previous} (null: the first point), or null. */
    public String impossible(Reading previous, Reading now) {
        if (previous != null && !(now.measuredMm() > previous.measuredMm())) {
            return String.format(Locale.ROOT, "%.4f mm is not deeper than %.4f mm at the previous point (%.3f mm):"
                    + " the depth must rise with the collar", now.measuredMm(), previous.measuredMm(),
                    previous.commandedMm());
        }
        return null;
    }

    /** Why {@code now} looks mistyped after {@code previous} (null: the first point), or null. */
    public String doubtful(Reading previous, Reading now) {
        // the step first: against its neighbour a typo shows most plainly
        if (previous != null) {
            double commandedStepMm = now.commandedMm() - previous.commandedMm();
            double stepMm = now.measuredMm() - previous.measuredMm();
            double slackMm = plausibleScale * Math.abs(commandedStepMm) + stepSlackMm;
            if (!(Math.abs(stepMm - commandedStepMm) <= slackMm)) {
                return String.format(Locale.ROOT, "%.4f mm is a step of %.4f mm from %.4f mm at the previous point, for a"
                        + " collar step of %.3f mm (expected %.3f to %.3f mm)", now.measuredMm(), stepMm,
                        previous.measuredMm(), commandedStepMm, commandedStepMm - slackMm, commandedStepMm + slackMm);
            }
        }
        double allowedMm = plausibleOffsetMm + plausibleScale * Math.abs(now.commandedMm());
        double offMm = now.measuredMm() - now.commandedMm();
        if (!(Math.abs(offMm) <= allowedMm)) {
            return String.format(Locale.ROOT, "%.4f mm is %.3f mm from the nominal %.3f mm; a unit is expected within"
                    + " %.3f mm of it here", now.measuredMm(), Math.abs(offMm), now.commandedMm(), allowedMm);
        }
        return null;
    }
}
