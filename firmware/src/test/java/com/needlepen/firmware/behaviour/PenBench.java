package com.needlepen.firmware.behaviour;

import com.needlepen.config.CartridgeType;
import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.Pen;
import com.needlepen.firmware.PenAssembly;
import com.needlepen.firmware.PenController;
import com.needlepen.hal.sim.SimBackend;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.PenHardware;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimHandle;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.hal.sim.SimulatedPenFactory;
import com.needlepen.firmware.loop.SimulationRunner;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A simulated pen with its firmware, stepped in virtual time, for tests. */
public final class PenBench {

    public static final long MS = 1_000_000L;
    public static final long S = 1_000_000_000L;

    public final DeviceProfile profile;
    public final SimPen pen;
    public final SimHandle sim;
    public final PenController controller;
    public final SimulationRunner runner;
    public final CartridgeType cartridge;

    public PenBench(DeviceProfile profile, String cartridgeName, double depthMm, double rateHz, long seed,
             TelemetrySink telemetry) {
        this(profile, cartridgeName, depthMm, rateHz, profile.telemetry().deviceId(), seed, telemetry);
    }

    public PenBench(DeviceProfile profile, String cartridgeName, double depthMm, double rateHz, String unitSerial, long seed,
             TelemetrySink telemetry) {
        this(profile, cartridgeName, depthMm, rateHz, unitSerial, seed, telemetry,
                com.needlepen.firmware.session.CartridgeLedger.inMemory());
    }

    public PenBench(DeviceProfile profile, String cartridgeName, double depthMm, double rateHz, String unitSerial, long seed,
             TelemetrySink telemetry, com.needlepen.firmware.session.CartridgeLedger ledger) {
        this(profile, cartridgeName, depthMm, rateHz, unitSerial, seed, telemetry, ledger,
                com.needlepen.firmware.safety.SafetyChecks::standard);
    }

    /** A bench whose firmware runs {@code checks}: for tests that leave a mitigation out to show its harm. */
    public PenBench(DeviceProfile profile, String cartridgeName, double depthMm, double rateHz, long seed,
             TelemetrySink telemetry, Function<SafetyInputs, List<SafetyCheck>> checks) {
        this(profile, cartridgeName, depthMm, rateHz, profile.telemetry().deviceId(), seed, telemetry,
                com.needlepen.firmware.session.CartridgeLedger.inMemory(), checks);
    }

    public PenBench(DeviceProfile profile, String cartridgeName, double depthMm, double rateHz, String unitSerial, long seed,
             TelemetrySink telemetry, com.needlepen.firmware.session.CartridgeLedger ledger,
             Function<SafetyInputs, List<SafetyCheck>> checks) {
        this(profile, cartridgeName, depthMm, rateHz, unitSerial, seed, telemetry, ledger, checks, UnaryOperator.identity(),
                UnaryOperator.identity());
    }

    /** A bench whose firmware is assembled with {@code assembly}'s test options too (a mitigation left out). */
    public static PenBench assembledWith(DeviceProfile profile, String cartridgeName, double depthMm, double rateHz,
             long seed, UnaryOperator<PenAssembly> assembly) {
        return new PenBench(profile, cartridgeName, depthMm, rateHz, profile.telemetry().deviceId(), seed,
                TelemetrySink.NONE, com.needlepen.firmware.session.CartridgeLedger.inMemory(),
                com.needlepen.firmware.safety.SafetyChecks::standard, UnaryOperator.identity(), assembly);
    }

    /**
     * A bench whose firmware sees the simulated pen's hardware through {@code wiring} (a test that
     * stands in for one sensor, say); the plant behind it is the same.
     */
    public static PenBench wired(DeviceProfile profile, String cartridgeName, double depthMm, double rateHz, long seed,
             TelemetrySink telemetry, UnaryOperator<PenHardware> wiring) {
        return new PenBench(profile, cartridgeName, depthMm, rateHz, profile.telemetry().deviceId(), seed, telemetry,
                com.needlepen.firmware.session.CartridgeLedger.inMemory(),
                com.needlepen.firmware.safety.SafetyChecks::standard, wiring, UnaryOperator.identity());
    }

