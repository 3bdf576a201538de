package com.needlepen.hal.sim;

/**
 * The stroke drive's physics: a DC motor (supply, PWM duty, back-EMF, winding resistance rising
 * with temperature, torque constant, inertia, brush and viscous friction; the winding is driven or
 * shorted by a powered, enabled bridge, shorted through the brake switch's resistance, or open:
 * an open winding carries no current and the shaft coasts), the eccentric cam lifting the needle carrier against its spring
 * (the carrier leaves the cam when the spring cannot decelerate it), skin load while the tips
 * protrude, and the temperatures of the winding, the nose (the applied part) and the grip, and what
 * the grip's thermistor reads of it ({@link SimParameters.Thermal}).
 *
 * <p>Angle 0 is the cam's lowest point (tips fully retracted); carrier lift is
 * {@code e (1 - cos theta)}; the tips protrude {@code lift - (stroke - depth)} mm.
 */
final class StrokeDrivePlant {

    private static final double TWO_PI = 2.0 * Math.PI;
    private static final double REST_EPSILON_RAD_PER_S = 1e-3;

    private final SimParameters.Motor motor;
    private final SimParameters.Skin skin;
    private final SimParameters.Thermal thermal;
    private final double eccentricityM;
    private final double strokeM;
    private final double massKg;
    private double preloadN;
    private double springNPerM;

    // shaft
    private double wrappedRad;
    private long revolutions;
    private double omegaRadPerS;
    private boolean jammed;

    // carrier (metres of lift above its lowest position)
    private double carrierLiftM;
    private double carrierVelocityMPerS;
    private boolean onCam = true;

    private double currentAmps;
    private double windingCelsius;
    private double noseCelsius;
    private double gripCelsius;
    private double thermistorCelsius;
    private double ambientCelsius;
    /** The winding's thermal resistance to the nose now ({@link SimFault#WINDING_HOT} raises it). */
    private double windingToNoseKPerW;
    /** Heat from outside the drive into the grip ({@link SimFault#OVERHEATING}). */
    private double extraHeatWatts;
    /** The bridge's supply while it drives (the PWM ripple's amplitude), V; 0 while it does not. */
    private double pwmBusVolts;
    private boolean skinContact;

    private final SimParameters params;

    /**
     * The cam follower's friction on the eccentric's rim, Coulomb: {@code mu} times the contact force
     * (spring, carrier inertia, skin) at the rim's radius. It brakes the shaft (more current to hold a
     * rate), holds a shaft at rest harder, and heats the nose (the handpiece), not the winding.
     *
     * <p>As built the follower is a roller on a needle bearing ({@value #FOLLOWER_FRICTION_NOMINAL}, its rolling
     * resistance and its bearing's friction together): a follower that slides makes 1 to 3 W at the nose at
     * 150 Hz (5 N of contact at 2.4 m/s), more than the handpiece can shed (docs/mechanics.md, "Thermal";
     * a hardware requirement, docs/safety.md H53). A roller that seizes slides, its grease soon gone:
     * {@value #FOLLOWER_FRICTION_WORST}, the worst case ({@link SimHandle#setFollowerFriction}). Then the cam
     * comes to rest up to 23° from its lowest point, outside the index's ±10° window, and parking creeps it
     * into the window (H51); the drive's load shows the drag and the firmware stops (F36, H53).
     */
    static final double FOLLOWER_FRICTION_NOMINAL = 0.01;
    static final double FOLLOWER_FRICTION_WORST = 0.2;
    /** The eccentric's rim radius, where the follower slides: the 1.5 mm eccentricity plus a 1 mm web, m. */
    static final double FOLLOWER_RADIUS_M = 0.0025;
    private double followerFriction = FOLLOWER_FRICTION_NOMINAL;
    private double followerTorqueNm;
    private double followerWatts;

