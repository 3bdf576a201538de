package com.needlepen.firmware;

import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.collar.CollarHoming;
import com.needlepen.firmware.collar.DepthPositioner;
import com.needlepen.firmware.collar.ZeroCheck;
import com.needlepen.firmware.drive.CamParker;
import com.needlepen.firmware.drive.CamStepper;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.panel.PanelCommands;
import com.needlepen.firmware.panel.PanelInputs;
import com.needlepen.firmware.panel.RunOutputs;
import com.needlepen.firmware.panel.TechnicianCommands;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.safety.SafetySupervisor;
import com.needlepen.firmware.session.CartridgeLedger;
import com.needlepen.firmware.session.ControllerEvents;
import com.needlepen.firmware.session.SessionRecorder;
import com.needlepen.firmware.state.LoopControl;
import com.needlepen.firmware.state.RunGate;
import com.needlepen.firmware.state.StateMachine;
import com.needlepen.firmware.state.StateParts;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.firmware.treatment.CartridgeAcceptance;
import com.needlepen.firmware.treatment.DepthUnlock;
import com.needlepen.firmware.treatment.HandpieceBinding;
import com.needlepen.firmware.treatment.SettingsPolicy;
import com.needlepen.firmware.treatment.SpinUp;
import com.needlepen.firmware.treatment.StartChecks;
import com.needlepen.firmware.treatment.ThermalDerating;
import com.needlepen.firmware.treatment.Treatment;
import com.needlepen.hal.PenHardware;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one place a pen's firmware is put together: from a profile, the hardware (any backend's),
 * the unit's identity, its calibration, the ledger of used cartridges and a telemetry sink, it
 * builds the control loop ({@link PenController}) and everything the loop owns. Nothing else wires
 * the firmware's parts.
 *
 * <pre>{@code
 * PenController pen = PenAssembly.of(profile, hardware)
 *         .unit("NP-0042").calibration(calibration).ledger(ledger).telemetry(sink)
 *         .settings(1.0, 100).build();
 * }</pre>
 */
public final class PenAssembly {

    private final DeviceProfile profile;
    private final PenHardware hw;
    private String unitId;
    private boolean unitGiven;
    private DepthCalibration calibration;
    private CartridgeLedger ledger;
    private TelemetrySink telemetry = TelemetrySink.NONE;
    private double depthMm = Double.NaN;
    private double rateHz = Double.NaN;
    private Function<SafetyInputs, List<SafetyCheck>> checks = SafetyChecks::standard;
    private boolean collarMovesEndDeeper;
    private boolean noseUncompensated;
    private boolean homeOnTheSwitch;
    private boolean parkWithoutCreep;
    private TickTrace trace;