    /** As {@link #wired}, the firmware assembled with {@code assembly}'s test options too. */
    public static PenBench wired(DeviceProfile profile, String cartridgeName, double depthMm, double rateHz, long seed,
             TelemetrySink telemetry, UnaryOperator<PenHardware> wiring, UnaryOperator<PenAssembly> assembly) {
        return new PenBench(profile, cartridgeName, depthMm, rateHz, profile.telemetry().deviceId(), seed, telemetry,
                com.needlepen.firmware.session.CartridgeLedger.inMemory(),
                com.needlepen.firmware.safety.SafetyChecks::standard, wiring, assembly);
    }

    /** As {@link #wired}, with a chosen set of checks: a test that leaves a mitigation out behind a lying sensor. */
    public static PenBench wired(DeviceProfile profile, String cartridgeName, double depthMm, double rateHz, long seed,
             UnaryOperator<PenHardware> wiring, Function<SafetyInputs, List<SafetyCheck>> checks) {
        return new PenBench(profile, cartridgeName, depthMm, rateHz, profile.telemetry().deviceId(), seed,
                TelemetrySink.NONE, com.needlepen.firmware.session.CartridgeLedger.inMemory(), checks, wiring,
                UnaryOperator.identity());
    }

    private PenBench(DeviceProfile profile, String cartridgeName, double depthMm, double rateHz, String unitSerial,
             long seed, TelemetrySink telemetry, com.needlepen.firmware.session.CartridgeLedger ledger,
             Function<SafetyInputs, List<SafetyCheck>> checks, UnaryOperator<PenHardware> wiring,
             UnaryOperator<PenAssembly> assembly) {
        this.profile = profile;
        this.cartridge = profile.cartridges().stream().filter(c -> c.name().equals(cartridgeName)).findFirst()
                .orElseThrow();
        this.pen = SimulatedPenFactory.create(profile, cartridge.needles(), unitSerial, seed);
        this.sim = pen.handle();
        // the sim pen as its backend opens it, with its hardware as the test wired it
        SimBackend.Opened opened = new SimBackend.Opened(pen, wiring.apply(pen.hardware()));
        Pen assembled = Pen.on(opened, profile, a -> assembly.apply(a.unit(unitSerial).telemetry(telemetry)
                .settings(depthMm, rateHz).calibration(DepthCalibration.nominalForTestBench(profile.collar()))
                .ledger(ledger).safetyChecksForTest(checks)), false);
        this.controller = assembled.controller();
        this.runner = assembled.runner();
    }

    /**
     * The firmware and its virtual-time runner on a simulated pen a test built or changed itself,
     * assembled the one way ({@link Pen#on}): a nominal calibration and a ledger in memory unless
     * {@code assembly} says otherwise.
     */
    public static Pen assemble(SimPen pen, DeviceProfile profile, java.util.function.UnaryOperator<PenAssembly> assembly) {
        return Pen.on(new SimBackend.Opened(pen), profile, a -> assembly.apply(a
                .calibration(DepthCalibration.nominalForTestBench(profile.collar()))
                .ledger(com.needlepen.firmware.session.CartridgeLedger.inMemory())), false);
    }

    /**
     * {@code hw} with the handpiece temperature the firmware reads replaced: {@code reading} gets the
     * plant's and returns what the sensor says (a test that makes it lie, or stand in for heat). The
     * other readings are the plant's. Reading it allocates nothing.
     */
    public static PenHardware temperatureReading(PenHardware hw, java.util.function.DoubleUnaryOperator reading) {
        com.needlepen.hal.AnalogSensors plant = hw.sensors();
        com.needlepen.hal.AnalogSensors read = new com.needlepen.hal.AnalogSensors() {
            @Override
            public double motorCurrentAmps() {
                return plant.motorCurrentAmps();
            }

            @Override
            public double motorCurrentSignedAmps() {
                return plant.motorCurrentSignedAmps();
            }

            @Override
            public double handpieceCelsius() {
                return reading.applyAsDouble(plant.handpieceCelsius());
            }

            @Override
            public double supplyVolts() {
                return plant.supplyVolts();
            }
        };
        return new PenHardware(hw.clock(), hw.motor(), hw.index(), hw.collar(), hw.panel(), hw.indicators(),
                hw.display(), hw.cartridge(), read, hw.enableTimer(), hw.watchdog(), hw.handpiece(),
                hw.brakeMonitor());
    }

