package com.needlepen.hal.sim;

import com.needlepen.hal.BuzzerPattern;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.LedPattern;
import com.needlepen.hal.PanelButton;

/**
 * The sim-only handle (like WPILib's {@code DIOSim}): reads what no firmware can see — true needle
 * tip protrusion, shaft angle and speed, the count of true needle excursions — pokes the panel as
 * a practitioner would, and injects faults. Tests and the simulator's scenario use it; the firmware
 * never gets one.
 */
public final class SimHandle {

    /** How fast a walking collar ({@link SimFault#COLLAR_WALKED}) creeps deeper while the needles run, mm/s. */
    public static final double COLLAR_WALK_MM_PER_S = 0.5;

    /** The share of the magnet's passes {@link SimFault#INDEX_MISSED_EDGES} misses: every other one. */
    public static final double INDEX_MISSED_SHARE = 0.5;
    /** Where {@link SimFault#INDEX_SPURIOUS_EDGES}'s fragment of a cracked magnet sits, degrees from the index. */
    public static final double INDEX_FRAGMENT_DEG = 175.0;
    /** Drawn apart from the run's noise streams, so a faulty sensor leaves every other stream as it was. */
    private static final long INDEX_FAULT_SEED = 0x1DE7_5EED_0B5E_55EDL;

    private final SimPen pen;

    SimHandle(SimPen pen) {
        this.pen = pen;
    }

    // --- the practitioner ---

    public void press(PanelButton button) {
        pen.panel().set(button, true);
    }

    public void release(PanelButton button) {
        pen.panel().set(button, false);
    }

    /** Puts the pen on skin (needles that protrude now meet resistance) or lifts it off. */
    public void setSkinContact(boolean contact) {
        pen.drive().setSkinContact(contact);
    }

    /**
     * How hard the practitioner presses the pen on skin while it is in contact, N (2 to 10 N in use;
     * {@link SimPen#DEFAULT_PRESS_N} unless set). The press bears on the collar: it takes up the
     * collar's play and compresses its thread (docs/mechanics.md), so the needles go deeper than a
     * collar left on the other flank, in air, stands for.
     */
    public void setPressForceN(double newtons) {
        if (!(newtons >= 0.0 && newtons <= 50.0)) {
            throw new IllegalArgumentException("press force " + newtons + " N is outside 0 to 50 N");
        }
        pen.setPressForceN(newtons);
    }

    /**
     * The load the calibration fixture presses the collar face onto the depth gauge's anvil with,
     * N (0: the technician holds the pen on the gauge without pressing). A calibration under load
     * measures the collar where the skin's press puts it.
     */
    public void setGaugeLoadN(double newtons) {
        if (!(newtons >= 0.0 && newtons <= 50.0)) {
            throw new IllegalArgumentException("gauge load " + newtons + " N is outside 0 to 50 N");
        }
        pen.setGaugeLoadN(newtons);
    }

    /**
     * The collar's position sensor sticks (a dead encoder, a broken wire): it keeps reading the count
     * it had. {@code false} mends it. Not a {@link SimFault}: it is the sensor's own failure, which
     * the firmware must find when the collar is commanded to move.
     */
    public void setCollarSensorStuck(boolean stuck) {
        pen.collar().freezeSensor(stuck);
    }

    /** The force bearing on the collar face now (the press while on skin, plus the gauge's load), N. */
    public double collarLoadN() {
        return pen.collar().loadN();
    }

    public void insertCartridge(CartridgeInfo cartridge) {
        pen.cartridge().insert(cartridge);
    }

    // --- truth ---

    /** How far the needle tips pass the collar face now, mm; negative when hidden. */
    public double tipProtrusionMm() {
        return pen.drive().protrusionMm(pen.collar().trueDepthMm());
    }

    /** The deepest the tips have gone since the last {@link #resetPeakProtrusion()}, mm. */
    public double peakProtrusionMm() {
        return pen.peakProtrusionMm();
    }

    public void resetPeakProtrusion() {
        pen.resetPeakProtrusion();
    }

    /**
     * What the technician's max-hold depth gauge shows: the peak tip protrusion since
     * {@link #resetPeakProtrusion()} (the gauge's reset), with the gauge's own noise. Each reading
     * draws new noise, as reading a real gauge again would.
     */
    public double gaugeReadingMm() {
        return pen.gaugeReadingMm();
    }

    /** How many times the tips have come out of the collar face. */
    public long trueExcursions() {
        return pen.trueExcursions();
    }

