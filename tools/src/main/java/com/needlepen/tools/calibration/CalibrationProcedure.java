package com.needlepen.tools.calibration;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.calibration.CalibrationPoint;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.PenState;
import com.needlepen.firmware.Request;
import com.needlepen.tools.sim.SimulationRunner;
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
     * {@code count} commanded depths spread evenly over the whole selectable range, from the
     * shallowest depth to the deepest the profile knows ({@code depth.maxMm}, short of the hard stop).
     */
    public static List<Double> plan(DeviceProfile profile, int count) {
        double from = profile.depth().minMm();
        double to = profile.depth().maxMm();
        List<Double> depths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            depths.add(Math.round((from + (to - from) * i / (count - 1)) * 1e4) / 1e4);
        }
        return depths;
    }

    /** Runs the procedure; throws {@link IllegalStateException} with the reason if the firmware refuses or faults. */
    public List<CalibrationPoint> run(List<Double> commandedMm, MeasurementSource source, Progress progress) {
        if (!runner.runUntil(controller::readyToStart, 30_000_000_000L)) {
            throw new IllegalStateException("the pen did not get READY (" + controller.state() + why() + ")");
        }
        controller.submit(Request.calibrate());
        runner.runFor(2_000_000L);
        expect(PenState.CALIBRATING, "could not enter CALIBRATING");
        List<CalibrationPoint> points = new ArrayList<>(commandedMm.size());
        try {
            for (int i = 0; i < commandedMm.size(); i++) {
                double depth = commandedMm.get(i);
                controller.submit(Request.calibrationMove(depth));
                runner.runFor(2_000_000L);
                if (!runner.runUntil(() -> controller.collarSettled() || controller.state() != PenState.CALIBRATING,
                        SETTLE_TIMEOUT_NANOS)) {
                    throw new IllegalStateException(String.format(Locale.ROOT, "collar did not reach %.3f mm", depth));
                }
                expect(PenState.CALIBRATING, "calibration ended");
                source.resetGauge();
                long revolutions = controller.calibrationRevolutions();
                if (!runner.runUntil(() -> controller.calibrationRevolutions() >= revolutions + REVOLUTIONS_PER_POINT
                        || controller.state() != PenState.CALIBRATING, REVOLUTIONS_TIMEOUT_NANOS)) {
                    throw new IllegalStateException("the cam did not turn at the calibration point");
                }
                expect(PenState.CALIBRATING, "calibration ended");
                double measured = source.measure(i, commandedMm.size(), depth);
                points.add(new CalibrationPoint(depth, controller.collarSteps(), measured));
                progress.point(i, commandedMm.size(), depth, controller.collarSteps(), measured);
            }
        } finally {
            controller.submit(Request.stop());
            runner.runUntil(() -> controller.state() == PenState.READY || controller.state() == PenState.FAULT,
                    5_000_000_000L);
        }
        return points;
    }

    private void expect(PenState state, String what) {
        if (controller.state() != state) {
            throw new IllegalStateException(what + " (" + controller.state() + why() + ")");
        }
    }

    private String why() {
        if (controller.fault() != null) {
            return ": " + controller.fault().shortCode() + " " + controller.fault().description();
        }
        return controller.lastRefusal() == null ? "" : ": " + controller.lastRefusal();
    }
}
