package com.needlepen.tools.cli;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationCheck;
import com.needlepen.config.calibration.CalibrationStore;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.tools.UserInputException;
import com.needlepen.tools.calibration.CalibrationMaker;
import com.needlepen.tools.calibration.CalibrationProcedure;
import com.needlepen.tools.calibration.SimGauge;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The calibration a session runs with: the device's current one if it is usable; on the simulated
 * pen only, when the device has never had a calibration attempt (no calibration, no failed attempt,
 * no record of one), one made in-process from the sim's gauge (and said so), so that a fresh
 * clone's first {@code simulate} works. A damaged, foreign, expired or failed calibration is never
 * replaced silently: that is a one-line error.
 */
final class SessionCalibration {

    private SessionCalibration() {
    }

    static DepthCalibration load(PenOptions pen, PrintWriter out) throws IOException {
        DeviceProfile p = pen.profile();
        CalibrationStore store = pen.calibrations();
        if (store.neverUsed() && "sim".equals(p.backend())) {
            out.printf("no depth calibration for %s in %s: calibrating the simulated pen in-process (--from-sim)%n",
                    "handpiece " + pen.handpiece(), store.directory());
            out.flush();
            CalibrationMaker.Draft made;
            try (var rig = CalibrateCommand.calibrationRig(pen, DepthCalibration.unusable(p.collar(), "calibrating"))) {
                made = CalibrateCommand.measureAndBuild(p, rig, CalibrationProcedure.plan(p, CalibrateCommand.DEFAULT_POINTS),
                        new SimGauge(CalibrateCommand.simulated(rig).handle()), "needlepen simulate",
                        pen.runHours().hours(), new PrintWriter(java.io.Writer.nullWriter()));
            }
            CalibrationMaker.Outcome outcome = CalibrationMaker.store(made, store);
            Calibration stored = outcome.calibration();
            if (!outcome.stored()) {
                throw new CalibrateCommand.CalibrationAborted(String.format(Locale.ROOT,
                        "the in-process calibration did not pass (worst residual %.4f mm)", stored.worstResidualMm()));
            }
            out.printf(Locale.ROOT, "calibration %s stored (%d points, worst residual %.4f mm)%n", stored.id(),
                    stored.points().size(), stored.worstResidualMm());
        }
        CalibrationStore.Entry current = store.current();
        var clock = java.time.Clock.systemUTC();
        // one check for every reason a calibration is unusable, a failed verification among them
        String problem = CalibrationCheck.problem(current, p, pen.handpiece().toString(), pen.runHours().hours(), clock.millis(),
                false);
        if (problem != null) {
            throw new UserInputException(problem);
        }
        return DepthCalibration.of(current.calibration());
    }
}
