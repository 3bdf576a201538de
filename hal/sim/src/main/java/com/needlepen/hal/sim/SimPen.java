package com.needlepen.hal.sim;

import com.needlepen.hal.AnalogSensors;
import com.needlepen.hal.PenHardware;
import java.util.SplittableRandom;

/**
 * The simulated pen: the physics plant behind the same HAL interfaces as the real one, a virtual
 * clock, and a {@link SimHandle} that reads the truth and injects faults.
 *
 * <p>Nothing moves until {@link #advanceTo(long)} is called; it integrates the physics in fixed
 * substeps up to that time. A simulation runner alternates it with the firmware's tick.
 */
public final class SimPen {

    private static final double CURRENT_FILTER_SECONDS = 0.5e-3;
    private static final double EXCURSION_HYSTERESIS_MM = 0.001;

    private final SimParameters params;
    private final VirtualClock clock;
    private final SimMotorDriver driver;
    private final IndexChannel index;
    private final CollarPlant collar;
    private final StrokeDrivePlant drive;
    private final SimPanel panel = new SimPanel();
    private final SimIndicators indicators = new SimIndicators();
    private final SimDisplay display = new SimDisplay(4, 20);
    private final SimCartridge cartridge = new SimCartridge();
    private final PenHardware hardware;
    private final SimHandle handle;
    private final double activeHalfWidthRad;

    private final SplittableRandom gaugeRandom;
    private final SimEnableTimer enableTimer;
    private final SimWatchdog watchdog;
    private final SimHandpiece handpiece;
    private final CurrentMonitor currentMonitor;
    private final HandpieceThermometer thermometer;
    private final BrakeSwitch brakeSwitch = new BrakeSwitch();
    private boolean jvmFrozen;
    private double supplyVolts;
    private double filteredSignedAmps;
    private boolean protruding;
    private long trueExcursions;
    private double peakProtrusionMm = Double.NEGATIVE_INFINITY;
    private long lastMovingNanos;

    public SimPen(SimParameters params, long utcEpochMillisAtZero) {
        this(params, utcEpochMillisAtZero, SimHandpiece.DEFAULT_ID);
    }

    /** A simulated pen whose handpiece carries {@code handpieceId} (see {@link SimulatedPenFactory#handpieceIdOf}). */
    public SimPen(SimParameters params, long utcEpochMillisAtZero, com.needlepen.hal.HandpieceId handpieceId) {
        this.params = params;
        this.handpiece = new SimHandpiece(handpieceId);
        this.clock = new VirtualClock(utcEpochMillisAtZero);
        SplittableRandom random = new SplittableRandom(params.seed());
        this.driver = new SimMotorDriver(params.motor().deadmanNanos());
        this.index = new IndexChannel(params.index(), random.split(), clock);
        SplittableRandom collarRandom = random.split();
        this.gaugeRandom = random.split();
        // drawn after the others, so adding the collar's position sensor left every other stream as it was
        this.collar = new CollarPlant(params.collar(), collarRandom, random.split());
        this.drive = new StrokeDrivePlant(params);
        this.supplyVolts = params.supplyVolts();
        this.activeHalfWidthRad = Math.toRadians(params.index().activeHalfWidthDeg());
        // the hardware timers outside the JVM run on their own oscillators: fed at the true time, whatever the clock says
        this.enableTimer = new SimEnableTimer(params.motor().enableTimerNanos(), clock::trueNanos);
        this.watchdog = new SimWatchdog(clock::trueNanos);
        this.hardware = new PenHardware(clock, driver, index, collar, panel, indicators, display, cartridge,
                new Sensors(), enableTimer, watchdog, handpiece, () -> brakeSwitch.monitorSaysClosed(clock.trueNanos()));
        // last of the splits, so the streams drawn before it are what they were without it
        this.currentMonitor = new CurrentMonitor(CurrentMonitor.offsetOf(handpieceId), random.split());
        // after the current monitor's split, so its stream is what it was without the thermometer
        this.thermometer = new HandpieceThermometer(HandpieceThermometer.offsetOf(handpieceId), random.split());
        this.handle = new SimHandle(this);
        index.update(magnetAtSensor(), 0L);
        protruding = drive.protrusionMm(collar.trueDepthMm()) > 0.0;
    }

    public PenHardware hardware() {
        return hardware;
    }

    public SimHandle handle() {
        return handle;
    }

    public VirtualClock clock() {
        return clock;
    }

    public SimParameters parameters() {
        return params;
    }

