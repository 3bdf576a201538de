package com.needlepen.config.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The depth model: piecewise-linear through the measured points, collar steps to true depth.
 *
 * <p>Why piecewise-linear and not a polynomial: the collar's error has a smooth part (home switch
 * offset, scale error, backlash taken on one side) and a periodic part from the lead screw (one
 * period per lead, 0.5 mm here, about ±0.01 mm). A low-order polynomial cannot follow the periodic
 * part, which alone eats half the ±0.02 mm budget; straight segments between points a fifth of a
 * lead apart follow it to a few microns. The price is more points (the default plan measures every
 * 0.1 mm), and a fit that trusts every point, which is why each point is checked by leaving it out:
 * its residual is its measurement minus the line through its neighbours.
 */
public final class CalibrationFit {

    public static final String MODEL = "piecewise-linear";

    private CalibrationFit() {
    }

    /**
     * Checks points a technician or a file supplied: enough of them, no commanded depth twice, and
     * measured depth rising strictly with commanded depth. Returns the reason they are unusable, or
     * null.
     */
    public static String problem(List<CalibrationPoint> points, int minPoints) {
        if (points.size() < minPoints) {
            return String.format(Locale.ROOT, "%d points are too few; at least %d are needed", points.size(), minPoints);
        }
        for (int i = 1; i < points.size(); i++) {
            CalibrationPoint a = points.get(i - 1);
            CalibrationPoint b = points.get(i);
            if (b.steps() == a.steps() || b.commandedMm() == a.commandedMm()) {
                return String.format(Locale.ROOT, "commanded depth %.3f mm appears twice", b.commandedMm());
            }
            if (b.commandedMm() < a.commandedMm()) {
                return String.format(Locale.ROOT, "commanded depths must increase: %.3f mm follows %.3f mm",
                        b.commandedMm(), a.commandedMm());
            }
            if (!(b.measuredMm() > a.measuredMm())) {
                return String.format(Locale.ROOT,
                        "the curve is not monotonic: %.3f mm measured at %.3f mm is not deeper than %.3f mm at %.3f mm",
                        b.measuredMm(), b.commandedMm(), a.measuredMm(), a.commandedMm());
            }
        }
        return null;
    }

    /** For each point, its measurement minus the model fitted through all the other points. */
    public static List<Double> leaveOneOutResiduals(List<CalibrationPoint> points) {
        List<Double> residuals = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            CalibrationPoint left;
            CalibrationPoint right;
            if (i == 0) {
                left = points.get(1);
                right = points.get(2);
            } else if (i == points.size() - 1) {
                left = points.get(i - 2);
                right = points.get(i - 1);
            } else {
                left = points.get(i - 1);
                right = points.get(i + 1);
            }
            CalibrationPoint p = points.get(i);
            residuals.add(p.measuredMm() - line(left, right, p.steps()));
        }
        return residuals;
    }

    /** The model's depth at {@code steps}: interpolated inside, extended along the end segment outside. */
    public static double depthAt(List<CalibrationPoint> points, double steps) {
        int i = segment(points, steps);
        return line(points.get(i), points.get(i + 1), steps);
    }

    /** The model's inverse: the collar steps for a true depth. */
    public static double stepsFor(List<CalibrationPoint> points, double depthMm) {
        int i = 0;
        while (i < points.size() - 2 && depthMm > points.get(i + 1).measuredMm()) {
            i++;
        }
        CalibrationPoint a = points.get(i);
        CalibrationPoint b = points.get(i + 1);
        return a.steps() + (depthMm - a.measuredMm()) * (b.steps() - a.steps()) / (b.measuredMm() - a.measuredMm());
    }

    private static int segment(List<CalibrationPoint> points, double steps) {
        int i = 0;
        while (i < points.size() - 2 && steps > points.get(i + 1).steps()) {
            i++;
        }
        return i;
    }

    private static double line(CalibrationPoint a, CalibrationPoint b, double steps) {
        return a.measuredMm() + (steps - a.steps()) * (b.measuredMm() - a.measuredMm()) / (b.steps() - a.steps());
    }
}
