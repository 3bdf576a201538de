package com.needlepen.config.calibration;

import java.util.ArrayList;
import java.util.List;

final class CalibrationTestData {

    private CalibrationTestData() {
    }

    /** 11 points, 0 to 2.5 mm, true depth = 0.97 × nominal - 0.05 + a 0.01 mm wave with a 0.5 mm period. */
    static List<CalibrationPoint> points() {
        List<CalibrationPoint> points = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            double commanded = i * 0.25;
            long steps = Math.round((commanded + 0.6) * 3200);
            double measured = 0.97 * commanded - 0.05 + 0.01 * Math.sin(2 * Math.PI * commanded / 0.5 + 0.3);
            points.add(new CalibrationPoint(commanded, steps, measured));
        }
        return points;
    }

    static Calibration calibration(String handpiece, String profile, long utc, double runHours) {
        List<CalibrationPoint> p = points();
        return new Calibration(handpiece + "-cal", handpiece, profile, "tech", utc, true, runHours, "test",
                CalibrationFit.MODEL, p, CalibrationFit.leaveOneOutResiduals(p), 0.05);
    }
}