    StrokeDrivePlant(SimParameters params) {
        this.params = params;
        this.motor = params.motor();
        this.skin = params.skin();
        this.thermal = params.thermal();
        this.eccentricityM = params.cam().strokeMm() / 2000.0;
        this.strokeM = params.cam().strokeMm() / 1000.0;
        this.massKg = params.cam().carrierMassKg();
        this.preloadN = params.cam().springPreloadN();
        this.springNPerM = params.cam().springRateNPerMm() * 1000.0;
        this.windingToNoseKPerW = thermal.windingToNoseKPerW();
        // picked up at power-on from where it lay: everything at the room's temperature, the hand only now
        // beginning to warm (or cool) the grip
        this.ambientCelsius = thermal.ambientCelsius();
        this.windingCelsius = ambientCelsius;
        this.noseCelsius = ambientCelsius;
        this.gripCelsius = ambientCelsius;
        this.thermistorCelsius = ambientCelsius;
    }

    /**
     * The handpiece as it is after standing long in a room at {@code celsius}, held in the hand, the
     * motor still: every node at its steady state with no heat inside (the hand warms the grip above
     * a cool room, and cools it below a hot one), the thermistor reading the grip.
     */
    void soakAt(double celsius) {
        ambientCelsius = celsius;
        double gHand = 1.0 / thermal.gripToHandKPerW();
        double gAir = 1.0 / thermal.gripToAmbientKPerW();
        double gNosePath = 1.0 / (thermal.noseToGripKPerW() + thermal.noseToAmbientKPerW());
        gripCelsius = (thermal.handCelsius() * gHand + celsius * (gAir + gNosePath)) / (gHand + gAir + gNosePath);
        noseCelsius = gripCelsius + (celsius - gripCelsius) * thermal.noseToGripKPerW()
                / (thermal.noseToGripKPerW() + thermal.noseToAmbientKPerW());
        windingCelsius = noseCelsius;
        thermistorCelsius = gripCelsius;
    }

    /** The winding's circuit left open: no current, no braking torque (an unpowered, unbraked bridge). */
    static final double OPEN = Double.POSITIVE_INFINITY;

    /**
     * Advances by {@code dt} with {@code terminalVolts} across the winding (0 when shorted) and the
     * collar at {@code depthMm}.
     */
    void step(double dt, double terminalVolts, double depthMm) {
        step(dt, terminalVolts, 0.0, depthMm);
    }

    /**
     * Advances by {@code dt} with {@code terminalVolts} behind {@code seriesOhms} in the winding's
     * circuit ({@link #OPEN}: the circuit is open and the motor coasts) and the collar at {@code depthMm}.
     */
    void step(double dt, double terminalVolts, double seriesOhms, double depthMm) {
        double kt = motor.torqueConstantNmPerA();
        double winding = motor.resistanceOhm20C() * (1.0 + 0.00393 * (windingCelsius - 20.0));
        double resistance = winding + seriesOhms; // infinite when open: the current below is 0
        double sin = Math.sin(wrappedRad);
        double cos = Math.cos(wrappedRad);
        double camLiftM = eccentricityM * (1.0 - cos);
        double camVelocityMPerS = eccentricityM * omegaRadPerS * sin;
        double recessM = strokeM - depthMm / 1000.0;

        if (jammed) {
            omegaRadPerS = 0.0;
            currentAmps = terminalVolts / resistance;
        } else {
            currentAmps = (terminalVolts - kt * omegaRadPerS) / resistance;
            double contact = onCam ? contactForceN(camLiftM, camVelocityMPerS, recessM, cos) : 0.0;
            double camTorque = -contact * eccentricityM * sin;
            followerTorqueNm = followerFriction * Math.max(0.0, contact) * FOLLOWER_RADIUS_M;
            double driving = kt * currentAmps + camTorque;
            omegaRadPerS = integrateShaft(driving, dt, followerTorqueNm);
            followerWatts = followerTorqueNm * Math.abs(omegaRadPerS);
            double advance = omegaRadPerS * dt;
            wrappedRad += advance;
            if (wrappedRad >= TWO_PI) {
                wrappedRad -= TWO_PI;
                revolutions++;
            } else if (wrappedRad < 0.0) {
                wrappedRad += TWO_PI;
                revolutions--;
            }
        }
        updateCarrier(dt, recessM);
        updateThermal(dt, winding, terminalVolts);
    }

    /** Force with which the carrier presses on the cam (negative: the spring cannot hold it on). */
    private double contactForceN(double liftM, double velocityMPerS, double recessM, double cos) {
        double spring = preloadN + springNPerM * liftM;
        double inertial = massKg * eccentricityM * omegaRadPerS * omegaRadPerS * cos;
        return spring + inertial + skinForceN(liftM, velocityMPerS, recessM);
    }

