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
 */
public record CollarSpec(
        double stepsPerMm,
        double travelMm,
        HomeSide homeSide,
        double homeDepthMm,
        double absoluteMaxDepthMm,
        double minRecessMm,
        double maxSpeedMmPerS,
        double accelMmPerS2) {
}
