package com.needlepen.tools.calibration;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationFit;
import com.needlepen.config.calibration.CalibrationPoint;
import com.needlepen.config.calibration.CalibrationStore;
import com.needlepen.hal.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns measured points into a calibration: fits the model, computes the leave-one-out residuals,
 * and, if every one is within the profile's tolerance, stores it (atomically, as the newest) with
 * its report beside it. A calibration that fails is not stored; its report is, marked failed. Both
 * take the store's next calibration number, which makes the id.
 */
public final class CalibrationMaker {

    /**
     * A calibration measured but not yet numbered: the store gives it its number (and so its id)
     * when it is stored.
     */
    public record Draft(String handpieceId, String profile, String technician, long utcEpochMillis,
                        boolean clockSynchronised, double runHours, String toolVersion, List<CalibrationPoint> points,
                        double toleranceMm) {

        public Draft {
            points = List.copyOf(points);
        }

        public Calibration numbered(int number) {
            return new Calibration(CalibrationStore.calibrationId(handpieceId, number), handpieceId, profile, technician,
                    utcEpochMillis, clockSynchronised, runHours, toolVersion, CalibrationFit.MODEL, points,
                    CalibrationFit.leaveOneOutResiduals(points), toleranceMm);
        }
    }

    /** The calibration, where it was stored (null if it failed), and its report files. */
    public record Outcome(Calibration calibration, Path file, Path png, Path summary) {
        public boolean stored() {
            return file != null;
        }
    }

    private CalibrationMaker() {
    }

    /** A draft dated by {@code recordClock}: the computer's clock ({@link WallClock}), not a simulated pen's. */
    public static Draft draft(DeviceProfile profile, String handpieceId, List<CalibrationPoint> points, String technician,
                              Clock recordClock, double runHours, String toolVersion) {
        return new Draft(handpieceId, profile.name(), technician, recordClock.utcEpochMillis(),
                recordClock.utcSynchronised(), runHours, toolVersion, points, profile.calibration().toleranceMm());
    }

    public static Outcome store(Draft draft, CalibrationStore store) throws IOException {
        return store.withNextNumber(number -> {
            Calibration calibration = draft.numbered(number);
            if (calibration.passed()) {
                Path file = store.write(number, calibration);
                Path png = CalibrationStore.reportFile(file, "png");
                Path txt = CalibrationStore.reportFile(file, "txt");
                CalibrationReport.writePng(calibration, file, png);
                CalibrationReport.writeSummary(calibration, file, txt);
                return new Outcome(calibration, file, png, txt);
            }
            // the failed attempt's report carries its number, so the number is not handed out again
            Path txt = store.failedReportFile(number, "txt");
            Path png = store.failedReportFile(number, "png");
            CalibrationReport.writeSummary(calibration, null, txt);
            CalibrationReport.writePng(calibration, null, png);
            return new Outcome(calibration, null, png, txt);
        });
    }
}
