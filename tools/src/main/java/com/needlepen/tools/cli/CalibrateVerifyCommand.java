package com.needlepen.tools.cli;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationCheck;
import com.needlepen.config.calibration.CalibrationPoint;
import com.needlepen.config.calibration.CalibrationStore;
import com.needlepen.config.calibration.CalibrationVerification;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.tools.NeedlePenCli;
import com.needlepen.tools.UserInputException;
import com.needlepen.tools.calibration.CalibrationProcedure;
import com.needlepen.tools.calibration.SimGauge;
import com.needlepen.tools.calibration.WallClock;
import com.needlepen.firmware.Pen;
import com.needlepen.tools.calibration.MeasurementSource;
import com.needlepen.tools.calibration.PromptSource;
import com.needlepen.tools.calibration.ReadingCheck;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code needlepen calibrate verify}: measures again at the current calibration's points and
 * reports the drift against it. The verification is recorded with the calibration, passed or
 * failed; a failed one makes the calibration unusable until a new calibration is stored.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        header = "Re-measures the current calibration's points and records whether it still holds.",
        description = "Re-measures at the current calibration's points (on the sim, from its gauge), reports the"
                + " drift and records the verification with the calibration. A failed verification refuses every"
                + " session until a new calibration is stored (a later passing verify does not clear it)."
                + " Exit codes: 0 within tolerance, 2 bad input, 3 drifted.")
public final class CalibrateVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PenOptions pen;

    /** How far the simulated home switch may be moved: it stays clear of the shallow hard stop, 0.2 mm away. */
    static final double MAX_SIM_DRIFT_MM = 0.15;

    @Option(names = "--sim-drift", paramLabel = "MM",
            description = {"Sim only: the simulated unit's home switch has moved MM deeper (negative: shallower)",
                    "since it was calibrated, as a knocked switch does, so every depth is MM off (default 0)."})
    double simDriftMm;

    @Option(names = "--technician", description = "Who verifies (default: $USER).")
    String technician;

    /** Where the technician's typed readings come from (hardware backends). */
    private final InputStream in;

    public CalibrateVerifyCommand() {
        this(System.in);
    }

    public CalibrateVerifyCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        DeviceProfile p = pen.profile();
        if (simDriftMm != 0) {
            pen.requireSimFor("--sim-drift");
        }
        if (!(Math.abs(simDriftMm) <= MAX_SIM_DRIFT_MM)) {
            throw new UserInputException(String.format(Locale.ROOT, "--sim-drift %s mm is out of range; allowed %.2f to %.2f mm",
                    simDriftMm, -MAX_SIM_DRIFT_MM, MAX_SIM_DRIFT_MM));
        }
        String who = technician != null ? technician : System.getenv().getOrDefault("USER", "unknown");
        if (who.isBlank()) {
            throw new UserInputException("--technician must name who verifies");
        }
        CalibrationStore.Entry current = pen.calibrations().current();
        Calibration stored = current.calibration();
        double runHours = pen.runHours().hours();
        // an expired calibration may still be verified (how far has it gone?); a failed one is past verifying
        String problem = CalibrationCheck.problem(current, p, pen.handpiece().toString(), runHours, 0, false);
        if (problem != null && !problem.contains("run hours old")) {
            throw new UserInputException(problem);
        }
        List<Double> plan = stored.points().stream().map(CalibrationPoint::commandedMm).toList();
        out.printf(Locale.ROOT, "Verifying handpiece %s against %s (%d points)%n", pen.handpiece(), stored.id(), plan.size());
        out.flush();
        List<CalibrationPoint> now;
        try (Pen rig = CalibrateCommand.calibrationRig(pen, DepthCalibration.of(stored), simDriftMm)) {
            // the simulated pen's gauge reads itself; on hardware the technician types the max-hold gauge's readings
            MeasurementSource gauge = pen.simulated() ? new SimGauge(CalibrateCommand.simulated(rig).handle())
                    : new PromptSource(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out, -1.0,
                            p.collar().absoluteMaxDepthMm() + 1.0, ReadingCheck.of(p.calibration()), List.of(),
                            taken -> { });
            now = new CalibrationProcedure(rig.controller(), rig.runner()).run(plan, gauge, (i, n, d, s, m) -> { });
        } catch (IllegalStateException e) {
            throw new CalibrateCommand.CalibrationAborted(e.getMessage());
        }
        List<Double> drifts = new ArrayList<>(now.size());
        out.printf(Locale.ROOT, "  commanded mm   stored mm   now mm   drift mm%n");
        for (int i = 0; i < now.size(); i++) {
            double drift = now.get(i).measuredMm() - stored.points().get(i).measuredMm();
            drifts.add(drift);
            out.printf(Locale.ROOT, "  %11.3f  %10.4f  %7.4f  %+9.4f%s%n", plan.get(i), stored.points().get(i).measuredMm(),
                    now.get(i).measuredMm(), drift, Math.abs(drift) > stored.toleranceMm() ? "  DRIFTED" : "");
        }
        // dated by the computer's clock, like the calibration: the sim's virtual clock is not a date
        WallClock clock = new WallClock();
        CalibrationVerification verification = new CalibrationVerification(stored.id(), stored.handpieceId(), who,
                clock.utcEpochMillis(), clock.utcSynchronised(), runHours, CalibrateCommand.toolVersion(), drifts,
                stored.toleranceMm());
        Path file = pen.calibrations().recordVerification(current, verification);
        boolean ok = verification.passed();
        out.printf(Locale.ROOT, "worst drift %.4f mm, tolerance %.4f mm: %s%n", verification.worstDriftMm(),
                stored.toleranceMm(), ok ? "PASS (calibration " + stored.id() + " still in use)"
                        : "FAIL: calibration " + stored.id() + " may no longer be used; sessions are refused until a"
                        + " new calibration is stored: re-calibrate (needlepen calibrate)");
        out.printf("verification recorded in %s%n", file);
        out.flush();
        return ok ? NeedlePenCli.OK : NeedlePenCli.FAULT;
    }
}