    /** Skin's force on the carrier, positive downwards: resists insertion, and (less) withdrawal. */
    private double skinForceN(double liftM, double velocityMPerS, double recessM) {
        if (!skinContact || liftM <= recessM) {
            return 0.0;
        }
        double insertion = skin.needleCount() * skin.insertionForcePerNeedleN();
        return velocityMPerS >= 0.0 ? insertion : -insertion * skin.withdrawalFraction();
    }

    private double integrateShaft(double drivingTorqueNm, double dt, double followerNm) {
        double omega = omegaRadPerS;
        double kinetic = motor.frictionTorqueNm() + followerNm;
        double stiction = motor.staticFrictionTorqueNm() + followerNm;
        if (Math.abs(omega) < REST_EPSILON_RAD_PER_S) {
            if (Math.abs(drivingTorqueNm) <= stiction) {
                return 0.0;
            }
            double net = drivingTorqueNm - Math.signum(drivingTorqueNm) * kinetic;
            return omega + net / motor.inertiaKgM2() * dt;
        }
        double net = drivingTorqueNm - Math.signum(omega) * kinetic
                - motor.viscousNmPerRadPerS() * omega;
        double next = omega + net / motor.inertiaKgM2() * dt;
        // friction stops the shaft; it does not reverse it
        if (Math.signum(next) != Math.signum(omega)
                && Math.abs(drivingTorqueNm) <= stiction) {
            return 0.0;
        }
        return next;
    }

    /** The follower's sliding friction coefficient (0: a roller follower, or none). */
    void setFollowerFriction(double mu) {
        this.followerFriction = mu;
    }

    double followerFriction() {
        return followerFriction;
    }

    /** The follower's friction torque on the shaft in the last step, N m. */
    double followerTorqueNm() {
        return followerTorqueNm;
    }

    private void updateCarrier(double dt, double recessM) {
        double cos = Math.cos(wrappedRad);
        double camLiftM = eccentricityM * (1.0 - cos);
        double camVelocityMPerS = eccentricityM * omegaRadPerS * Math.sin(wrappedRad);
        if (onCam) {
            if (contactForceN(camLiftM, camVelocityMPerS, recessM, cos) >= 0.0) {
                carrierLiftM = camLiftM;
                carrierVelocityMPerS = camVelocityMPerS;
                return;
            }
            onCam = false; // lift-off: the spring cannot decelerate the carrier as fast as the cam falls away
        }
        double force = preloadN + springNPerM * carrierLiftM + skinForceN(carrierLiftM, carrierVelocityMPerS, recessM);
        carrierVelocityMPerS -= force / massKg * dt;
        carrierLiftM += carrierVelocityMPerS * dt;
        if (carrierLiftM <= camLiftM) {
            carrierLiftM = camLiftM;
            carrierVelocityMPerS = camVelocityMPerS;
            onCam = true;
        }
    }

    /**
     * The heat: the winding's I²R, plus the PWM ripple current's (a triangle of {@code V d (1 - d) / (L f)}
     * peak to peak while the bridge drives: its rms squared times R; the current monitor, which averages
     * over its conversion, never sees it) and the brushes' friction at the commutator (a coreless rotor is its
     * winding) into the winding; the bearings' (viscous) friction and the follower's at the cam into the nose, where they sit; heat from
     * outside the drive into the grip. Then conduction between the nodes, to
     * the room and to the hand, and the thermistor's first-order lag behind the grip.
     */
    private void updateThermal(double dt, double resistance, double terminalVolts) {
        double rippleRms = 0.0;
        if (pwmBusVolts > 0.0 && Double.isFinite(resistance)) {
            double d = Math.max(0.0, Math.min(1.0, terminalVolts / pwmBusVolts));
            double peakToPeak = pwmBusVolts * d * (1.0 - d) / (thermal.windingInductanceHenry() * thermal.pwmHz());
            rippleRms = peakToPeak / Math.sqrt(12.0);
        }
        double copper = Double.isFinite(resistance) ? (currentAmps * currentAmps + rippleRms * rippleRms) * resistance : 0.0;
        double w = Math.abs(omegaRadPerS);
        double brushes = motor.frictionTorqueNm() * w; // at the commutator, on the rotor with the winding
        double bearings = motor.viscousNmPerRadPerS() * w * w;
        double windingToNose = (windingCelsius - noseCelsius) / windingToNoseKPerW;
        double noseToGrip = (noseCelsius - gripCelsius) / thermal.noseToGripKPerW();
        double noseToAir = (noseCelsius - ambientCelsius) / thermal.noseToAmbientKPerW();
        double gripToAir = (gripCelsius - ambientCelsius) / thermal.gripToAmbientKPerW();
        double gripToHand = (gripCelsius - thermal.handCelsius()) / thermal.gripToHandKPerW();
        windingCelsius += (copper + brushes - windingToNose) / thermal.windingHeatCapacityJPerK() * dt;
        noseCelsius += (windingToNose + bearings + followerWatts - noseToGrip - noseToAir) / thermal.noseHeatCapacityJPerK() * dt;
        gripCelsius += (noseToGrip + extraHeatWatts - gripToAir - gripToHand) / thermal.gripHeatCapacityJPerK() * dt;
        double lag = thermal.thermistorLagSeconds();
        thermistorCelsius = lag > 0.0 ? thermistorCelsius + (gripCelsius - thermistorCelsius) * Math.min(1.0, dt / lag)
                : gripCelsius;
    }

