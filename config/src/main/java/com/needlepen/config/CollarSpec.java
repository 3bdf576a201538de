package com.needlepen.config;

/**
 * The depth collar's stepper actuator.
 *
 * @param stepsPerMm             nominal microsteps per mm of collar travel (before calibration)
 * @param travelMm               mechanical travel between the hard stops
 * @param homeSide               where the home switch is
 * @param homeDepthMm            nominal depth at the home switch (negative: tips recessed)
 * @param absoluteMaxDepthMm     depth of the mechanical hard stop; nothing can go deeper
 * @param minRecessMm            how far the tips must stay hidden at the bottom of a stroke at
 *                               the absolute maximum depth
 * @param maxSpeedMmPerS         collar speed limit
 * @param accelMmPerS2           collar acceleration limit
 * @param scaleTolerance         how far a unit's true collar travel per nominal step may differ
 *                               from nominal, as a fraction (0.05: ±5 %); calibration corrects it,
 *                               but until then, and while calibrating, the collar may go this much
 *                               further than commanded
 * @param homeSwitchToleranceMm  how far a unit's home switch may sit from {@code homeDepthMm}
 */
public record CollarSpec(
        double stepsPerMm,
        double travelMm,
        HomeSide homeSide,
        double homeDepthMm,
        double absoluteMaxDepthMm,
        double minRecessMm,
        double maxSpeedMmPerS,
        double accelMmPerS2,
        double scaleTolerance,
        double homeSwitchToleranceMm) {

    /**
     * The deepest true depth a unit within tolerance reaches when {@code nominalDepthMm} is
     * commanded through the nominal steps per mm (as before calibration, and during it): its home
     * switch {@code homeSwitchToleranceMm} deep and its travel {@code scaleTolerance} long.
     */
    public double worstCaseTrueDepthMm(double nominalDepthMm) {
        return homeDepthMm + homeSwitchToleranceMm + (nominalDepthMm - homeDepthMm) * (1.0 + scaleTolerance);
    }
}
