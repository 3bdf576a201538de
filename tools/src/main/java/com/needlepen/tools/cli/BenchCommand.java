package com.needlepen.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.tools.NeedlePenCli;
import com.needlepen.tools.UserInputException;
import com.needlepen.tools.bench.Bench;
import com.needlepen.tools.bench.BenchResults;
import com.needlepen.tools.bench.PenSupply;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code needlepen bench}: the control loop's wake-up lateness against the machine's limit, the
 * bytes a RUNNING tick allocates, and a whole session's footprint, in one go (docs/performance.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Measures the control loop against the machine's limit, allocation per tick and the footprint.",
        description = "Measures, one after another: the wake-up lateness of the firmware's loop runner, of a"
                + " ScheduledExecutor loop doing the same tick and of cyclictest (when installed), each for --seconds at"
                + " the profile's period, with each loop thread's CPU share; the bytes the firmware's tick allocates in"
                + " RUNNING over --ticks ticks in virtual time; and a simulated session in a child JVM under -Xmx32m."
                + " Prints a table with ratios against the baselines from the same run and the goals of issue 9."
                + " Exit codes: 0 measured (goals met or not), 2 bad input.")
public final class BenchCommand implements Callable<Integer> {

    private static final long QUICK_SECONDS = 2;
    private static final long QUICK_TICKS = 150_000;
    private static final long MIN_TICKS = 150_000;
    private static final long MAX_TICKS = 100_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "FILE|NAME",
            description = "Device profile whose loop period is measured: a YAML file or a bundled name (default sim).")
    String profile = "sim";

    @Option(names = "--seconds", paramLabel = "N", description = "How long each loop runs (default 60; --quick: 2).")
    Long seconds;

    @Option(names = "--ticks", paramLabel = "N",
            description = "Ticks in RUNNING for the allocation figure (default 1000000; --quick: 150000; at least 150000).")
    Long ticks;

    @Option(names = "--spin-margin-us", paramLabel = "US",
            description = "The runner parks until this long before each deadline, then spins (default 100).")
    long spinMarginMicros = 100;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    Path json;

    @Option(names = "--skip-cyclictest", description = "Do not run cyclictest even if it is installed.")
    boolean skipCyclictest;

    @Option(names = "--quick", description = "A short run for tests: 2 s per loop, 150000 ticks, a 10 s session.")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long secondsPerLoop = seconds != null ? seconds : quick ? QUICK_SECONDS : 60;
        long allocationTicks = ticks != null ? ticks : quick ? QUICK_TICKS : 1_000_000;
        if (secondsPerLoop < 1 || secondsPerLoop > 3600) {
            throw new UserInputException("--seconds " + secondsPerLoop + " is out of range; allowed 1 to 3600");
        }
        if (allocationTicks < MIN_TICKS || allocationTicks > MAX_TICKS) {
            throw new UserInputException("--ticks " + allocationTicks + " is out of range; allowed " + MIN_TICKS + " to "
                    + MAX_TICKS + " (fewer would not reach the thermal warning)");
        }
        PenOptions pen = new PenOptions();
        pen.profile = profile;
        DeviceProfile p = pen.profile();
        // the bench measures the firmware's loop on the simulated pen (its plant is one phase of each tick),
        // whatever backend the profile names for a real one; an unknown backend is still refused
        pen.backend();
        long periodMicros = p.loop().periodNanos() / 1_000;
        if (spinMarginMicros < 0 || spinMarginMicros > periodMicros) {
            throw new UserInputException("--spin-margin-us " + spinMarginMicros + " is out of range; allowed 0 to the"
                    + " profile's period, " + periodMicros + " µs");
        }
        if (json != null && json.toAbsolutePath().getParent() != null
                && !Files.isDirectory(json.toAbsolutePath().getParent())) {
            throw new UserInputException("--json " + json + ": directory does not exist");
        }
        Path work = Files.createTempDirectory("needlepen-bench-");
        try {
            pen.dataDir = work.resolve("data");
            // the bench's pens are calibrated as simulate calibrates a new device, in a data directory of its own
            DepthCalibration calibration = SessionCalibration.load(pen, new PrintWriter(java.io.Writer.nullWriter()));
            PenSupply supply = new PenSupply(p, pen.cartridgeType(), calibration, pen.cartridges(), pen.seed());
            Path file = Path.of(profile);
            String profileForChild = Files.exists(file) ? file.toAbsolutePath().toString() : profile;
            var settings = new Bench.Settings(supply, profileForChild, secondsPerLoop, allocationTicks,
                    spinMarginMicros * 1_000, skipCyclictest, quick, quick ? "10s" : "60s", pen.dataDir, work);
            BenchResults results = Bench.run(settings, out);
            Bench.print(out, results);
            if (json != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), results);
                out.println("JSON: " + json);
            }
            out.flush();
            return NeedlePenCli.OK;
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