    /** Tip protrusion past the collar face, mm (negative: hidden). */
    double protrusionMm(double depthMm) {
        return (carrierLiftM - strokeM) * 1000.0 + depthMm;
    }

    double wrappedAngleRad() {
        return wrappedRad;
    }

    double shaftTurns() {
        return revolutions + wrappedRad / TWO_PI;
    }

    double omegaRadPerS() {
        return omegaRadPerS;
    }

    double currentAmps() {
        return currentAmps;
    }

    double windingCelsius() {
        return windingCelsius;
    }

    /** The nose: the applied part on the skin, the hottest of the shell while the drive works. */
    double noseCelsius() {
        return noseCelsius;
    }

    /** The grip where the thermistor sits. */
    double gripCelsius() {
        return gripCelsius;
    }

    /** What the thermistor's element is at: the grip, late by its lag. */
    double thermistorCelsius() {
        return thermistorCelsius;
    }

    /** The winding's resistance now, Ω. */
    double windingOhms() {
        return motor.resistanceOhm20C() * (1.0 + 0.00393 * (windingCelsius - 20.0));
    }

    /** The winding at {@code celsius} now, the rest as it is (a pen switched on again straight after a long run). */
    void setWindingCelsius(double celsius) {
        windingCelsius = celsius;
    }

    void setAmbientCelsius(double celsius) {
        ambientCelsius = celsius;
    }

    /** The winding's path to the nose {@code factor} times its design's resistance ({@link SimFault#WINDING_HOT}). */
    void setWindingToNoseFactor(double factor) {
        windingToNoseKPerW = factor * thermal.windingToNoseKPerW();
    }

    /** The bridge's supply while it drives at a duty (0: it does not drive, no PWM ripple). */
    void setPwmBusVolts(double volts) {
        pwmBusVolts = volts;
    }

    boolean carrierOnCam() {
        return onCam;
    }

    void setSkinContact(boolean contact) {
        this.skinContact = contact;
    }

    boolean skinContact() {
        return skinContact;
    }

    void setJammed(boolean jammed) {
        this.jammed = jammed;
    }

    /** The return spring keeps {@code fraction} of its nominal preload and rate (a fatigued or fractured spring). */
    void weakenSpring(double fraction) {
        this.preloadN = fraction * params.cam().springPreloadN();
        this.springNPerM = fraction * params.cam().springRateNPerMm() * 1000.0;
    }

    void setExtraHeatWatts(double watts) {
        this.extraHeatWatts = watts;
    }

    /** Puts the shaft at an angle at rest (tests: a cam stopped near its top). */
    void placeAt(double angleRad) {
        double wrapped = angleRad % TWO_PI;
        wrappedRad = wrapped < 0 ? wrapped + TWO_PI : wrapped;
        omegaRadPerS = 0.0;
        carrierLiftM = eccentricityM * (1.0 - Math.cos(wrappedRad));
        carrierVelocityMPerS = 0.0;
        onCam = true;
    }
}
