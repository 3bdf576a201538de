package com.needlepen.tools.calibration;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationFit;
import com.needlepen.config.calibration.CalibrationPoint;
import com.needlepen.config.calibration.CalibrationStore;
import com.needlepen.hal.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Turns measured points into a calibration: fits the model, computes the leave-one-out residuals,
 * and, if every one is within the profile's tolerance, stores it (atomically, as the newest) with
 * its report beside it. A calibration that fails is not stored; its report is, marked failed.
 */
public final class CalibrationMaker {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The calibration, where it was stored (null if it failed), and its report files. */
    public record Outcome(Calibration calibration, Path file, Path png, Path summary) {
        public boolean stored() {
            return file != null;
        }
    }

    private CalibrationMaker() {
    }

    public static Calibration build(DeviceProfile profile, List<CalibrationPoint> points, String technician,
                                    Clock clock, double runHours, String toolVersion) {
        long utc = clock.utcEpochMillis();
        String id = profile.telemetry().deviceId() + "-" + ID_TIME.format(java.time.Instant.ofEpochMilli(utc));
        return new Calibration(id, profile.telemetry().deviceId(), profile.name(), technician, utc,
                clock.utcSynchronised(), runHours, toolVersion, CalibrationFit.MODEL, points,
                CalibrationFit.leaveOneOutResiduals(points), profile.calibration().toleranceMm());
    }

    public static Outcome store(Calibration calibration, CalibrationStore store) throws IOException {
        if (calibration.passed()) {
            Path file = store.write(calibration);
            Path png = CalibrationStore.reportFile(file, "png");
            Path txt = CalibrationStore.reportFile(file, "txt");
            CalibrationReport.writePng(calibration, png);
            CalibrationReport.writeSummary(calibration, file, txt);
            return new Outcome(calibration, file, png, txt);
        }
        Files.createDirectories(store.directory());
        Path png = store.directory().resolve("failed-" + calibration.id() + ".png");
        Path txt = store.directory().resolve("failed-" + calibration.id() + ".txt");
        CalibrationReport.writePng(calibration, png);
        CalibrationReport.writeSummary(calibration, null, txt);
        return new Outcome(calibration, null, png, txt);
    }
}
