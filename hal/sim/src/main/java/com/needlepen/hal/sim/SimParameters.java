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
 * @param thermal  winding and handpiece thermal model
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
     * Two thermal nodes: the winding and the handpiece shell.
     *
     * @param ambientCelsius              surroundings
     * @param windingHeatCapacityJPerK    winding heat capacity
     * @param windingToHandpieceKPerW     thermal resistance winding to shell
     * @param handpieceHeatCapacityJPerK  shell heat capacity
     * @param handpieceToAmbientKPerW     thermal resistance shell to air and hand
     */
    public record Thermal(double ambientCelsius, double windingHeatCapacityJPerK, double windingToHandpieceKPerW,
                          double handpieceHeatCapacityJPerK, double handpieceToAmbientKPerW) {
    }
}
