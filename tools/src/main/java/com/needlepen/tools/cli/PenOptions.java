package com.needlepen.tools.cli;

import com.needlepen.config.CartridgeType;
import com.needlepen.config.ConfigException;
import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.config.calibration.CalibrationStore;
import com.needlepen.config.calibration.RunHourMeter;
import com.needlepen.tools.UserInputException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that drives a pen shares: which profile, where its records live, the sim's seed. */
public final class PenOptions {

    @Option(names = "--profile", paramLabel = "FILE|NAME",
            description = "Device profile: a YAML file, or a bundled name (sim, compact; pi-tmc5160, pi-tmc2209 for a"
                    + " Raspberry Pi). Default: sim.")
    String profile = "sim";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where calibrations and the run-hour counter live (default: $NEEDLEPEN_HOME, else ~/.needlepen).")
    Path dataDir;

    @Option(names = "--seed", description = "Seed for the simulated pen's noise: index jitter, gauge (default 1).")
    long seed = 1;

    @Option(names = "--unit", paramLabel = "SERIAL",
            description = "Which simulated unit: its manufacturing imperfections and its handpiece's identity"
                    + " (default: the profile's device id). Simulated pen only: a real pen's identity is read from it.")
    String unit;

    @Option(names = "--cartridge", paramLabel = "TYPE",
            description = "Cartridge type from the profile (default: the one with the fewest needles).")
    String cartridge;

    private DeviceProfile loaded;

    public DeviceProfile profile() {
        if (loaded == null) {
            loaded = load();
        }
        return loaded;
    }