    private PenAssembly(DeviceProfile profile, PenHardware hardware) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.hw = Objects.requireNonNull(hardware, "hardware");
    }

    public static PenAssembly of(DeviceProfile profile, PenHardware hardware) {
        return new PenAssembly(profile, hardware);
    }

    /**
     * The unit's identity, as its sessions name it (default: the handpiece's id as its identity
     * EEPROM reads at assembly; the profile's device id when it cannot be read, and then no session
     * starts).
     */
    public PenAssembly unit(String id) {
        this.unitId = Objects.requireNonNull(id, "unit id");
        this.unitGiven = true;
        return this;
    }

    /** The unit's depth calibration (an unusable one refuses every start, saying why). Required. */
    public PenAssembly calibration(DepthCalibration calibration) {
        this.calibration = calibration;
        return this;
    }

    /** The cartridges used in earlier sessions (on the pen, a file in its data directory). Required. */
    public PenAssembly ledger(CartridgeLedger ledger) {
        this.ledger = ledger;
        return this;
    }

    /** Where samples and events go (default: nowhere). */
    public PenAssembly telemetry(TelemetrySink telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        return this;
    }

    /**
     * The set depth and rate at power-on (default: the profile's shallowest depth and slowest
     * rate). The depth is at most the ceiling: deeper depths need the practitioner's confirmation.
     */
    public PenAssembly settings(double depthMm, double rateHz) {
        this.depthMm = depthMm;
        this.rateHz = rateHz;
        return this;
    }

    /**
     * A chosen set of safety checks: for tests that show what one mitigation prevents by leaving it
     * out. The firmware itself always runs {@link SafetyChecks#standard} (an architecture test holds
     * every other caller to test code).
     */
    public PenAssembly safetyChecksForTest(Function<SafetyInputs, List<SafetyCheck>> checks) {
        this.checks = Objects.requireNonNull(checks, "checks");
        return this;
    }

    /**
     * The collar's moves end moving deeper, as before H42, instead of on the flank the skin's press
     * bears on: for the test that shows the depth error under load this leaves (an architecture test
     * holds every other caller to test code).
     */
    /**
     * The warning and the cut-off judge the thermistor's bare reading, not the applied part's estimate
     * (for a test that shows the harm of leaving the lag and the gradient out, H47).
     */
    public PenAssembly noseUncompensatedForTest() {
        this.noseUncompensated = true;
        return this;
    }

    public PenAssembly collarMovesEndDeeperForTest() {
        this.collarMovesEndDeeper = true;
        return this;
    }

    /** A trace on a clock of the test's, for tests of the loop's timing in virtual time (default: the system's). */
    /**
     * Homing and the zero check take the collar's zero where the home switch closes, as before H50,
     * instead of from the collar's scale: for a test that shows what a drifting switch then does to the
     * depth. Production never calls it.
     */
    public PenAssembly homeOnTheSwitchForTest() {
        this.homeOnTheSwitch = true;
        return this;
    }

    /**
     * Parking nudges the cam with the profile's fixed pulse only, as before H51, instead of creeping to
     * the index and ramping its kicks over the top: for the tests that show what a worn cam follower
     * (H51) and a broken spring (H34) then do. Production never calls it.
     */
    public PenAssembly parkWithoutCreepForTest() {
        this.parkWithoutCreep = true;
        return this;
    }

    public PenAssembly trace(TickTrace trace) {
        this.trace = trace;
        return this;
    }

    public PenController build() {
        if (calibration == null) {
            throw new IllegalStateException("a pen is assembled with its calibration (DepthCalibration.unusable says why it has none)");
        }
        if (ledger == null) {
            throw new IllegalStateException("a pen is assembled with its ledger of used cartridges");
        }
        TickTrace trace = this.trace != null ? this.trace : TickTrace.system();
        double depth = Double.isNaN(depthMm) ? profile.depth().minMm() : depthMm;
        double rate = Double.isNaN(rateHz) ? profile.rate().minHz() : rateHz;
        DepthUnlock unlock = new DepthUnlock(profile);
        if (depth > unlock.limitMm() + 1e-9) {
            throw new IllegalArgumentException("initial depth " + depth + " mm is above the " + unlock.limitMm()
                    + " mm ceiling: deeper depths need the practitioner's confirmation on the panel");
        }
        CartridgeAcceptance acceptance = new CartridgeAcceptance(hw.cartridge(), ledger);
        HandpieceBinding handpiece = HandpieceBinding.atPowerOn(hw.handpiece(), calibration.id(), calibration.handpieceId());
        String unitId = unitGiven ? this.unitId
                : handpiece.atPowerOn() != null ? handpiece.atPowerOn().toString() : profile.telemetry().deviceId();
        SettingsPolicy policy = new SettingsPolicy(profile);
        StrokeDrive drive = new StrokeDrive(hw.motor(), hw.index(), hw.sensors(), hw.brakeMonitor(), profile,
                !noseUncompensated);
        ThermalDerating derating = new ThermalDerating(profile.safety(), drive.nose());
        DepthPositioner positioner = new DepthPositioner(hw.collar(), profile.collar(), calibration.map(),
                unlock.limitMm(), !collarMovesEndDeeper);
        CollarHoming homing = new CollarHoming(hw.collar(), profile.collar(), !homeOnTheSwitch);
        ZeroCheck zeroCheck = new ZeroCheck(hw.collar(), profile.collar(), profile.tuning().zeroCheck(), !homeOnTheSwitch);
        CamParker parker = new CamParker(drive, profile.tuning(), !parkWithoutCreep);
        CamStepper camStepper = new CamStepper(drive, profile.tuning());
        SpinUp spinUp = new SpinUp(profile.tuning().spinUp());
        SessionRecorder sessions = new SessionRecorder(unitId, telemetry);
        SafetySupervisor supervisor = new SafetySupervisor(checks.apply(new SafetyInputs(profile, drive, positioner,
                hw.collar(), zeroCheck, hw.sensors(), hw.cartridge(), trace, sessions)));
        ControllerEvents events = new ControllerEvents(telemetry, sessions, hw.clock());
        LoopControl control = new LoopControl(hw.indicators(), events);
        StartChecks startChecks = new StartChecks(profile, policy, calibration, hw.cartridge(), positioner, handpiece);
        TechnicianCommands technician = new TechnicianCommands(profile, positioner, hw.cartridge(), sessions, control);
        PanelCommands panelCommands = new PanelCommands(new PanelInputs(hw.panel()), profile);
        RunOutputs outputs = new RunOutputs(hw, drive, positioner, telemetry, profile.telemetry().sampleRateHz());
        Treatment treatment = new Treatment(hw, policy, startChecks, unlock, derating, acceptance, sessions, events,
                positioner, drive, spinUp, calibration.id(), control, depth, rate);
        RunGate gate = new RunGate(profile, hw, zeroCheck, positioner, startChecks, acceptance, treatment, sessions,
                events, control);
        StateMachine machine = new StateMachine(new StateParts(profile, hw, control, drive, positioner, homing, parker,
                camStepper, spinUp, supervisor, sessions, events, outputs, unlock, treatment, gate, technician));
        return new PenController(new PenController.Parts(hw, trace, drive, positioner, homing, zeroCheck, camStepper,
                spinUp, acceptance, panelCommands, treatment, supervisor, outputs, sessions, control, machine,
                calibration, policy));
    }
}
