package com.needlepen.firmware.behaviour;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationFit;
import com.needlepen.config.calibration.CalibrationPoint;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.loop.SimulationRunner;
import com.needlepen.firmware.session.CartridgeLedger;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.sim.SimHandle;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.hal.sim.SimulatedPenFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A technician's depth calibration of a simulated unit, made through the firmware's own CALIBRATING
 * state, for the firmware's tests that need a calibrated pen (tools' {@code calibrate} command is
 * not on their class path, and a test must not be kinder than the bench a real pen is calibrated on).
 *
 * <p>Nothing is read from the simulation's parameters: the unit's scale error, home switch offset,
 * lead-screw error and backlash are known only through what the gauge shows. The firmware homes the
 * collar, enters CALIBRATING, moves the collar to each point of the documented plan in increasing
 * order and steps the cam; at each point the max-hold gauge is reset, the cam steps
 * {@value #REVOLUTIONS_PER_POINT} revolutions, and the reading is the deepest true tip protrusion in
 * them plus the gauge's noise ({@link SimulatedPenFactory#GAUGE_SIGMA_MM}, drawn anew for every
 * reading), the collar pressed onto the gauge's anvil with {@value #FIXTURE_LOAD_N} N meanwhile (a
 * calibration under load, H42), shown to the gauge's resolution of {@value #GAUGE_RESOLUTION_MM} mm as a technician reads
 * it off the display. The plan is the one {@code needlepen calibrate} uses by default
 * (docs/calibration.md): {@value #POINTS} points over the profile's depth range, evenly spaced with one
 * more in each end interval, extended a plan step at a time (staying 0.1 mm short of the hard stop)
 * until the measured depth covers the deepest selectable depth. The fit is the
 * firmware's piecewise-linear model, and the calibration must pass its leave-one-out tolerance, as
 * the store requires; one that does not fails the test that asked for it.
 */
public final class TechnicianCalibration {

    /** Points in the plan, as {@code needlepen calibrate} by default. */
    public static final int POINTS = 26;
    /** Revolutions the max-hold gauge watches at each point. */
    public static final int REVOLUTIONS_PER_POINT = 3;
    /** What the gauge's display shows: a digital indicator reading to a micron. */
    public static final double GAUGE_RESOLUTION_MM = 0.001;
    /**
     * The calibration fixture's load on the collar face while the gauge watches, N: the middle of the
     * 2 to 10 N skin is pressed with, as tools' {@code SimGauge} (H42).
     */
    public static final double FIXTURE_LOAD_N = 5.0;
    /** The noise seed of the calibration run: not the seed of any run that uses the calibration. */
    public static final long SEED = 101;

    private TechnicianCalibration() {
    }

    /** Calibrates the profile's unit {@code unitSerial} (its device id on a pen). */
    public static Calibration of(DeviceProfile profile, String unitSerial) {
        SimPen pen = SimulatedPenFactory.create(profile, 12, unitSerial, SEED);
        SimHandle gauge = pen.handle();
        gauge.insertCartridge(new CartridgeInfo("CART-CAL", 12));
        var assembled = PenBench.assemble(pen, profile, a -> a.settings(1.0, 100)
                .calibration(DepthCalibration.unusable(profile.collar(), "not calibrated")));
        PenController c = assembled.controller();
        SimulationRunner runner = assembled.runner();
        await(runner, () -> c.status().readyToStart(), 30 * PenBench.S, c, "READY");
        c.submit(Request.calibrate());
        runner.runFor(2 * PenBench.MS);
        List<CalibrationPoint> points = new ArrayList<>();
        for (double mm : plan(profile)) {
            points.add(pointAt(mm, c, runner, gauge));
        }
        // past the plan until the measured depth covers the deepest depth, staying short of the hard stop
        double stopMm = profile.collar().absoluteMaxDepthMm();
        double step = points.get(points.size() - 1).commandedMm() - points.get(points.size() - 2).commandedMm();
        while (last(points).measuredMm() < profile.depth().maxMm() && last(points).commandedMm() + step <= stopMm + 1e-9
                && last(points).measuredMm() + 1.1 * step <= stopMm - 0.1) {
            points.add(pointAt(Math.round((last(points).commandedMm() + step) * 1e4) / 1e4, c, runner, gauge));
        }
        c.submit(Request.stop());
        await(runner, () -> c.status().state() == PenState.READY, 5 * PenBench.S, c, "READY after calibrating");
        String problem = CalibrationFit.problem(points, profile.calibration().minPoints());
        if (problem != null) {
            throw new AssertionError("the calibration's points are refused: " + problem);
        }
        String handpiece = gauge.handpieceId().toString(); // as the technician's tool reads it off the handpiece
        Calibration calibration = new Calibration(handpiece + "-c-test", handpiece, profile.name(), "test", 0, false,
                0, "test", CalibrationFit.MODEL, points, CalibrationFit.leaveOneOutResiduals(points),
                profile.calibration().toleranceMm());
        if (!calibration.passed()) {
            throw new AssertionError("the calibration did not pass: worst leave-one-out residual "
                    + calibration.worstResidualMm() + " mm");
        }
        return calibration;
    }

    /** {@value #POINTS} depths from the shallowest to the deepest, evenly spaced, one more in each end interval. */
    static List<Double> plan(DeviceProfile profile) {
        double from = profile.depth().minMm();
        double to = profile.depth().maxMm();
        int even = POINTS - 2;
        List<Double> depths = new ArrayList<>(POINTS);
        for (int i = 0; i < even; i++) {
            depths.add(Math.round((from + (to - from) * i / (even - 1)) * 1e4) / 1e4);
            if (i == 0 || i == even - 2) {
                depths.add(Math.round((from + (to - from) * (i + 0.5) / (even - 1)) * 1e4) / 1e4);
            }
        }
        return depths;
    }

    private static CalibrationPoint pointAt(double mm, PenController c, SimulationRunner runner, SimHandle gauge) {
        c.submit(Request.calibrationMove(mm));
        runner.runFor(2 * PenBench.MS);
        await(runner, () -> c.status().collarSettled() || c.status().state() != PenState.CALIBRATING, 10 * PenBench.S, c,
                "the collar at " + mm + " mm");
        gauge.setGaugeLoadN(FIXTURE_LOAD_N); // under load: the fixture presses the collar face onto the gauge's anvil
        gauge.resetPeakProtrusion();
        long revolutions = c.status().calibrationRevolutions() + REVOLUTIONS_PER_POINT;
        await(runner, () -> c.status().calibrationRevolutions() >= revolutions || c.status().state() != PenState.CALIBRATING,
                15 * PenBench.S, c, "the cam's revolutions at " + mm + " mm");
        if (c.status().state() != PenState.CALIBRATING) {
            throw new AssertionError("calibration ended at " + mm + " mm: " + c.status().state() + " " + c.status().fault());
        }
        double shown = Math.round(gauge.gaugeReadingMm() / GAUGE_RESOLUTION_MM) * GAUGE_RESOLUTION_MM;
        gauge.setGaugeLoadN(0.0);
        return new CalibrationPoint(mm, c.status().collarSteps(), shown);
    }

    private static CalibrationPoint last(List<CalibrationPoint> points) {
        return points.get(points.size() - 1);
    }

    private static void await(SimulationRunner runner, BooleanSupplier condition, long timeoutNanos, PenController c,
            String what) {
        if (!runner.runUntil(condition, timeoutNanos)) {
            throw new AssertionError("calibrating: no " + what + " (" + c.status().state() + " " + c.status().fault() + " " + c.status().faultDetail() + " "
                    + c.status().lastRefusal() + ")");
        }
    }
}