    private DeviceProfile load() {
        try {
            Path file = Path.of(profile);
            if (file.toFile().exists() || profile.contains("/") || profile.endsWith(".yaml") || profile.endsWith(".yml")) {
                return ProfileLoader.load(file, BACKENDS.names());
            }
            if (!ProfileLoader.ALL_BUNDLED.contains(profile)) {
                throw new UserInputException("--profile '" + profile + "' is neither a file nor a bundled profile; "
                        + "bundled: " + String.join(", ", ProfileLoader.ALL_BUNDLED));
            }
            return ProfileLoader.bundled(profile, BACKENDS.names());
        } catch (ConfigException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    public CartridgeType cartridgeType() {
        DeviceProfile p = profile();
        if (cartridge == null) {
            CartridgeType lightest = p.cartridges().get(0);
            for (CartridgeType c : p.cartridges()) {
                if (c.needles() < lightest.needles()) {
                    lightest = c;
                }
            }
            return lightest;
        }
        return p.cartridges().stream().filter(c -> c.name().equals(cartridge)).findFirst()
                .orElseThrow(() -> new UserInputException("--cartridge '" + cartridge + "' is not in profile "
                        + p.name() + "; allowed: "
                        + String.join(", ", p.cartridges().stream().map(CartridgeType::name).toList())));
    }

    private Path deviceDir;

    private com.needlepen.hal.HandpieceId handpiece;
    private boolean simulatorOnly;

    /**
     * For a command whose job is the simulated pen whatever backend the profile names for the real
     * one ({@code simulate}): the simulated unit's handpiece and records, not the real pen's.
     */
    public void simulatorWhateverTheProfileNames() {
        simulatorOnly = true;
        handpiece = null;
        deviceDir = null;
    }

    /**
     * The identity of the handpiece this command drives, as its identity EEPROM reads (on the
     * simulated pen: the unit's own); a handpiece that cannot be identified is refused in one line.
     */
    public com.needlepen.hal.HandpieceId handpiece() {
        if (handpiece == null) {
            if (unit != null) {
                requireSimFor("--unit");
            }
            var b = backend();
            try {
                handpiece = b.identify(profile(), backendOptions());
            } catch (com.needlepen.hal.backend.BackendException e) {
                throw new UserInputException("profile " + profile().name() + ", backend '" + b.name() + "': "
                        + e.getMessage());
            }
        }
        return handpiece;
    }

    /**
     * This handpiece's records: {@code <data dir>/<handpiece id>} (calibrations, run hours, the
     * ledger of used cartridges), created if missing. A directory that cannot be created or written
     * is refused in one line naming where the path came from.
     */
    public Path deviceDir() {
        if (deviceDir != null) {
            return deviceDir;
        }
        Path base = dataDir;
        String source = "--data-dir";
        if (base == null) {
            String home = System.getenv("NEEDLEPEN_HOME");
            boolean fromEnv = home != null && !home.isBlank();
            base = fromEnv ? Path.of(home) : Path.of(System.getProperty("user.home"), ".needlepen");
            source = fromEnv ? "$NEEDLEPEN_HOME" : "the default data directory";
        }
        Path dir = base.resolve(handpiece().toString());
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException | SecurityException e) {
            throw new UserInputException(source + " " + base + ": cannot create " + dir + " (" + reason(e)
                    + "); allowed: a directory this user can create and write");
        }
        if (!java.nio.file.Files.isWritable(dir)) {
            throw new UserInputException(source + " " + base + ": " + dir + " is not writable; allowed: a directory"
                    + " this user can create and write");
        }
        deviceDir = dir;
        return dir;
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    public CalibrationStore calibrations() {
        return new CalibrationStore(deviceDir().resolve("calibration"));
    }

    /** The cartridges used in earlier sessions on this pen; a damaged ledger is refused in one line. */
    public com.needlepen.firmware.session.FileCartridgeLedger cartridges() {
        java.nio.file.Path file = deviceDir().resolve("cartridges.log");
        try {
            // the simulator's clock is virtual: records are written on the control thread
            return com.needlepen.firmware.session.FileCartridgeLedger.open(file, Runnable::run);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage() + "; the ledger of used cartridges must be intact"
                    + " (repair or move it aside knowingly)");
        } catch (java.io.IOException e) {
            throw new UserInputException("cannot read the cartridge ledger " + file + ": " + e.getMessage());
        }
    }

    public RunHourMeter runHours() {
        return new RunHourMeter(deviceDir().resolve("run-hours"));
    }

    public long seed() {
        return seed;
    }

    /** The backends this program was built with, found by name (the profile loader holds {@code backend:} to them). */
    static final com.needlepen.hal.backend.Backends BACKENDS = com.needlepen.hal.backend.Backends.installed();

    /** The backends a command finds the profile's among: the installed ones, or a test rig's. */
    private com.needlepen.hal.backend.Backends backends = BACKENDS;

    /** For a test rig that runs a command in its own JVM on a backend of its own (the Pi's drivers on a sim handpiece). */
    void useBackends(com.needlepen.hal.backend.Backends rig) {
        this.backends = rig;
    }

    /** The profile's backend, found among those this program has. */
    public com.needlepen.hal.backend.PenBackend backend() {
        if (simulatorOnly) {
            return new com.needlepen.hal.sim.SimBackend();
        }
        try {
            return backends.named(profile().backend(), profile().source() + ": backend");
        } catch (com.needlepen.hal.backend.BackendException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /**
     * Opens the pen the profile's backend names and assembles its firmware (the ledger of this
     * device's used cartridges, plus what {@code assembly} adds): in virtual time on the simulated
     * pen, in real time on hardware. A backend that cannot open is refused in one line.
     */
    public com.needlepen.firmware.Pen open(java.util.function.UnaryOperator<com.needlepen.firmware.PenAssembly> assembly) {
        var b = backend();
        var ledger = cartridges();
        try {
            return com.needlepen.firmware.Pen.openAsFastAsAllowed(profile(), b, backendOptions(),
                    a -> assembly.apply(a.ledger(ledger)));
        } catch (com.needlepen.hal.backend.BackendException e) {
            throw new UserInputException("profile " + profile().name() + ", backend '" + b.name() + "': " + e.getMessage());
        }
    }

    /**
     * As {@link #open}, but the loop runs in real time whatever the backend ({@code needlepen run}: the device's
     * program, and a test rig's real-time simulated pen).
     */
    public com.needlepen.firmware.Pen openInRealTime(
            java.util.function.UnaryOperator<com.needlepen.firmware.PenAssembly> assembly) {
        var b = backend();
        var ledger = cartridges();
        com.needlepen.hal.backend.OpenedPen opened;
        try {
            opened = b.open(profile(), backendOptions());
        } catch (com.needlepen.hal.backend.BackendException e) {
            throw new UserInputException("profile " + profile().name() + ", backend '" + b.name() + "': " + e.getMessage());
        }
        try {
            return com.needlepen.firmware.Pen.on(opened, profile(), a -> assembly.apply(a.ledger(ledger)), true);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** The simulated unit this command drives: {@code --unit}, else the profile's device id. */
    public String unitSerial() {
        if (unit != null && !unit.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new UserInputException("--unit '" + unit + "' is not a unit serial; allowed: 1 to 64 letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit");
        }
        return unit != null ? unit : profile().telemetry().deviceId();
    }

    /** The unit ({@link #unitSerial}), the cartridge's needles, the seed; the simulated pen's clock starts at a fixed UTC. */
    public com.needlepen.hal.backend.BackendOptions backendOptions() {
        return new com.needlepen.hal.backend.BackendOptions(unitSerial(), cartridgeType().needles(),
                seed, com.needlepen.hal.sim.SimulatedPenFactory.SIM_EPOCH_MILLIS);
    }

    /** Whether the profile's backend is the simulated pen (whose gauge and faults a command may use). */
    public boolean simulated() {
        return com.needlepen.hal.sim.SimBackend.NAME.equals(backend().name());
    }

    /** Refuses {@code option}, which only the simulated pen has, when the profile names another backend. */
    public void requireSimFor(String option) {
        if (!simulated()) {
            throw new UserInputException(option + " is for the simulated pen only: profile " + profile().name()
                    + " uses backend '" + profile().backend() + "'; allowed: a profile with backend 'sim'");
        }
    }
}