    /** Shaft revolutions turned since power-on (signed, fractional). */
    public double shaftTurns() {
        return pen.drive().shaftTurns();
    }

    /** Shaft angle in [0, 2 pi): 0 is the cam's lowest point. */
    public double shaftAngleRad() {
        return pen.drive().wrappedAngleRad();
    }

    /**
     * The cam's angle from its lowest point (the index, tips fully retracted), in degrees in
     * (-180, 180]: how far the cam is from parked, whatever the collar's depth.
     */
    public double camAngleDeg() {
        double deg = Math.toDegrees(pen.drive().wrappedAngleRad());
        return deg > 180.0 ? deg - 360.0 : deg;
    }

    /**
     * How far the tips would protrude with the cam where it is and the collar at {@code depthMm}
     * (negative: hidden): a cam stopped at ±100° hides the tips at a shallow depth but not at a deep one.
     */
    public double tipProtrusionAtDepthMm(double depthMm) {
        return pen.drive().protrusionMm(depthMm);
    }

    /** Instantaneous shaft speed in revolutions per second. */
    public double shaftRateHz() {
        return pen.drive().omegaRadPerS() / (2.0 * Math.PI);
    }

    public boolean shaftAtRest() {
        return pen.drive().omegaRadPerS() == 0.0;
    }

    /** The last virtual time at which the shaft was turning. */
    public long lastMovingNanos() {
        return pen.lastMovingNanos();
    }

    /** The true depth setting of the collar (tip protrusion at the top of a stroke), mm. */
    public double trueDepthMm() {
        return pen.collar().trueDepthMm();
    }

    public boolean carrierOnCam() {
        return pen.drive().carrierOnCam();
    }

    public double motorCurrentAmps() {
        return pen.drive().currentAmps();
    }

    /** The current monitor's offset on this unit: what it reads with no current through the shunt. */
    public double currentMonitorOffsetAmps() {
        return pen.currentMonitor().offsetAmps();
    }

    public double windingCelsius() {
        return pen.drive().windingCelsius();
    }

    /**
     * The applied part's true temperature: the nose, where the motor, its bearings and the cam sit and
     * the collar meets the skin; while the drive works, the hottest part of the shell and hotter than
     * what the thermistor on the grip reads (IEC 60601-1 11.1 limits this one).
     */
    public double handpieceCelsius() {
        return pen.drive().noseCelsius();
    }

    /** The grip's true temperature, where the thermistor sits. */
    public double gripCelsius() {
        return pen.drive().gripCelsius();
    }

    /** What the thermistor's element is at: the grip's temperature, late by its lag. */
    public double thermistorCelsius() {
        return pen.drive().thermistorCelsius();
    }

    /** The handpiece temperature sensor's own offset, within its ±0.1 °C accuracy (TMP117 class), °C. */
    public double thermometerOffsetCelsius() {
        return pen.thermometer().offsetCelsius();
    }

    /** The winding's true resistance now (it rises 0.393 %/K with its temperature), Ω. */
    public double windingOhms() {
        return pen.drive().windingOhms();
    }

    /**
     * The pen has stood long in a room at {@code celsius}, held in the practitioner's hand, its motor
     * still: every temperature at its steady state there (IEC 60601-1's highest rated ambient is 40 °C).
     * For a test's start, before the motor has run. Without it a pen starts at its room's temperature,
     * picked up at power-on.
     */
    public void soakAt(double celsius) {
        pen.drive().soakAt(celsius);
    }

    /**
     * The winding at {@code celsius} now, the handpiece as it is: a pen switched off after a long run and on again
     * at once, its winding still hot (for a test's start, before the firmware's first start).
     */
    public void setWindingCelsius(double celsius) {
        pen.drive().setWindingCelsius(celsius);
    }

    /** The room around the pen changes to {@code celsius} from now; the handpiece follows at its own pace. */
    public void setAmbientCelsius(double celsius) {
        pen.drive().setAmbientCelsius(celsius);
    }

    public boolean motorDriverEnabled() {
        return pen.driver().isEnabled();
    }

    public double motorTerminalVolts() {
        return pen.driver().terminalVolts(pen.supplyVolts());
    }

    public long collarStepsLost() {
        return pen.collar().lostSteps();
    }

    public LedPattern led() {
        return pen.indicators().led();
    }

    public BuzzerPattern buzzer() {
        return pen.indicators().buzzer();
    }

    public String displayLine(int line) {
        return pen.display().line(line);
    }

