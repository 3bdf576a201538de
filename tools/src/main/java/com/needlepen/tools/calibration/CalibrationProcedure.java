package com.needlepen.tools.calibration;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.calibration.CalibrationPoint;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.loop.SimulationRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The technician's calibration run, through the firmware: from READY into CALIBRATING, the collar
 * to each commanded depth in increasing order (so always approached from the same side), the cam
 * turning slowly while the gauge holds the peak over a few revolutions, a reading at each point,
 * then stop (which parks the cam) back to READY.
 */
public final class CalibrationProcedure {

    /** Revolutions the max-hold gauge watches at each point. */
    public static final int REVOLUTIONS_PER_POINT = 3;
    private static final long SETTLE_TIMEOUT_NANOS = 10_000_000_000L;
    private static final long REVOLUTIONS_TIMEOUT_NANOS = 15_000_000_000L;

    /** Told about each point as it is measured. */
    public interface Progress {
        void point(int index, int count, double commandedMm, long steps, double measuredMm);
    }

    private final PenController controller;
    private final SimulationRunner runner;

    public CalibrationProcedure(PenController controller, SimulationRunner runner) {
        this.controller = controller;
        this.runner = runner;
    }

    /**
     * {@code count} commanded depths over the whole selectable range, from the shallowest depth to
     * the deepest the profile knows ({@code depth.maxMm}, short of the hard stop): evenly spaced,
     * with one more in the middle of each end interval.
     */
    public static List<Double> plan(DeviceProfile profile, int count) {
        double from = profile.depth().minMm();
        double to = profile.depth().maxMm();
        // evenly spaced, plus one more in each end interval: an end point's leave-one-out residual is an
        // extrapolation from its neighbours, so the ends get them closer
        int even = Math.max(2, count - 2);
        List<Double> depths = new ArrayList<>(count);
        for (int i = 0; i < even; i++) {
            depths.add(round(from + (to - from) * i / (even - 1)));
            if (count - even == 2 && (i == 0 || i == even - 2)) {
                depths.add(round(from + (to - from) * (i + 0.5) / (even - 1)));
            }
        }
        return depths;
    }

    private static double round(double mm) {
        return Math.round(mm * 1e4) / 1e4;
    }

    /** Runs the procedure; throws {@link IllegalStateException} with the reason if the firmware refuses or faults. */
    public List<CalibrationPoint> run(List<Double> commandedMm, MeasurementSource source, Progress progress) {
        if (!runner.runUntil(() -> controller.status().readyToStart(), 30_000_000_000L)) {
            throw new IllegalStateException("the pen did not get READY (" + controller.status().state() + why() + ")");
        }
        controller.submit(Request.calibrate());
        runner.runFor(2_000_000L);
        expect(PenState.CALIBRATING, "could not enter CALIBRATING");
        List<CalibrationPoint> points = new ArrayList<>(commandedMm.size());
        try {
            for (int i = 0; i < commandedMm.size(); i++) {
                CalibrationPoint p = measureAt(commandedMm.get(i), i, commandedMm.size(), source);
                points.add(p);
                progress.point(i, commandedMm.size(), p.commandedMm(), p.steps(), p.measuredMm());
            }
            extendToDeepest(points, source, progress);
        } finally {
            controller.submit(Request.stop());
            runner.runUntil(() -> controller.status().state() == PenState.READY || controller.status().state() == PenState.FAULT,
                    5_000_000_000L);
        }
        return points;
    }

    /**
     * A unit whose collar travels less than nominal has not reached the deepest selectable depth at
     * the last planned point, and depths beyond the last point would be extrapolated. So points are
     * added, a plan step further each, until the measured depth covers it, while staying well short
     * of the hard stop. (The plan's own spacing is kept; a file's plan is not extended.)
     */
    private void extendToDeepest(List<CalibrationPoint> points, MeasurementSource source, Progress progress) {
        if (extendTo == null || points.size() < 2) {
            return;
        }
        double step = points.get(points.size() - 1).commandedMm() - points.get(points.size() - 2).commandedMm();
        while (points.get(points.size() - 1).measuredMm() < extendTo.deepestMm()
                && points.get(points.size() - 1).commandedMm() + step <= extendTo.nominalLimitMm() + 1e-9
                && points.get(points.size() - 1).measuredMm() + 1.1 * step <= extendTo.measuredLimitMm()) {
            double depth = Math.round((points.get(points.size() - 1).commandedMm() + step) * 1e4) / 1e4;
            points.add(measureAt(depth, points.size(), points.size() + 1, source));
            CalibrationPoint p = points.get(points.size() - 1);
            progress.point(points.size() - 1, points.size(), depth, p.steps(), p.measuredMm());
        }
    }

    /** Collar to {@code depth}, gauge reset, a few revolutions, one reading (unless it was taken before). */
    private CalibrationPoint measureAt(double depth, int index, int count, MeasurementSource source) {
        controller.submit(Request.calibrationMove(depth));
        runner.runFor(2_000_000L);
        if (!runner.runUntil(() -> controller.status().collarSettled() || controller.status().state() != PenState.CALIBRATING,
                SETTLE_TIMEOUT_NANOS)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "collar did not reach %.3f mm", depth));
        }
        expect(PenState.CALIBRATING, "calibration ended");
        var earlier = source.recorded(index, depth);
        if (earlier.isPresent()) {
            return new CalibrationPoint(depth, controller.status().collarSteps(), earlier.getAsDouble());
        }
        source.resetGauge();
        long revolutions = controller.status().calibrationRevolutions();
        if (!runner.runUntil(() -> controller.status().calibrationRevolutions() >= revolutions + REVOLUTIONS_PER_POINT
                || controller.status().state() != PenState.CALIBRATING, REVOLUTIONS_TIMEOUT_NANOS)) {
            throw new IllegalStateException("the cam did not turn at the calibration point");
        }
        expect(PenState.CALIBRATING, "calibration ended");
        return new CalibrationPoint(depth, controller.status().collarSteps(), source.measure(index, count, depth));
    }

    /**
     * How far {@link #run} may extend a plan: until the measured depth covers {@code deepestMm},
     * commanding at most {@code nominalLimitMm} and never expecting to measure beyond
     * {@code measuredLimitMm} (short of the hard stop, whatever the unit's scale).
     */
    public record Extension(double deepestMm, double nominalLimitMm, double measuredLimitMm) {
    }

    private Extension extendTo;

    /** Lets the procedure add points beyond the plan until the measured depth covers the profile's deepest depth. */
    public CalibrationProcedure extendingTo(Extension extension) {
        this.extendTo = extension;
        return this;
    }

    /** The extension for a profile: its deepest depth, staying 0.1 mm (measured) short of the hard stop. */
    public static Extension extensionFor(DeviceProfile profile) {
        double stop = profile.collar().absoluteMaxDepthMm();
        return new Extension(profile.depth().maxMm(), stop, stop - 0.1);
    }

    private void expect(PenState state, String what) {
        if (controller.status().state() != state) {
            throw new IllegalStateException(what + " (" + controller.status().state() + why() + ")");
        }
    }

    private String why() {
        if (controller.status().fault() != null) {
            return ": " + controller.status().fault().shortCode() + " " + controller.status().fault().description();
        }
        return controller.status().lastRefusal() == null ? "" : ": " + controller.status().lastRefusal();
    }
}
