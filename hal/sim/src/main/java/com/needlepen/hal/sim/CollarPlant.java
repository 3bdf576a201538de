package com.needlepen.hal.sim;

import com.needlepen.hal.CollarStepper;
import com.needlepen.hal.HoldCurrent;

/**
 * The depth collar: a stepper turning a captive lead screw whose nut pushes the collar.
 *
 * <p>The driver counts the steps it issues; where the collar truly is differs from the nominal
 * steps-per-mm by a scale error, a periodic lead-screw error, backlash between nut and collar and
 * the home switch's true position. Steps that would push the collar through a hard stop are lost:
 * the counter moves, the collar does not.
 *
 * <p><b>The collar carries the press.</b> The collar face is what touches skin (or the calibration
 * gauge's anvil); pressing the pen pushes the collar deeper, through the nut, onto the screw. The
 * screw is not back-drivable (0.5 mm lead on a screw of about 3.5 mm: a lead angle of 2.6°,
 * tan = 0.045, well under the 0.15–0.2 friction of a bronze or PTFE-filled nut), so the load does
 * not turn it; but it takes up the play between nut and collar (the collar comes to rest on the
 * flank the load presses against, {@link SimParameters.Collar#backlashMm()} deeper than where a
 * move that ended deeper left it) and it compresses the thread, the nut and the screw's axial
 * bearing: {@value #COMPLIANCE_MM_PER_N} mm per newton (15 µm at 10 N). That compliance is an
 * estimate for a small captive lead-screw actuator with a plastic-filled nut and a wave-washer
 * preloaded bearing (axial stiffness of the order of 0.5–1 N/µm), not a measured part: a real unit's
 * must be measured and, if larger, this figure raised. No friction in the collar's guide is
 * modelled, so any press, however light, takes up the play (a real guide's friction makes a light
 * press do so or not, which is worse; the firmware's answer, finishing moves on the loaded flank, is
 * the same for both).
 *
 * <p><b>The position sensor</b> ({@link #sensedPositionSteps()}): a magnetic linear encoder on the
 * collar (AS5311 class: a 2 mm pole-pair strip, 1,024 quadrature counts per pole pair, so
 * {@value #ENCODER_COUNT_MM} mm a count), read by the TMC5160's encoder input and scaled to
 * microsteps at the nominal steps per mm. It sees the collar's true position (compliance and play
 * included) with {@value #ENCODER_NOISE_MM} mm of noise before the count (so a collar near an edge
 * reads one count either way) and a periodic non-linearity of {@value #ENCODER_NONLINEARITY_MM} mm
 * over the pole pair. It can stick ({@link #freezeSensor(boolean)}): a dead encoder, a broken wire,
 * holds its last count.
 */
final class CollarPlant implements CollarStepper {

    private final SimParameters.Collar p;
    private final double trueStepsPerMm;

    private long counterSteps;
    private double commandedSteps;
    private double velocityStepsPerS;
    private long targetSteps;
    private double maxSpeed;
    private double accel;
    private boolean moving;
    private HoldCurrent holdCurrent = HoldCurrent.REDUCED;

    /** Physical steps the screw has actually turned, from an arbitrary origin. */
    private long screwSteps;
    private final double nutOriginMm;
    private double collarDepthMm;
    private Boolean homeSwitchForced;
    private long lostSteps;
    /**
     * The driver's stall flag: set when steps are lost while it steps at or above
     * {@link #STALLGUARD_MIN_MM_PER_S} (load detection such as StallGuard works from the back-EMF of a
     * turning motor, so a collar forced while standing still, or stalled while it creeps, goes
     * unseen), cleared by re-zeroing.
     */
    private boolean stalled;