    /** Turns the cam to an angle, at rest (e.g. a cam left near its top by an uncontrolled stop). */
    public void placeCamAt(double angleRad) {
        pen.drive().placeAt(angleRad);
    }

    /**
     * Freezes the whole JVM's view of the pen: besides the firmware not ticking (the runner's
     * business), the HAL's software dead-man stops too. Only hardware outside the JVM still acts.
     */
    public void freezeJvm(boolean frozen) {
        pen.freezeJvm(frozen);
    }

    /** Whether the hardware enable timer currently lets the motor be powered. */
    public boolean motorPowerAllowed() {
        return pen.motorPowerAllowed();
    }

    /** Whether the normally-closed brake switch across the winding shorts it now. */
    public boolean brakeSwitchClosed() {
        return pen.brakeSwitchClosed();
    }

    /**
     * What the brake switch's monitor contact reads now (true: "released, the brake closed"), as the
     * firmware's GPIO sees it.
     */
    public boolean brakeMonitorSaysClosed() {
        return pen.brakeSwitch().monitorSaysClosed(pen.clock().trueNanos());
    }

    /**
     * The brake switch's contact stops making although its relay's armature releases (burnt or
     * contaminated contact faces, a broken wire between the switch and the winding): the brake never
     * closes, and the force-guided monitor contact, which follows the armature, still says "released".
     * The one failure of the brake the monitor cannot show (docs/safety.md H30). {@code false} mends it.
     */
    public void setBrakeContactNotMaking(boolean notMaking) {
        pen.brakeSwitch().setContactNotMaking(notMaking);
    }

    /**
     * The brake monitor's own wiring fails: {@code Boolean.TRUE} a broken wire (the input reads
     * "released" whatever the relay does), {@code Boolean.FALSE} an input shorted (it reads "energised");
     * null mends it. Not a {@link SimFault}: the monitor's failure, which the firmware must find when
     * the relay is commanded.
     */
    public void forceBrakeMonitor(Boolean readsClosed) {
        pen.brakeSwitch().forceMonitor(readsClosed);
    }

    /**
     * The home switch's trip point drifts to {@code mm} from where the unit was built (deeper positive),
     * as wear and temperature move it; the collar's scale does not move. {@code 0} mends it.
     */
    public void driftHomeSwitch(double mm) {
        if (!(Math.abs(mm) <= 0.5)) {
            throw new IllegalArgumentException("home switch drift " + mm + " mm is outside +-0.5 mm");
        }
        pen.collar().setSwitchDriftMm(mm);
    }

    /** How far this unit's home switch drifts over its life ({@link SimFault#HOME_SWITCH_DRIFTED}), mm. */
    public double homeSwitchEndOfLifeDriftMm() {
        return pen.collar().endOfLifeSwitchDriftMm();
    }

    /**
     * Makes the collar's driver report {@code bits} ({@code CollarDriverFault} bits) from now on, as its status
     * registers would; 0 a sound driver. {@link SimFault#COLLAR_DRIVER_RESET} is the one whose count is lost too.
     */
    public void setCollarDriverFaults(int bits) {
        pen.collar().setDriverFaults(bits);
    }

    /** How many index edges {@link SimFault#INDEX_EDGES_LOST} loses: 33 ms of strokes at 150 Hz, under the stall check's 150 ms. */
    public static final int INDEX_EDGES_LOST = 5;
    /** How long {@link SimFault#INDEX_READER_STALLED} holds the index's reader back: 30 strokes at 150 Hz. */
    public static final int INDEX_READER_STALL_MILLIS = 200;

    /** The cam follower's friction as built: a roller on a needle bearing. */
    public static final double FOLLOWER_FRICTION_NOMINAL = StrokeDrivePlant.FOLLOWER_FRICTION_NOMINAL;
    /** The cam follower's friction with its roller seized, sliding with its grease gone: the worst case. */
    public static final double FOLLOWER_FRICTION_WORST = StrokeDrivePlant.FOLLOWER_FRICTION_WORST;

    /**
     * The cam follower's friction coefficient ({@link #FOLLOWER_FRICTION_NOMINAL} as built, a roller, unless set;
     * {@link #FOLLOWER_FRICTION_WORST} seized and sliding; 0 none at all: docs/safety.md H51, H53).
     */
    public void setFollowerFriction(double mu) {
        if (!(mu >= 0.0 && mu <= 0.5)) {
            throw new IllegalArgumentException("follower friction " + mu + " is outside 0 to 0.5");
        }
        pen.drive().setFollowerFriction(mu);
    }

