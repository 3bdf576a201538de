package com.needlepen.tools.cli;

import com.needlepen.config.ConfigException;
import com.needlepen.config.DeviceProfile;
import com.needlepen.config.HardwareSpec;
import com.needlepen.config.ProfileLoader;
import com.needlepen.config.calibration.CalibrationCheck;
import com.needlepen.config.calibration.CalibrationStore;
import com.needlepen.hal.HandpieceId;
import com.needlepen.hal.backend.BackendException;
import com.needlepen.hal.backend.BackendOptions;
import com.needlepen.hal.pi4j.Preflight;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code needlepen doctor}: what a pen on a Raspberry Pi needs, checked one by one, each with what to do when it is
 * missing: the JDK, the profile, the backend, the board, the device nodes and this user's right to them, the overlays
 * in {@code config.txt}, the service user's groups, the handpiece's identity and its calibration, the broker, and the
 * kernel's isolated core (advice). Exit 0 when nothing is missing, 1 when something is (advice alone does not fail).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks what the pen needs on this machine and prints what to fix.",
                "Exit codes: 0 nothing missing, 1 something missing, 2 bad arguments."})
public final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "FILE|NAME",
            description = "The pen's profile (default: /etc/needlepen/profile.yaml, the package's).")
    String profile = "/etc/needlepen/profile.yaml";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the pen's records live (default: /var/lib/needlepen, the package's).")
    Path dataDir = Path.of("/var/lib/needlepen");

    @Option(names = "--root", hidden = true, description = "The file system root the checks look under (tests).")
    Path root = Path.of("/");

    /** A line of the report. */
    record Check(Level level, String what, String detail) {
    }

    enum Level { OK, MISSING, ADVICE }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Check> checks = new ArrayList<>();
        checks.add(jdk());
        DeviceProfile p = profile(checks);
        if (p != null) {
            checks.add(backend(p));
            HardwareSpec hw = p.hardware();
            if (hw != null) {
                for (Preflight.Finding f : new Preflight(root).check(hw)) {
                    checks.add(new Check(f.ok() ? Level.OK : Level.MISSING, f.what(), f.detail()));
                }
                checks.addAll(overlays(hw));
                checks.add(serviceUser());
                checks.add(realTimeCore());
            }
            checks.addAll(handpieceAndCalibration(p));
            checks.add(broker(p));
        }
        int missing = 0;
        for (Check c : checks) {
            out.println(String.format(Locale.ROOT, "%-8s %s%s", c.level() == Level.OK ? "ok" : c.level().name(), c.what(),
                    c.detail().isEmpty() ? "" : ": " + c.detail()));
            missing += c.level() == Level.MISSING ? 1 : 0;
        }
        out.println(missing == 0 ? "needlepen doctor: nothing missing"
                : "needlepen doctor: " + missing + " thing" + (missing == 1 ? "" : "s") + " missing; fix them as said above");
        out.flush();
        return missing == 0 ? 0 : 1;
    }

    private static Check jdk() {
        Runtime.Version v = Runtime.version();
        String home = System.getProperty("java.home");
        return v.feature() >= 21 ? new Check(Level.OK, "JDK", v + " (" + home + ")")
                : new Check(Level.MISSING, "JDK", v + " is older than 21; install openjdk-21-jre-headless, or set JAVA_HOME"
                        + " in /etc/needlepen/needlepen.env");
    }

    private DeviceProfile profile(List<Check> checks) {
        try {
            Path file = Path.of(profile);
            DeviceProfile p;
            if (Files.exists(file) || profile.contains("/") || profile.endsWith(".yaml")) {
                p = ProfileLoader.load(file, PenOptions.BACKENDS.names());
            } else {
                p = ProfileLoader.bundled(profile, PenOptions.BACKENDS.names());
            }
            checks.add(new Check(Level.OK, "profile", p.source() + " (" + p.name() + ", backend " + p.backend() + ")"));
            return p;
        } catch (ConfigException e) {
            checks.add(new Check(Level.MISSING, "profile", e.getMessage()));
            return null;
        }
    }

    private static Check backend(DeviceProfile p) {
        List<String> names = PenOptions.BACKENDS.names();
        return names.contains(p.backend()) ? new Check(Level.OK, "backend", p.backend())
                : new Check(Level.MISSING, "backend", "'" + p.backend() + "' is not in this build (" + names + ")");
    }

    private List<Check> overlays(HardwareSpec hw) {
        Path config = root.resolve("boot/firmware/config.txt");
        if (!Files.exists(config)) {
            config = root.resolve("boot/config.txt");
        }
        List<Check> l = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(config).stream().map(String::strip).filter(s -> !s.startsWith("#")).toList();
        } catch (IOException e) {
            l.add(new Check(Level.MISSING, "config.txt", "no /boot/firmware/config.txt: not a Raspberry Pi OS boot"
                    + " partition; the overlays docs/wiring.md names cannot be checked"));
            return l;
        }
        l.add(line(lines, "dtparam=i2c_arm=on", "I2C"));
        l.add(line(lines, "dtparam=spi=on", "SPI"));
        boolean pwm = lines.stream().anyMatch(s -> s.startsWith("dtoverlay=pwm"));
        l.add(new Check(pwm ? Level.OK : Level.MISSING, "config.txt: the PWM overlay", pwm ? ""
                : "add 'dtoverlay=pwm,pin=18,func=2' (Pi 4) or 'dtoverlay=pwm-2chan' (Pi 5)"));
        if (hw.collar().tmc2209() != null) {
            l.add(line(lines, "enable_uart=1", "the TMC2209's UART"));
        }
        return l;
    }

    private static Check line(List<String> lines, String wanted, String what) {
        boolean has = lines.contains(wanted);
        return new Check(has ? Level.OK : Level.MISSING, "config.txt: " + wanted, has ? "" : "add it for " + what
                + " and reboot");
    }

    private Check serviceUser() {
        Path group = root.resolve("etc/group");
        try {
            List<String> missing = new ArrayList<>(List.of("gpio", "spi", "i2c", "dialout"));
            boolean exists = Files.readAllLines(root.resolve("etc/passwd")).stream().anyMatch(l -> l.startsWith("needlepen:"));
            if (!exists) {
                return new Check(Level.MISSING, "service user needlepen", "does not exist; install the needlepen package"
                        + " (its postinst creates it)");
            }
            for (String l : Files.readAllLines(group)) {
                String[] f = l.split(":", -1);
                if (f.length == 4 && List.of(f[3].split(",")).contains("needlepen")) {
                    missing.remove(f[0]);
                }
            }
            return missing.isEmpty() ? new Check(Level.OK, "service user needlepen", "in gpio, spi, i2c, dialout")
                    : new Check(Level.MISSING, "service user needlepen", "not in " + String.join(", ", missing)
                    + "; usermod -aG " + String.join(",", missing) + " needlepen");
        } catch (IOException e) {
            return new Check(Level.MISSING, "service user needlepen", "cannot read " + group + ": " + e.getMessage());
        }
    }

    private Check realTimeCore() {
        try {
            String cmdline = Files.readString(root.resolve("proc/cmdline"));
            return cmdline.contains("isolcpus=") ? new Check(Level.OK, "isolated core", "kernel command line has isolcpus")
                    : new Check(Level.ADVICE, "isolated core", "add 'isolcpus=3 nohz_full=3 rcu_nocbs=3 irqaffinity=0-2' to"
                    + " /boot/firmware/cmdline.txt for the control loop's own core (docs/performance.md)");
        } catch (IOException e) {
            return new Check(Level.ADVICE, "isolated core", "cannot read /proc/cmdline");
        }
    }

    private List<Check> handpieceAndCalibration(DeviceProfile p) {
        List<Check> l = new ArrayList<>();
        HandpieceId id;
        try {
            id = PenOptions.BACKENDS.named(p.backend(), "profile " + p.name()).identify(p,
                    new BackendOptions(p.telemetry().deviceId(), 0, 1, System.currentTimeMillis()));
            l.add(new Check(Level.OK, "handpiece id", id.toString()));
        } catch (BackendException e) {
            l.add(new Check(Level.MISSING, "handpiece id", "cannot be read: " + e.getMessage()));
            l.add(new Check(Level.MISSING, "calibration", "not checked without the handpiece's id"));
            return l;
        }
        CalibrationStore store = new CalibrationStore(dataDir.resolve(id.toString()).resolve("calibration"));
        CalibrationStore.Entry current;
        try {
            current = store.current();
        } catch (RuntimeException e) {
            l.add(new Check(Level.MISSING, "calibration", e.getMessage() + " (a technician calibrates the handpiece)"));
            return l;
        }
        String problem = CalibrationCheck.problem(current, p, id.toString(), 0, System.currentTimeMillis(), false);
        l.add(problem == null ? new Check(Level.OK, "calibration", current.file().toString())
                : new Check(Level.MISSING, "calibration", problem));
        return l;
    }

    private static Check broker(DeviceProfile p) {
        String url = p.telemetry().brokerUrl();
        if (url == null) {
            return new Check(Level.OK, "broker", "none named: the in-JVM broker (simulator)");
        }
        try {
            URI u = URI.create(url);
            int port = u.getPort() > 0 ? u.getPort() : 1883;
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(u.getHost(), port), 2000);
            }
            return new Check(Level.OK, "broker", url + " accepts connections");
        } catch (IOException | IllegalArgumentException e) {
            return new Check(Level.MISSING, "broker", url + " does not accept connections (" + e.getMessage()
                    + "); install and start mosquitto (apt-get install mosquitto), or name the broker in the profile's"
                    + " telemetry.brokerUrl. The pen treats without it: its outbox keeps every record");
        }
    }
}