    /**
     * The sim profile's pen with a 12-pin at 1.0 mm, running spun up at 150 Hz for a second under {@code checks}: where
     * the index's platform faults (lost, late edges) are shown.
     */
    public static PenBench runningAt150Hz(java.util.function.Function<com.needlepen.firmware.safety.SafetyInputs,
            java.util.List<com.needlepen.firmware.safety.SafetyCheck>> checks) {
        PenBench bench = wired(ProfileLoader.bundled("sim"), "12-pin", 1.0, 150, 7, hw -> hw, checks).insertCartridge();
        bench.ready();
        bench.click(com.needlepen.hal.PanelButton.START_STOP).running().spunUp();
        bench.run(S);
        return bench;
    }

    /** The standard checks but those of {@code type}: to show the harm a check prevents. */
    public static java.util.function.Function<com.needlepen.firmware.safety.SafetyInputs,
            java.util.List<com.needlepen.firmware.safety.SafetyCheck>> without(
            Class<? extends com.needlepen.firmware.safety.SafetyCheck> type) {
        return in -> com.needlepen.firmware.safety.SafetyChecks.standard(in).stream().filter(c -> !type.isInstance(c))
                .toList();
    }

    public static PenBench sim(String cartridge, double depthMm, double rateHz, long seed) {
        return new PenBench(ProfileLoader.bundled("sim"), cartridge, depthMm, rateHz, seed, TelemetrySink.NONE);
    }

    /** A bench for another unit of the same model (other imperfections). */
    public static PenBench sim(String cartridge, double depthMm, double rateHz, String unitSerial, long seed) {
        return new PenBench(ProfileLoader.bundled("sim"), cartridge, depthMm, rateHz, unitSerial, seed,
                TelemetrySink.NONE);
    }

    public PenBench insertCartridge() {
        return insertCartridge("CART-TEST");
    }

    public PenBench insertCartridge(String id) {
        sim.insertCartridge(new CartridgeInfo(id, cartridge.needles()));
        return this;
    }

    /** Steps until READY with the collar at the set depth; fails the test if it does not get there. */
    public PenBench ready() {
        if (!runner.runUntil(() -> controller.status().readyToStart(), 30 * S)) {
            throw new AssertionError("not ready: " + controller.status().state() + " " + controller.status().fault() + " "
                    + controller.status().faultDetail());
        }
        return this;
    }

    /** Presses and releases a button (held 20 ms, then 2 ms released). */
    public PenBench click(PanelButton button) {
        sim.press(button);
        runner.runFor(20 * MS);
        sim.release(button);
        runner.runFor(2 * MS);
        return this;
    }

    /** Runs until RUNNING: a start after a run first goes through the collar's zero check (about 2 s). */
    public PenBench running() {
        if (!runner.runUntil(() -> controller.status().state() == com.needlepen.firmware.state.PenState.RUNNING, 5 * S)) {
            throw new AssertionError("not running: " + controller.status().state() + " " + controller.status().fault() + " "
                    + controller.status().faultDetail() + " " + controller.status().lastRefusal());
        }
        return this;
    }

    /** Runs until the firmware reports spin-up over. */
    public PenBench spunUp() {
        if (!runner.runUntil(() -> controller.status().spunUp(), 5 * S)) {
            throw new AssertionError("no spin-up: " + controller.status().state() + " " + controller.status().fault());
        }
        return this;
    }

    public void run(long nanos) {
        runner.runFor(nanos);
    }

    public long now() {
        return runner.nowNanos();
    }
}
