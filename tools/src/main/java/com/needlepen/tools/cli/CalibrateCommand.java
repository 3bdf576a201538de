package com.needlepen.tools.cli;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationFit;
import com.needlepen.config.calibration.CalibrationPoint;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.tools.NeedlePenCli;
import com.needlepen.tools.UserInputException;
import com.needlepen.tools.calibration.CalibrationMaker;
import com.needlepen.tools.calibration.CalibrationProcedure;
import com.needlepen.tools.calibration.FileSource;
import com.needlepen.tools.calibration.MeasurementFile;
import com.needlepen.tools.calibration.MeasurementSource;
import com.needlepen.tools.calibration.ReadingsInProgress;
import com.needlepen.tools.calibration.SimGauge;
import com.needlepen.tools.calibration.WallClock;
import com.needlepen.firmware.Pen;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.sim.SimBackend;
import com.needlepen.hal.sim.SimulatedPenFactory;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code needlepen calibrate}: the technician's guided depth calibration. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {CalibrateHistoryCommand.class, CalibrateVerifyCommand.class},
        header = "Calibrates the needle depth against a max-hold depth gauge; history and verify.",
        description = "Homes the collar, moves it to commanded depths across the whole range (always approaching"
                + " from the shallow side) while the cam turns slowly, takes the max-hold gauge's peak reading at"
                + " each, fits the depth model and stores the calibration if every leave-one-out residual is"
                + " within the profile's tolerance. Typed readings are checked as they are typed and kept in the"
                + " data directory until the end; an interrupted calibration is offered for resuming."
                + " Exit codes: 0 stored, 2 bad input, 3 did not pass (or stopped before its end).")
public final class CalibrateCommand implements Callable<Integer> {

    /** Points of the default plan: every 0.1 mm from 0 to 2.5 mm. */
    static final int DEFAULT_POINTS = 26;

    @Spec
    CommandSpec spec;

    @Mixin
    PenOptions pen;

    @Option(names = "--points", description = "How many commanded depths, evenly over the range (default 26, at least the profile's minimum).")
    Integer points;

    static final class Source {
        @Option(names = "--measurements", paramLabel = "FILE",
                description = "Readings taken earlier: lines of commandedMm,measuredMm.")
        Path file;

        @Option(names = "--from-sim", description = "Read the simulated pen's max-hold gauge (sim only).")
        boolean fromSim;
    }

    @ArgGroup(exclusive = true)
    Source source = new Source();

    @Option(names = "--technician", description = "Who calibrates (default: $USER).")
    String technician;

    /** Where the technician's typed readings come from. */
    private final InputStream in;

    public CalibrateCommand() {
        this(System.in);
    }

