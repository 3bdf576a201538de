package com.needlepen.tools;

import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationFit;
import com.needlepen.config.calibration.CalibrationPoint;
import com.needlepen.config.calibration.CalibrationStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM that writes calibrations: as fast as it can until it is killed ({@code <dir>}), or
 * {@code <count>} of them, each with its own id, and exits ({@code <dir> <count> <name>}).
 */
public final class CalibrationWriterChild {

    public static void main(String[] args) throws Exception {
        CalibrationStore store = new CalibrationStore(Path.of(args[0]));
        if (args.length == 3) {
            int count = Integer.parseInt(args[1]);
            for (int i = 0; i < count; i++) {
                store.write(calibration(args[2] + "-" + i, 20));
            }
            return;
        }
        Calibration c = calibration("child", 200); // a large file, so a kill often lands mid-write
        store.write(c); // loads every class the loop needs, so the kills land in writes, not in start-up
        System.out.println("ready");
        System.out.flush();
        while (true) {
            store.write(c);
        }
    }

    private static Calibration calibration(String id, int pointCount) {
        List<CalibrationPoint> points = new ArrayList<>();
        for (int i = 0; i < pointCount; i++) {
            points.add(new CalibrationPoint(i * 0.0125, 1920 + i * 40L, i * 0.0125 * 0.97));
        }
        return new Calibration(id, "np-sim-0001", "sim", "child", 0, false, 0, "test",
                CalibrationFit.MODEL, points, CalibrationFit.leaveOneOutResiduals(points), 0.02);
    }
}