    /** Integrates the physics up to {@code nanos} in fixed substeps (the last one may be shorter). */
    public void advanceTo(long nanos) {
        long now = clock.trueNanos();
        long substep = params.substepNanos();
        while (now < nanos) {
            long next = Math.min(now + substep, nanos);
            double dt = (next - now) * 1e-9;
            if (!jvmFrozen) {
                // the HAL's dead-man runs in the JVM: frozen with it, and timed on the clock the HAL reads, lies and all
                driver.checkDeadman(clock.nanoTime());
            }
            watchdog.check(now);
            clock.set(next);
            collar.advance(dt);
            if (drive.omegaRadPerS() != 0.0) {
                collar.walk(dt); // a walking thread creeps with the vibration of the running needles
            }
            double load = (drive.skinContact() ? pressForceN : 0.0) + gaugeLoadN;
            if (load != collar.loadN()) {
                collar.setLoadN(load);
            }
            double depth = collar.trueDepthMm();
            stepDrive(now, dt, depth);
            observe(next, dt, depth);
            now = next;
        }
    }

    /**
     * One physics step of the stroke drive with the winding's circuit as the hardware leaves it. The
     * enable timer is hardware: when it runs out it holds the driver's enable line low and opens the
     * supply switch. An integrated bridge that is unpowered (supply opened or lost, below its
     * under-voltage lockout) or whose enable line is low is open: it neither drives nor brakes.
     * Then only the normally-closed {@link BrakeSwitch} brakes, and without it the motor coasts. A
     * powered, enabled bridge drives at its duty or brakes on its low sides, as the firmware tells
     * it; a shorted transistor drives whatever it is told while there is any supply.
     */
    private void stepDrive(long now, double dt, double depth) {
        boolean supplySwitchClosed = enableTimer.allowsPower(now);
        double busVolts = supplySwitchClosed ? supplyVolts : 0.0;
        boolean enableLine = supplySwitchClosed && driver.isEnabled();
        boolean bridgePowered = busVolts >= BrakeSwitch.HOLD_FRACTION * params.supplyVolts();
        brakeSwitch.update(now, enableLine && bridgePowered);
        if ((driver.shorted() && busVolts > 0.0) || (enableLine && bridgePowered)) {
            drive.setPwmBusVolts(busVolts);
            drive.step(dt, driver.terminalVolts(busVolts), 0.0, depth);
            drive.setPwmBusVolts(0.0);
        } else if (brakeSwitch.closed(now)) {
            drive.step(dt, 0.0, BrakeSwitch.ON_OHMS, depth);
        } else {
            drive.step(dt, 0.0, StrokeDrivePlant.OPEN, depth);
        }
    }

    private void observe(long now, double dt, double depthMm) {
        index.update(magnetAtSensor(), now);
        double alpha = dt / (CURRENT_FILTER_SECONDS + dt);
        filteredSignedAmps += alpha * (drive.currentAmps() - filteredSignedAmps);
        double protrusion = drive.protrusionMm(depthMm);
        if (protrusion > peakProtrusionMm) {
            peakProtrusionMm = protrusion;
        }
        if (!protruding && protrusion > EXCURSION_HYSTERESIS_MM) {
            protruding = true;
            trueExcursions++;
        } else if (protruding && protrusion <= 0.0) {
            protruding = false;
        }
        if (drive.omegaRadPerS() != 0.0) {
            lastMovingNanos = now;
        }
    }

    private boolean magnetAtSensor() {
        double a = drive.wrappedAngleRad();
        if (a <= activeHalfWidthRad || a >= 2.0 * Math.PI - activeHalfWidthRad) {
            return true;
        }
        // a fragment of a cracked magnet passes the sensor as the magnet does, at its own angle
        return fragmentAngleRad == fragmentAngleRad && Math.abs(a - fragmentAngleRad) <= activeHalfWidthRad;
    }

    /** Where a cracked magnet's fragment sits on the shaft (NaN: none, the magnet is whole). */
    private double fragmentAngleRad = Double.NaN;

    void setIndexFragmentAt(double angleRad) {
        this.fragmentAngleRad = angleRad;
    }

    // --- for SimHandle ---

    SimMotorDriver driver() {
        return driver;
    }

    IndexChannel index() {
        return index;
    }

    CollarPlant collar() {
        return collar;
    }

    StrokeDrivePlant drive() {
        return drive;
    }

    SimPanel panel() {
        return panel;
    }

    SimIndicators indicators() {
        return indicators;
    }

    SimDisplay display() {
        return display;
    }

    SimCartridge cartridge() {
        return cartridge;
    }