    /**
     * The slowest collar speed at which the driver's StallGuard reports a stall, mm/s: the TMC5160
     * evaluates StallGuard2 only above the velocity set in {@code TCOOLTHRS} (below it the stall
     * output is off), and StallGuard needs a back-EMF it can measure, which a small stepper at low
     * speed does not give (ADI/Trinamic advise it from about 1 to 2 revolutions per second). Here
     * 1.5 revolutions per second on the 0.5 mm lead (0.75 mm/s, 300 full steps/s): the collar's
     * moves at its 2 mm/s are seen in the middle and not in their ramps, the zero check's probe
     * (0.5 mm/s on the sim profile) and homing's slow approach (0.2 mm/s) are never seen.
     */
    static final double STALLGUARD_MIN_MM_PER_S = 0.75;
    private final double stallGuardMinStepsPerS;

    /** Hysteresis of the home switch: it opens again this far past where it closed. */
    private static final double SWITCH_HYSTERESIS_MM = 0.02;

    private final java.util.SplittableRandom random;
    private double switchTripMm;
    private boolean switchClosed;

    /** Axial compliance of the thread, nut and bearing under the press, mm per newton (see the class comment). */
    static final double COMPLIANCE_MM_PER_N = 0.0015;
    /** One count of the linear encoder: a 2 mm pole pair in 1,024 quadrature counts. */
    static final double ENCODER_COUNT_MM = 2.0 / 1024.0;
    /** The encoder's noise before it is counted (standard deviation). */
    static final double ENCODER_NOISE_MM = 0.0005;
    /** Amplitude of the encoder's periodic non-linearity over its 2 mm pole pair. */
    static final double ENCODER_NONLINEARITY_MM = 0.004;

    private final java.util.SplittableRandom sensorRandom;
    private double loadN;
    private long sensorOffsetSteps;
    private boolean sensorFrozen;
    private long frozenReading;
    private double walkMmPerS;
    private double walkedScrewSteps;

    CollarPlant(SimParameters.Collar p, java.util.SplittableRandom random, java.util.SplittableRandom sensorRandom) {
        this.p = p;
        this.sensorRandom = sensorRandom;
        this.random = random;
        this.switchTripMm = drawTrip();
        this.trueStepsPerMm = p.stepsPerMmNominal() / (1.0 + p.scaleError());
        this.indexMm = p.homeSwitchDepthMm() + INDEX_FROM_SWITCH_MM
                + INDEX_PLACEMENT_MM * Math.sin(3.0 * p.leadErrorPhaseRad() + 1.0);
        this.indexReadRandom = new java.util.SplittableRandom(Double.doubleToLongBits(p.leadErrorPhaseRad()) ^ 0x5CA1E1DEL);
        this.stallGuardMinStepsPerS = STALLGUARD_MIN_MM_PER_S * p.stepsPerMmNominal();
        this.collarDepthMm = p.initialDepthMm();
        // the nut starts pressing the collar from the deep side: the collar sits half the play shallower
        this.nutOriginMm = collarDepthMm + p.backlashMm() / 2.0;
        updateSwitch();
        sensorOffsetSteps = -rawSensorSteps();
    }

    @Override
    public void moveTo(long target, double maxStepsPerSecond, double accelStepsPerSecond2) {
        if (maxStepsPerSecond <= 0 || accelStepsPerSecond2 <= 0) {
            throw new IllegalArgumentException("speed and acceleration must be > 0");
        }
        targetSteps = target;
        maxSpeed = maxStepsPerSecond;
        accel = accelStepsPerSecond2;
        moving = target != counterSteps || velocityStepsPerS != 0.0;
    }

    @Override
    public void stop() {
        // decelerate to a stop at the nearest step reachable within the acceleration limit
        double brakingSteps = velocityStepsPerS * velocityStepsPerS / (2.0 * Math.max(accel, 1.0));
        targetSteps = Math.round(commandedSteps + Math.signum(velocityStepsPerS) * brakingSteps);
    }

    @Override
    public boolean isMoving() {
        return moving;
    }

    @Override
    public long positionSteps() {
        return counterSteps;
    }

    @Override
    public boolean stallDetected() {
        return stalled;
    }

