package com.needlepen.tools.cli;

import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.Pen;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.Request;
import com.needlepen.tools.NeedlePenCli;
import com.needlepen.tools.UserInputException;
import java.io.PrintWriter;
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
 * {@code needlepen home}: homes the collar (fast approach, back off, slow re-approach, zero), and
 * with {@code --repeat N} homes N times and reports where the switch closed each time relative to
 * the first: the homing repeatability every calibrated depth rests on.
 */
@Command(name = "home", mixinStandardHelpOptions = true,
        header = "Homes the depth collar (repeatedly, to measure the home switch's spread).",
        description = "Homes the depth collar; --repeat N homes N times and reports the spread of the home switch"
                + " position. Exit codes: 0 homed, 2 bad input, 3 homing failed.")
public final class HomeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PenOptions pen;

    @Option(names = "--repeat", description = "How many times to home (default 1, at most 1000).")
    int repeat = 1;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (repeat < 1 || repeat > 1000) {
            throw new UserInputException("--repeat " + repeat + " is out of range; allowed 1 to 1000");
        }
        DeviceProfile p = pen.profile();
        try (Pen rig = pen.open(a -> a.settings(p.depth().minMm(), p.rate().minHz())
                .calibration(DepthCalibration.unusable(p.collar(), "homing only")))) {
            return home(out, p, rig);
        }
    }

    private int home(PrintWriter out, DeviceProfile p, Pen rig) {
        double umPerStep = 1000.0 / p.collar().stepsPerMm();
        List<Double> positionsUm = new ArrayList<>();
        double first = 0;
        for (int i = 0; i < repeat; i++) {
            if (i > 0) {
                rig.controller().submit(Request.home());
                rig.runner().runFor(2_000_000L);
            }
            if (!rig.runner().runUntil(() -> rig.controller().status().readyToStart()
                    || rig.controller().status().state() == PenState.FAULT, 30_000_000_000L)
                    || rig.controller().status().state() == PenState.FAULT) {
                out.printf("homing %d failed: %s%n", i + 1, rig.controller().status().faultDetail());
                out.flush();
                return NeedlePenCli.FAULT;
            }
            // each homing says where the switch closed against the collar's scale, whose index sets the zero (H50)
            double closedAt = rig.controller().status().lastHomingTripSteps() * umPerStep;
            if (i == 0) {
                first = closedAt;
            }
            double position = closedAt - first;
            positionsUm.add(position);
            out.printf(Locale.ROOT, "homing %3d: switch closed at %+8.2f µm from the first%n", i + 1, position);
        }
        double min = positionsUm.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = positionsUm.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double mean = positionsUm.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sd = Math.sqrt(positionsUm.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum()
                / Math.max(1, positionsUm.size() - 1));
        out.printf(Locale.ROOT, "homed %d times: spread %.2f µm (min %+.2f, max %+.2f), standard deviation %.2f µm;"
                + " one step is %.2f µm%n", repeat, max - min, min, max, sd, umPerStep);
        out.flush();
        return NeedlePenCli.OK;
    }
}