    /** The follower's friction torque on the shaft now, N m. */
    public double followerTorqueNm() {
        return pen.drive().followerTorqueNm();
    }

    /** The motor supply as it is now (0 after {@link SimFault#SUPPLY_LOST}), V. */
    public double supplyVolts() {
        return pen.supplyVolts();
    }

    /** Whether the system watchdog would have rebooted the system. */
    public boolean watchdogFired() {
        return pen.watchdogFired();
    }

    // --- faults ---

    /**
     * The index sensor misses {@code share} of the magnet's passes (0 mends it): evenly (every
     * 1/share-th pass) or, {@code atRandom}, each pass with that chance, drawn from the run's seed.
     */
    public void missIndexEdges(double share, boolean atRandom) {
        if (!(share >= 0.0 && share < 1.0)) {
            throw new IllegalArgumentException("missed share " + share + " is outside [0, 1)");
        }
        pen.index().setMissedEdges(share, atRandom ? new java.util.SplittableRandom(pen.parameters().seed() ^ INDEX_FAULT_SEED) : null);
    }

    /**
     * Electrical noise on the index line: spikes at random, {@code pulsesPerSecond} on average, each
     * an edge the firmware reads (0 stops it). Drawn from the run's seed.
     */
    public void addIndexNoise(double pulsesPerSecond) {
        if (!(pulsesPerSecond >= 0.0)) {
            throw new IllegalArgumentException("noise rate " + pulsesPerSecond + " is negative");
        }
        pen.index().setNoise(pulsesPerSecond, new java.util.SplittableRandom(pen.parameters().seed() ^ ~INDEX_FAULT_SEED));
    }

    /**
     * Another handpiece plugged in while the pen is on: from now its identity EEPROM reads
     * {@code other} (the physics stays the unit the pen was built as).
     */
    public void swapHandpiece(com.needlepen.hal.HandpieceId other) {
        pen.handpiece().swapTo(other);
    }

    /** What the handpiece's identity EEPROM holds now. */
    public com.needlepen.hal.HandpieceId handpieceId() {
        return pen.handpiece().id();
    }

    /** How far {@link SimFault#CLOCK_JUMPED} jumps the clock back, s. */
    public static final long CLOCK_JUMP_SECONDS = 5;

    /** The clock the firmware reads jumps by {@code nanos} (negative: back) while true time goes on. */
    public void jumpClock(long nanos) {
        pen.clock().jump(nanos);
    }

    /**
     * How many times its design's thermal resistance the winding's path to the nose has under
     * {@link SimFault#WINDING_HOT}.
     */
    public static final double WINDING_HOT_PATH_FACTOR = 40.0;

    /** What a broken spring ({@link SimFault#SPRING_BROKEN}) keeps of its preload and rate. */
    public static final double BROKEN_SPRING_FRACTION = 0.1;