    /** The driver's fault bits (CollarDriverFault); injected by SimHandle, none on a sound driver. */
    private volatile int driverFaults;

    @Override
    public int driverFaults() {
        return driverFaults;
    }

    void setDriverFaults(int bits) {
        driverFaults = bits;
    }

    /**
     * The driver chip resets (a brown-out on its logic supply, ESD on its lines): its registers come back at
     * their reset values, so its position count (XACTUAL) and its encoder count (X_ENC) read 0 where the
     * collar stands, and a move under way ends there. The backend's driver sees GSTAT.reset, configures the
     * chip again (so moves work) and reports {@link com.needlepen.hal.CollarDriverFault#POSITION_LOST} until
     * the collar is homed again. The collar itself does not move: only the count the depth rests on is gone.
     */
    void resetDriver() {
        long shift = -counterSteps;
        counterSteps = 0;
        commandedSteps += shift;
        targetSteps = Math.round(commandedSteps);
        sensorOffsetSteps = -rawSensorSteps();
        frozenReading = 0;
        stalled = false;
        driverFaults |= com.needlepen.hal.CollarDriverFault.POSITION_LOST.bit();
    }

    @Override
    public void setPositionSteps(long steps) {
        stalled = false;
        driverFaults &= ~com.needlepen.hal.CollarDriverFault.POSITION_LOST.bit();
        long shift = steps - counterSteps;
        counterSteps = steps;
        commandedSteps += shift;
        targetSteps += shift;
        // the driver's encoder register is written with the same value (X_ENC = XACTUAL)
        sensorOffsetSteps = steps - rawSensorSteps();
        frozenReading = steps;
    }

    /**
     * Where the scale's index marks sit, in true collar depth: {@link #INDEX_FROM_SWITCH_MM} deeper than the
     * unit's home switch was built to close, within {@link #INDEX_PLACEMENT_MM} (the strip placed against the
     * switch in a fixture), and every {@link #POLE_PAIR_MM} from there.
     */
    private final double indexMm;
    /** The absolute reading's own noise stream, apart from the others so that reading it leaves them as they were. */
    private final java.util.SplittableRandom indexReadRandom;
    /** The scale's pole pair: one index mark each. */
    static final double POLE_PAIR_MM = 2.0;
    /** How far deeper than the switch's nominal trip point the build puts an index mark (the firmware's figure). */
    static final double INDEX_FROM_SWITCH_MM = 0.5;
    /** How closely the build places the scale's index against the switch. */
    static final double INDEX_PLACEMENT_MM = 0.02;
    /** How far the switch's trip point has drifted since the unit was built (wear, temperature), mm; deeper is positive. */
    private double switchDriftMm;

    @Override
    public long sensedIndexPhaseSteps() {
        double mm = trueDepthMm()
                + ENCODER_NONLINEARITY_MM * Math.sin(2.0 * Math.PI * trueDepthMm() / 2.0)
                + indexReadRandom.nextGaussian() * ENCODER_NOISE_MM;
        double phase = mm - indexMm;
        phase -= POLE_PAIR_MM * Math.floor(phase / POLE_PAIR_MM + 0.5); // into [-half, +half) of a pole pair
        long counts = (long) Math.floor(phase / ENCODER_COUNT_MM);
        return Math.round(counts * ENCODER_COUNT_MM * p.stepsPerMmNominal());
    }

    /**
     * The home switch's trip point moves {@code mm} (deeper positive) from where it was built, as wear and
     * temperature move a micro switch's actuator and mount; its repeatability and hysteresis stay. The
     * scale's index, fixed to the collar, does not move.
     */
    void setSwitchDriftMm(double mm) {
        switchTripMm += mm - switchDriftMm; // the trip point already drawn moves with it: no new draw
        switchDriftMm = mm;
        updateSwitch();
    }

