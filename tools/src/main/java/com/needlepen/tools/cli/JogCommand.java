package com.needlepen.tools.cli;

import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.Pen;
import com.needlepen.firmware.Request;
import com.needlepen.tools.NeedlePenCli;
import com.needlepen.tools.UserInputException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code needlepen jog --by MM}: bench work, moves the homed collar by an amount within its travel. */
@Command(name = "jog", mixinStandardHelpOptions = true,
        header = "Moves the depth collar by a distance, for bench work.",
        description = "Homes the collar, then moves it by --by mm (nominal; positive is deeper) within its travel"
                + " (home switch to the absolute maximum depth). Exit codes: 0 moved, 2 bad input or refused.")
public final class JogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PenOptions pen;

    @Option(names = "--by", required = true, paramLabel = "MM", description = "How far to move, mm (negative: shallower).")
    double byMm;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DeviceProfile p = pen.profile();
        if (!Double.isFinite(byMm)) {
            throw new UserInputException("--by must be a number of mm");
        }
        try (Pen rig = pen.open(a -> a.settings(p.depth().minMm(), p.rate().minHz())
                .calibration(DepthCalibration.unusable(p.collar(), "jogging only")))) {
            return jog(out, p, rig);
        }
    }

    private int jog(PrintWriter out, DeviceProfile p, Pen rig) {
        if (!rig.runner().runUntil(() -> rig.controller().status().readyToStart(), 30_000_000_000L)) {
            out.printf("the collar did not home: %s%n", rig.controller().status().faultDetail());
            return NeedlePenCli.FAULT;
        }
        long before = rig.controller().status().collarSteps();
        rig.controller().submit(Request.jog(byMm));
        rig.runner().runFor(2_000_000L);
        if (rig.controller().status().lastRefusal() != null) {
            throw new UserInputException(rig.controller().status().lastRefusal());
        }
        rig.runner().runUntil(() -> rig.controller().status().collarSettled(), 30_000_000_000L);
        long after = rig.controller().status().collarSteps();
        out.printf(Locale.ROOT, "collar moved %+d steps: from %d to %d steps from home (%.4f mm from home, nominal)%n",
                after - before, before, after, after / p.collar().stepsPerMm());
        out.flush();
        return NeedlePenCli.OK;
    }
}
