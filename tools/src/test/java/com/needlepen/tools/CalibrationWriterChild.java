package com.needlepen.tools;

import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationFit;
import com.needlepen.config.calibration.CalibrationPoint;
import com.needlepen.config.calibration.CalibrationStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A child JVM that writes calibrations as fast as it can until it is killed. */
public final class CalibrationWriterChild {

    public static void main(String[] args) throws Exception {
        CalibrationStore store = new CalibrationStore(Path.of(args[0]));
        List<CalibrationPoint> points = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // a large file, so a kill often lands mid-write
            points.add(new CalibrationPoint(i * 0.0125, 1920 + i * 40L, i * 0.0125 * 0.97));
        }
        Calibration c = new Calibration("child", "np-sim-0001", "sim", "child", 0, false, 0, "test",
                CalibrationFit.MODEL, points, CalibrationFit.leaveOneOutResiduals(points), 0.02);
        store.write(c); // loads every class the loop needs, so the kills land in writes, not in start-up
        System.out.println("ready");
        System.out.flush();
        while (true) {
            store.write(c);
        }
    }
}