    /**
     * How far this unit's switch drifts over its life, mm: 0.02 to 0.05 either way, the unit's own (from its
     * drawn lead-screw phase, so no random stream moves).
     */
    double endOfLifeSwitchDriftMm() {
        double u = p.leadErrorPhaseRad() / (2.0 * Math.PI); // uniform in [0, 1) per unit
        return (u < 0.5 ? 1 : -1) * (0.02 + 0.03 * ((u * 2.0) % 1.0));
    }

    @Override
    public long sensedPositionSteps() {
        if (sensorFrozen) {
            return frozenReading;
        }
        return rawSensorSteps() + sensorOffsetSteps;
    }

    /** The encoder's count of the collar's true position, in nominal microsteps, from its own origin. */
    private long rawSensorSteps() {
        double mm = trueDepthMm()
                + ENCODER_NONLINEARITY_MM * Math.sin(2.0 * Math.PI * trueDepthMm() / 2.0)
                + sensorRandom.nextGaussian() * ENCODER_NOISE_MM;
        long counts = (long) Math.floor(mm / ENCODER_COUNT_MM);
        return Math.round(counts * ENCODER_COUNT_MM * p.stepsPerMmNominal());
    }

    /** The encoder sticks (dead, or its wire broken): it holds the count it read last, or thaws. */
    void freezeSensor(boolean frozen) {
        if (frozen && !sensorFrozen) {
            frozenReading = sensedPositionSteps();
        }
        sensorFrozen = frozen;
    }

    /**
     * The force pressing the collar face (skin, or the calibration gauge's anvil), N: the collar
     * comes onto the flank the load presses against and the thread gives by the compliance.
     */
    void setLoadN(double newtons) {
        loadN = Math.max(0.0, newtons);
        if (loadN > 0.0) {
            collarDepthMm = Math.min(followNut(nutMm(screwSteps)), p.deepStopMm());
            updateSwitch();
        }
    }

    double loadN() {
        return loadN;
    }

    /**
     * The thread walks (vibration back-driving a screw that a knock or wear left short of
     * self-locking): while the needles run the collar creeps deeper at this rate. The screw turns
     * with it, so the driver's count stays and no stall is flagged (StallGuard needs the motor to be
     * stepping).
     */
    void setWalkMmPerS(double mmPerS) {
        walkMmPerS = mmPerS;
    }

    /** Advances the walk by {@code dtSeconds} of the needles running. */
    void walk(double dtSeconds) {
        if (walkMmPerS == 0.0) {
            return;
        }
        walkedScrewSteps += walkMmPerS * dtSeconds * trueStepsPerMm;
        long whole = (long) walkedScrewSteps;
        if (whole == 0) {
            return;
        }
        walkedScrewSteps -= whole;
        double collar = followNut(nutMm(screwSteps + whole));
        if (collar > p.deepStopMm()) {
            return; // against the deep stop: it walks no further
        }
        screwSteps += whole;
        collarDepthMm = collar;
        updateSwitch();
    }

    @Override
    public void setHoldCurrent(HoldCurrent holdCurrent) {
        this.holdCurrent = holdCurrent;
    }

    @Override
    public HoldCurrent holdCurrent() {
        return holdCurrent;
    }

    @Override
    public boolean homeSwitchPressed() {
        if (homeSwitchForced != null) {
            return homeSwitchForced;
        }
        return switchClosed;
    }

    private double drawTrip() {
        return p.homeSwitchDepthMm() + switchDriftMm + random.nextGaussian() * p.switchRepeatMm();
    }

    /** A mechanical switch: closes at a slightly different point each time, opens with hysteresis. */
    private void updateSwitch() {
        double depth = trueDepthMm();
        if (!switchClosed && depth <= switchTripMm) {
            switchClosed = true;
        } else if (switchClosed && depth > switchTripMm + SWITCH_HYSTERESIS_MM) {
            switchClosed = false;
            switchTripMm = drawTrip();
        }
    }