    /** Injects a fault with its default magnitude. */
    public void inject(SimFault fault) {
        switch (fault) {
            case CAM_JAMMED -> pen.drive().setJammed(true);
            case INDEX_SENSOR_DEAD -> pen.index().setDead(true);
            case COLLAR_STEPS_LOST -> pen.collar().loseSteps((int) Math.round(0.2 * pen.parameters().collar().stepsPerMmNominal()));
            case COLLAR_PUSHED_BACK -> pen.collar().pushBack(0.3);
            case HOME_SWITCH_STUCK_PRESSED -> pen.collar().forceHomeSwitch(Boolean.TRUE);
            case HOME_SWITCH_STUCK_RELEASED -> pen.collar().forceHomeSwitch(Boolean.FALSE);
            case OVERHEATING -> pen.drive().setExtraHeatWatts(20.0);
            case CARTRIDGE_PULLED -> pen.cartridge().remove();
            case SUPPLY_SAG -> pen.setSupplyVolts(0.75 * pen.parameters().supplyVolts());
            case DRIVER_SHORTED -> pen.driver().setShorted(true);
            case PWM_STUCK_HIGH -> pen.driver().setPwmStuckHigh(true);
            case THERMISTOR_OPEN -> pen.setThermistorOpen(true);
            case HANDPIECE_ID_SILENT -> pen.handpiece().setSilent(true);
            case CLOCK_STOPPED -> pen.clock().stop();
            case CLOCK_JUMPED -> pen.clock().jump(-CLOCK_JUMP_SECONDS * 1_000_000_000L);
            case COLLAR_WALKED -> pen.collar().setWalkMmPerS(COLLAR_WALK_MM_PER_S);
            case SUPPLY_SURGE -> pen.setSupplyVolts(SimPen.SURGE_FRACTION * pen.parameters().supplyVolts());
            case DUTY_STUCK -> pen.driver().setDutyStuck(true);
            case THERMISTOR_STUCK -> pen.freezeThermistor(true);
            case CURRENT_SENSE_DEAD -> pen.setCurrentSenseDead(true);
            case THERMISTOR_SHORTED -> pen.setThermistorShorted(true);
            case SPRING_BROKEN -> pen.drive().weakenSpring(BROKEN_SPRING_FRACTION);
            case SUPPLY_LOST -> pen.setSupplyVolts(0.0);
            case BRAKE_SWITCH_STUCK_OPEN -> pen.brakeSwitch().setStuckOpen(true);
            case INDEX_STUCK_ACTIVE -> pen.index().setStuckActive(true);
            case INDEX_MISSED_EDGES -> missIndexEdges(INDEX_MISSED_SHARE, false);
            case INDEX_SPURIOUS_EDGES -> pen.setIndexFragmentAt(Math.toRadians(INDEX_FRAGMENT_DEG));
            case WINDING_HOT -> pen.drive().setWindingToNoseFactor(WINDING_HOT_PATH_FACTOR);
            case HOME_SWITCH_DRIFTED -> pen.collar().setSwitchDriftMm(pen.collar().endOfLifeSwitchDriftMm());
            case FOLLOWER_SEIZED -> pen.drive().setFollowerFriction(FOLLOWER_FRICTION_WORST);
            case COLLAR_DRIVER_RESET -> pen.collar().resetDriver();
            case INDEX_EDGES_LOST -> pen.index().loseNextEdges(INDEX_EDGES_LOST);
            case INDEX_READER_STALLED -> pen.index().stallReader(INDEX_READER_STALL_MILLIS * 1_000_000L);
        }
    }

    /** Clears a fault that can clear by itself (a sensor, a switch, the supply, heat). */
    public void clear(SimFault fault) {
        switch (fault) {
            case CAM_JAMMED -> pen.drive().setJammed(false);
            case INDEX_SENSOR_DEAD -> pen.index().setDead(false);
            case HOME_SWITCH_STUCK_PRESSED, HOME_SWITCH_STUCK_RELEASED -> pen.collar().forceHomeSwitch(null);
            case OVERHEATING -> pen.drive().setExtraHeatWatts(0.0);
            case SUPPLY_SAG, SUPPLY_LOST -> pen.setSupplyVolts(pen.parameters().supplyVolts());
            case BRAKE_SWITCH_STUCK_OPEN -> pen.brakeSwitch().setStuckOpen(false);
            case DRIVER_SHORTED -> pen.driver().setShorted(false);
            case PWM_STUCK_HIGH -> pen.driver().setPwmStuckHigh(false);
            case THERMISTOR_OPEN -> pen.setThermistorOpen(false);
            case HANDPIECE_ID_SILENT -> pen.handpiece().setSilent(false);
            case CLOCK_STOPPED -> pen.clock().restart();
            case CLOCK_JUMPED -> {
                // a jump is done: the clock reads on from where it jumped to
            }
            case COLLAR_WALKED -> pen.collar().setWalkMmPerS(0.0); // it stops walking; where it walked to it stays
            case SUPPLY_SURGE -> pen.setSupplyVolts(pen.parameters().supplyVolts());
            case DUTY_STUCK -> pen.driver().setDutyStuck(false);
            case THERMISTOR_STUCK -> pen.freezeThermistor(false);
            case CURRENT_SENSE_DEAD -> pen.setCurrentSenseDead(false);
            case THERMISTOR_SHORTED -> pen.setThermistorShorted(false);
            case INDEX_STUCK_ACTIVE -> pen.index().setStuckActive(false);
            case INDEX_MISSED_EDGES -> missIndexEdges(0.0, false);
            case INDEX_SPURIOUS_EDGES -> {
                pen.setIndexFragmentAt(Double.NaN);
                addIndexNoise(0.0);
            }
            case WINDING_HOT -> pen.drive().setWindingToNoseFactor(1.0);
            case COLLAR_STEPS_LOST, COLLAR_PUSHED_BACK, CARTRIDGE_PULLED, SPRING_BROKEN, HOME_SWITCH_DRIFTED,
                 FOLLOWER_SEIZED, COLLAR_DRIVER_RESET, INDEX_EDGES_LOST,
                 INDEX_READER_STALLED -> {
                // mechanical: these stay until the firmware re-homes or the cartridge goes back in
            }
        }
    }
}
