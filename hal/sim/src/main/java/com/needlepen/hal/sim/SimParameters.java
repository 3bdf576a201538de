package com.needlepen.hal.sim;

/**
 * Everything the simulated pen is made of: the truth the firmware cannot see directly. Tools build
 * this from a device profile plus seeded manufacturing imperfections ({@link Imperfections}).
 *
 * @param motor    the DC motor, lumped with the cam at the shaft
 * @param cam      cam, carrier and spring
 * @param skin     skin load while the tips protrude
 * @param index    the index sensor and its timestamp jitter
 * @param collar   the depth collar actuator with its errors
 * @param thermal  winding, nose and grip thermal model, the thermistor's lag
 * @param supplyVolts motor supply voltage
 * @param substepNanos physics integration step
 * @param gaugeSigmaMm standard deviation of the technician's max-hold depth gauge
 * @param seed     seed for the random noise of one run (index jitter, gauge, switch repeatability);
 *                 the unit's imperfections are fixed in {@link Collar}
 */
public record SimParameters(
        Motor motor,
        Cam cam,
        Skin skin,
        Index index,
        Collar collar,
        Thermal thermal,
        double supplyVolts,
        long substepNanos,
        double gaugeSigmaMm,
        long seed) {

    /**
     * @param torqueConstantNmPerA   kt (= ke in V s/rad)
     * @param resistanceOhm20C       terminal resistance at 20 °C; rises 0.393 %/K with the winding
     * @param inertiaKgM2            rotor + cam + coupling
     * @param frictionTorqueNm       brush/bearing friction while turning
     * @param staticFrictionTorqueNm friction that must be overcome to start turning; holds a
     *                               stopped cam where the spring's torque is smaller (near the top)
     * @param viscousNmPerRadPerS    viscous friction
     * @param deadmanNanos           the driver's dead-man timeout
     * @param enableTimerNanos       the hardware enable timer's period (0: no timer fitted)
     */
    public record Motor(double torqueConstantNmPerA, double resistanceOhm20C, double inertiaKgM2,
                        double frictionTorqueNm, double staticFrictionTorqueNm, double viscousNmPerRadPerS,
                        long deadmanNanos, long enableTimerNanos) {
    }

    /** Cam stroke (mm), carrier mass (kg), spring preload at the bottom (N) and rate (N/mm). */
    public record Cam(double strokeMm, double carrierMassKg, double springPreloadN, double springRateNPerMm) {
    }

    /**
     * @param insertionForcePerNeedleN force per needle while inserting
     * @param withdrawalFraction       withdrawal force as a fraction of insertion
     * @param needleCount              needles of the inserted cartridge
     */
    public record Skin(double insertionForcePerNeedleN, double withdrawalFraction, int needleCount) {
    }

    /**
     * @param activeHalfWidthDeg     the sensor is active within this angle either side of the cam's
     *                               lowest point
     * @param latencyNanos           fixed delay of the timestamp after the true crossing
     * @param jitterSigmaNanos       spread (one-sided normal) of further delay
     * @param outlierProbability     chance that an edge's stamp is a late outlier
     * @param outlierMaxNanos        how late an outlier can be (uniform up to this)
     */
    public record Index(double activeHalfWidthDeg, long latencyNanos, long jitterSigmaNanos,
                        double outlierProbability, long outlierMaxNanos) {
    }

    /**
     * @param stepsPerMmNominal   the driver's nominal microsteps per mm
     * @param scaleError          true mm per step is nominal times (1 + scaleError)... expressed as
     *                            a fraction (0.03 = 3 % more travel per step than nominal)
     * @param homeSwitchDepthMm   true depth at which the home switch closes
     * @param leadErrorAmplitudeMm amplitude of the periodic lead-screw error
     * @param leadMm              lead of the screw (period of that error)
     * @param leadErrorPhaseRad   phase of the periodic error
     * @param backlashMm          play between the nut and the collar
     * @param shallowStopMm       depth of the shallow hard stop
     * @param deepStopMm          depth of the deep hard stop (the profile's absolute maximum)
     * @param initialDepthMm      where the collar is at power-on
     * @param switchRepeatMm      standard deviation of where the home switch closes, each time
     */
    public record Collar(double stepsPerMmNominal, double scaleError, double homeSwitchDepthMm,
                         double leadErrorAmplitudeMm, double leadMm, double leadErrorPhaseRad,
                         double backlashMm, double shallowStopMm, double deepStopMm, double initialDepthMm,
                         double switchRepeatMm) {
    }

    /**
     * The handpiece's heat, as a real sensor sees it: three thermal nodes and the thermistor's lag.
     * The winding (copper) heats by I²R, with R rising 0.393 %/K, plus the PWM ripple current's I²R;
     * it gives its heat to the nose, where the motor, its bearings and brushes, the cam and the collar
     * sit (the applied part on the skin): the motor's friction heats the nose. The nose conducts to the
     * grip, where the thermistor sits, and both lose heat to the air; the practitioner's hand, a body
     * at {@code handCelsius}, holds the grip. So the thermistor reads the grip, below the nose while heat
     * flows forward from the drive (and above it when the hand is warmer than the room), and it reads it
     * late, through its own first-order lag. Figures: docs/mechanics.md, "Thermal".
     *
     * @param ambientCelsius             the room (IEC 60601-1: up to 40 °C rated)
     * @param handCelsius                the practitioner's hand on the grip
     * @param windingHeatCapacityJPerK   the winding's copper
     * @param windingToNoseKPerW         winding to the motor can and nose
     * @param noseHeatCapacityJPerK      motor can, cam, bearing block, collar, front shell
     * @param noseToAmbientKPerW         nose to the room (the skin under it is taken as neither heating nor
     *                                   cooling it: the worst case)
     * @param noseToGripKPerW            along the shell, nose to the thermistor's place on the grip
     * @param gripHeatCapacityJPerK      rear shell and the electronics in it
     * @param gripToAmbientKPerW         grip to the room
     * @param gripToHandKPerW            grip to the hand holding it
     * @param thermistorLagSeconds       the thermistor's first-order time constant as mounted
     * @param windingInductanceHenry     the winding's inductance (PWM ripple current)
     * @param pwmHz                      the bridge's PWM frequency
     */
    public record Thermal(double ambientCelsius, double handCelsius, double windingHeatCapacityJPerK,
                          double windingToNoseKPerW, double noseHeatCapacityJPerK, double noseToAmbientKPerW,
                          double noseToGripKPerW, double gripHeatCapacityJPerK, double gripToAmbientKPerW,
                          double gripToHandKPerW, double thermistorLagSeconds, double windingInductanceHenry,
                          double pwmHz) {

        /** The same handpiece in a room at {@code celsius}. */
        public Thermal atAmbient(double celsius) {
            return new Thermal(celsius, handCelsius, windingHeatCapacityJPerK, windingToNoseKPerW,
                    noseHeatCapacityJPerK, noseToAmbientKPerW, noseToGripKPerW, gripHeatCapacityJPerK,
                    gripToAmbientKPerW, gripToHandKPerW, thermistorLagSeconds, windingInductanceHenry, pwmHz);
        }
    }
}