    void freezeJvm(boolean frozen) {
        jvmFrozen = frozen;
    }

    boolean motorPowerAllowed() {
        return enableTimer.allowsPower(clock.trueNanos());
    }

    BrakeSwitch brakeSwitch() {
        return brakeSwitch;
    }

    /** Whether the brake switch shorts the winding now. */
    boolean brakeSwitchClosed() {
        return brakeSwitch.closed(clock.trueNanos());
    }

    CurrentMonitor currentMonitor() {
        return currentMonitor;
    }

    HandpieceThermometer thermometer() {
        return thermometer;
    }

    SimHandpiece handpiece() {
        return handpiece;
    }

    boolean watchdogFired() {
        return watchdog.fired();
    }

    void setSupplyVolts(double volts) {
        supplyVolts = volts;
    }

    double supplyVolts() {
        return supplyVolts;
    }

    long trueExcursions() {
        return trueExcursions;
    }

    double peakProtrusionMm() {
        return peakProtrusionMm;
    }

    void resetPeakProtrusion() {
        peakProtrusionMm = drive.protrusionMm(collar.trueDepthMm());
    }

    /** The max-hold depth gauge: the deepest true protrusion since its reset, read with its noise. */
    double gaugeReadingMm() {
        return peakProtrusionMm + gaugeRandom.nextGaussian() * params.gaugeSigmaMm();
    }

    long lastMovingNanos() {
        return lastMovingNanos;
    }

    /**
     * The force a practitioner presses the pen on skin with while it is in contact (2 to 10 N), N.
     * A pen on skin is always pressed: the default is mid-range.
     */
    public static final double DEFAULT_PRESS_N = 5.0;

    private double pressForceN = DEFAULT_PRESS_N;
    private double gaugeLoadN;

    void setGaugeLoadN(double newtons) {
        gaugeLoadN = newtons;
    }

    void setPressForceN(double newtons) {
        pressForceN = newtons;
    }

    double pressForceN() {
        return pressForceN;
    }

    /** What an open thermistor reads: the converter's floor. */
    public static final double THERMISTOR_OPEN_CELSIUS = -40.0;

    private boolean thermistorOpen;

    void setThermistorOpen(boolean open) {
        thermistorOpen = open;
    }

    /** What a shorted thermistor reads: the converter's ceiling. */
    public static final double THERMISTOR_SHORTED_CELSIUS = 150.0;
    /** {@link SimFault#SUPPLY_SURGE}: the supply at this multiple of its nominal voltage. */
    public static final double SURGE_FRACTION = 1.5;

    private boolean thermistorShorted;
    private boolean thermistorFrozen;
    private double frozenCelsius;
    private boolean currentSenseDead;

    void setThermistorShorted(boolean shorted) {
        thermistorShorted = shorted;
    }

    /** Freezes the thermistor's reading at what it reads now (or lets it go on). */
    void freezeThermistor(boolean frozen) {
        if (frozen && !thermistorFrozen) {
            frozenCelsius = thermometer.read(clock.trueNanos(), drive.thermistorCelsius());
        }
        thermistorFrozen = frozen;
    }

    void setCurrentSenseDead(boolean dead) {
        currentSenseDead = dead;
    }

    private final class Sensors implements AnalogSensors {
        /**
         * The magnitude of the monitor's one reading, its offset and noise in, as a Pi's INA2xx driver reports it
         * ({@code I2cAnalogSensors}): a shaft at rest reads the offset's size whatever its sign, never below zero.
         */
        @Override
        public double motorCurrentAmps() {
            return Math.abs(motorCurrentSignedAmps());
        }

        @Override
        public double motorCurrentSignedAmps() {
            // the converter runs on its own oscillator, as the enable timer and the watchdog do: a clock that lies to
            // the firmware does not freeze or skip its conversions. One conversion serves both getters, as one
            // register read does on the part
            return currentMonitor.read(clock.trueNanos(), currentSenseDead ? 0.0 : filteredSignedAmps);
        }

        @Override
        public double handpieceCelsius() {
            if (thermistorOpen) {
                return THERMISTOR_OPEN_CELSIUS;
            }
            if (thermistorShorted) {
                return THERMISTOR_SHORTED_CELSIUS;
            }
            // the sensor converts on its own oscillator, as the current monitor does
            return thermistorFrozen ? frozenCelsius : thermometer.read(clock.trueNanos(), drive.thermistorCelsius());
        }

        @Override
        public double supplyVolts() {
            return supplyVolts;
        }
    }
}