    /** True depth setting: how far the tips pass the collar face at the top of a stroke, mm. */
    double trueDepthMm() {
        return collarDepthMm + COMPLIANCE_MM_PER_N * loadN;
    }

    void advance(double dtSeconds) {
        if (!moving) {
            return;
        }
        double remaining = targetSteps - commandedSteps;
        double direction = Math.signum(remaining);
        double brakingSteps = velocityStepsPerS * velocityStepsPerS / (2.0 * accel);
        boolean sameWay = Math.signum(velocityStepsPerS) == direction || velocityStepsPerS == 0.0;
        if (sameWay && Math.abs(remaining) > brakingSteps) {
            velocityStepsPerS += direction * accel * dtSeconds;
            velocityStepsPerS = Math.max(-maxSpeed, Math.min(maxSpeed, velocityStepsPerS));
        } else {
            double slower = Math.abs(velocityStepsPerS) - accel * dtSeconds;
            velocityStepsPerS = Math.signum(velocityStepsPerS) * Math.max(slower, 0.0);
        }
        double next = commandedSteps + velocityStepsPerS * dtSeconds;
        boolean crossed = (targetSteps - commandedSteps) * (targetSteps - next) <= 0;
        if (crossed || (Math.abs(remaining) < 0.5 && Math.abs(velocityStepsPerS) < accel * dtSeconds * 2)) {
            next = targetSteps;
            velocityStepsPerS = 0.0;
            moving = false;
        }
        commandedSteps = next;
        long wanted = Math.round(commandedSteps);
        while (counterSteps != wanted) {
            step(wanted > counterSteps ? 1 : -1);
        }
    }

    private void step(int direction) {
        counterSteps += direction;
        long nextScrew = screwSteps + direction;
        double nut = nutMm(nextScrew);
        double collar = followNut(nut);
        if (collar > p.deepStopMm() || collar < p.shallowStopMm()) {
            lostSteps++;
            stalled |= stallGuardSees();
            return;
        }
        screwSteps = nextScrew;
        collarDepthMm = collar;
        updateSwitch();
    }

    private double nutMm(long screw) {
        double turnsMm = screw / trueStepsPerMm;
        return nutOriginMm + turnsMm
                + p.leadErrorAmplitudeMm() * Math.sin(2.0 * Math.PI * turnsMm / p.leadMm() + p.leadErrorPhaseRad());
    }

    /** The collar moves only once the nut has taken up the play on the side it pushes. */
    private double followNut(double nutMm) {
        double half = p.backlashMm() / 2.0;
        if (loadN > 0.0) {
            return nutMm + half; // the press holds the collar on the nut's deep flank, whichever way the nut goes
        }
        if (nutMm - half > collarDepthMm) {
            return nutMm - half;
        }
        if (nutMm + half < collarDepthMm) {
            return nutMm + half;
        }
        return collarDepthMm;
    }

    /** The screw slips back by {@code steps}: the driver flags a stall only if it was stepping. */
    void loseSteps(int steps) {
        screwSteps -= steps;
        collarDepthMm = followNut(nutMm(screwSteps));
        lostSteps += Math.abs(steps);
        stalled |= stallGuardSees();
        updateSwitch();
    }

    /**
     * Skin pressure forces the collar back (the needles go deeper): the held rotor slips, which the
     * driver sees as a stall only if it was stepping at the time.
     */
    void pushBack(double mm) {
        screwSteps += Math.round(mm * trueStepsPerMm); // the forced collar turns the screw back through the nut
        collarDepthMm = followNut(nutMm(screwSteps));
        stalled |= stallGuardSees();
        updateSwitch();
    }

    /** Whether StallGuard would flag a stall now: only while stepping at or above its threshold speed. */
    private boolean stallGuardSees() {
        return moving && Math.abs(velocityStepsPerS) >= stallGuardMinStepsPerS;
    }

    void forceHomeSwitch(Boolean pressed) {
        homeSwitchForced = pressed;
    }

    long lostSteps() {
        return lostSteps;
    }
}