    public CalibrateCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DeviceProfile p = pen.profile();
        if (source.fromSim) {
            pen.requireSimFor("--from-sim");
        }
        String who = technician != null ? technician : System.getenv().getOrDefault("USER", "unknown");
        if (who.isBlank()) {
            throw new UserInputException("--technician must name who calibrates");
        }
        List<Double> plan;
        MeasurementSource measurements = null;
        if (source.file != null) {
            if (points != null) {
                throw new UserInputException("--points cannot be combined with --measurements (the file sets the points)");
            }
            List<MeasurementFile.Row> rows = MeasurementFile.read(source.file, p.collar().absoluteMaxDepthMm());
            List<CalibrationPoint> asPoints = rows.stream()
                    .map(r -> new CalibrationPoint(r.commandedMm(), Math.round(r.commandedMm() * 1e6), r.measuredMm()))
                    .toList();
            String problem = CalibrationFit.problem(asPoints, p.calibration().minPoints());
            if (problem != null) {
                throw new UserInputException("--measurements " + source.file + ": " + problem);
            }
            plan = rows.stream().map(MeasurementFile.Row::commandedMm).toList();
            measurements = new FileSource(rows);
        } else {
            int n = points != null ? points : DEFAULT_POINTS;
            if (n < p.calibration().minPoints() || n > 200) {
                throw new UserInputException("--points " + n + " is out of range; allowed " + p.calibration().minPoints()
                        + " to 200");
            }
            plan = CalibrationProcedure.plan(p, n);
        }
        PromptCalibration typed = null;
        if (measurements == null && !source.fromSim) {
            typed = PromptCalibration.open(pen, plan, who, new BufferedReader(new InputStreamReader(in,
                    StandardCharsets.UTF_8)), out);
            measurements = typed.source();
            who = typed.technician();
        } else if (java.nio.file.Files.exists(new ReadingsInProgress(pen.deviceDir()).file())) {
            out.printf("note: the interrupted calibration in %s is kept; only a calibration at the prompt resumes it%n",
                    new ReadingsInProgress(pen.deviceDir()).file());
        }
        try (Pen rig = calibrationRig(pen, DepthCalibration.unusable(p.collar(), "calibrating"))) {
            if (source.fromSim) {
                measurements = new SimGauge(simulated(rig).handle());
            }
            return calibrate(out, p, rig, plan, measurements, who, typed);
        }
    }

    private int calibrate(PrintWriter out, DeviceProfile p, Pen rig, List<Double> plan, MeasurementSource measurements,
                          String who, PromptCalibration typed) throws java.io.IOException {
        out.printf(Locale.ROOT, "Calibrating %s (profile %s): %d points from %.2f to %.2f mm; technician %s%n",
                pen.handpiece(), p.name(), plan.size(), plan.get(0), plan.get(plan.size() - 1), who);
        if (typed != null && typed.resumedReadings() > 0) {
            out.printf("resuming after %d readings: the collar visits those points again, the gauge is read from the"
                    + " next one%n", typed.resumedReadings());
        }
        out.println("Homing the collar...");
        out.flush();
        CalibrationMaker.Draft draft;
        try {
            draft = measureAndBuild(p, rig, plan, measurements, who, pen.runHours().hours(), out);
        } catch (CalibrationAborted e) {
            throw typed == null ? e : new CalibrationAborted(typed.interrupted(e.getMessage()));
        }
        int exit = report(out, CalibrationMaker.store(draft, pen.calibrations()));
        if (typed != null) {
            typed.finished(); // its readings are in the calibration, or in the failed attempt's report
        }
        return exit;
    }

    static CalibrationMaker.Draft measureAndBuild(DeviceProfile p, Pen rig, List<Double> plan, MeasurementSource source,
                                       String technician, double runHours, PrintWriter out) {
        String handpiece; // the handpiece measured, as its identity EEPROM reads: the calibration is its only
        try {
            handpiece = rig.opened().hardware().handpiece().readId().toString();
        } catch (com.needlepen.hal.HandpieceMemory.HandpieceIdException e) {
            throw new CalibrationAborted("handpiece identity unreadable: " + e.getMessage()
                    + "; a calibration must name the handpiece it was made on");
        }
        List<CalibrationPoint> measured;
        try {
            CalibrationProcedure procedure = new CalibrationProcedure(rig.controller(), rig.runner());
            if (!(source instanceof FileSource)) {
                procedure.extendingTo(CalibrationProcedure.extensionFor(p)); // a file fixes its points
            }
            measured = procedure.run(plan, source,
                    (i, n, d, steps, m) -> {
                        out.printf(Locale.ROOT, "  point %2d/%d  commanded %.3f mm  collar %6d steps  measured %.4f mm%n",
                                i + 1, n, d, steps, m);
                        out.flush();
                    });
        } catch (IllegalStateException e) {
            throw new CalibrationAborted(e.getMessage());
        }
        String problem = CalibrationFit.problem(measured, p.calibration().minPoints());
        if (problem != null) {
            throw new UserInputException("measurements: " + problem);
        }
        // dated by the computer's clock: the sim's virtual clock starts at the same fixed instant every run
        return CalibrationMaker.draft(p, handpiece, measured, technician, new WallClock(), runHours, toolVersion());
    }

    private int report(PrintWriter out, CalibrationMaker.Outcome outcome) {
        Calibration c = outcome.calibration();
        out.printf(Locale.ROOT, "%n  commanded mm   measured mm   leave-one-out residual mm%n");
        for (int i = 0; i < c.points().size(); i++) {
            double r = c.looResidualsMm().get(i);
            out.printf(Locale.ROOT, "  %11.3f  %12.4f  %+12.4f%s%n", c.points().get(i).commandedMm(),
                    c.points().get(i).measuredMm(), r, Math.abs(r) > c.toleranceMm() ? "  OUT OF TOLERANCE" : "");
        }
        out.printf(Locale.ROOT, "%nworst residual %.4f mm, tolerance %.4f mm: %s%n", c.worstResidualMm(), c.toleranceMm(),
                c.passed() ? "PASS" : "FAIL");
        if (outcome.stored()) {
            out.printf("calibration %s stored in %s%nreport: %s, %s%n", c.id(), outcome.file(), outcome.png(),
                    outcome.summary());
        } else {
            out.printf("calibration %s did not pass: nothing stored (report: %s, %s)%n", c.id(), outcome.png(),
                    outcome.summary());
        }
        out.flush();
        return outcome.stored() ? NeedlePenCli.OK : NeedlePenCli.FAULT;
    }

    /**
     * The pen a technician calibrates or verifies, with its firmware: the profile's backend; on the
     * simulated pen, the profile's unit with a cartridge in, no telemetry.
     */
    static Pen calibrationRig(PenOptions pen, DepthCalibration calibration) {
        return calibrationRig(pen, calibration, 0.0);
    }

    /** The same; a simulated unit's home switch has moved {@code homeSwitchMovedMm} since it was calibrated. */
    static Pen calibrationRig(PenOptions pen, DepthCalibration calibration, double homeSwitchMovedMm) {
        if (!pen.simulated()) {
            return pen.open(a -> a.settings(1.0, 100).calibration(calibration));
        }
        var parameters = SimulatedPenFactory.parameters(pen.profile(), pen.cartridgeType().needles(), pen.unitSerial(),
                pen.seed());
        SimPen unit = new SimPen(SimulatedPenFactory.homeSwitchMoved(parameters, homeSwitchMovedMm),
                SimulatedPenFactory.SIM_EPOCH_MILLIS, pen.handpiece());
        var ledger = pen.cartridges();
        Pen rig = Pen.on(new SimBackend.Opened(unit), pen.profile(), a -> a.settings(1.0, 100).calibration(calibration)
                .ledger(ledger), false);
        unit.handle().insertCartridge(new CartridgeInfo(String.format("CART-%08X", pen.seed() & 0xFFFFFFFFL),
                pen.cartridgeType().needles()));
        return rig;
    }

    /** The simulated pen under {@code rig} (only for a profile whose backend is the sim: checked before). */
    static SimPen simulated(Pen rig) {
        return ((SimBackend.Opened) rig.opened()).pen();
    }

    static String toolVersion() {
        String v = NeedlePenCli.class.getPackage().getImplementationVersion();
        return "needlepen " + (v == null ? "dev" : v);
    }

    /** The firmware refused or faulted during the procedure: not bad input, a failed calibration. */
    public static final class CalibrationAborted extends RuntimeException {
        CalibrationAborted(String message) {
            super(message);
        }
    }
}
