package com.needlepen.hal.sim;

/**
 * The stroke drive's physics: a DC motor (supply, PWM duty, back-EMF, winding resistance rising
 * with temperature, torque constant, inertia, brush and viscous friction; the winding is driven or
 * shorted by a powered, enabled bridge, shorted through the brake switch's resistance, or open:
 * an open winding carries no current and the shaft coasts), the eccentric cam lifting the needle carrier against its spring
 * (the carrier leaves the cam when the spring cannot decelerate it), skin load while the tips
 * protrude, and the winding and handpiece temperatures.
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
    private double handpieceCelsius;
    private double extraHeatWatts;
    private boolean skinContact;

    private final SimParameters params;

    /**
     * The cam follower slides on the eccentric's rim (it is not a roller): Coulomb friction at the
     * contact, {@code mu} times the contact force (spring, carrier inertia, skin), at the rim's radius.
     * It brakes the shaft (more current to hold a rate), holds a shaft at rest harder, and heats the nose
     * (the handpiece), not the winding. A greased steel cam on a PTFE-filled acetal follower runs about
     * {@value #FOLLOWER_FRICTION_NOMINAL}; with the grease gone at the end of its life about
     * {@value #FOLLOWER_FRICTION_WORST}.
     *
     * <p>Off by default (a follower without friction, as before): with it the cam can come to rest up to
     * 13° (nominal) or 23° (worst) from its lowest point, outside the index's ±10° window, and parking's
     * nudges then fail to find the index (F10; docs/safety.md H51, open). Tests set it
     * ({@link SimHandle#setFollowerFriction}).
     */
    static final double FOLLOWER_FRICTION_NOMINAL = 0.1;
    static final double FOLLOWER_FRICTION_WORST = 0.2;
    /** The eccentric's rim radius, where the follower slides: the 1.5 mm eccentricity plus a 1 mm web, m. */
    static final double FOLLOWER_RADIUS_M = 0.0025;
    private double followerFriction;
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
        this.windingCelsius = thermal.ambientCelsius();
        this.handpieceCelsius = thermal.ambientCelsius();
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
        updateThermal(dt, winding);
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

    private void updateThermal(double dt, double resistance) {
        double heat = currentAmps * currentAmps * resistance + extraHeatWatts;
        double toShell = (windingCelsius - handpieceCelsius) / thermal.windingToHandpieceKPerW();
        double toAir = (handpieceCelsius - thermal.ambientCelsius()) / thermal.handpieceToAmbientKPerW();
        windingCelsius += (heat - toShell) / thermal.windingHeatCapacityJPerK() * dt;
        // the follower's sliding heat is made in the nose, in the handpiece's shell, not in the winding
        handpieceCelsius += (toShell + followerWatts - toAir) / thermal.handpieceHeatCapacityJPerK() * dt;
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

    double handpieceCelsius() {
        return handpieceCelsius;
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
