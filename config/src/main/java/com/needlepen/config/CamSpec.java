package com.needlepen.config;

/**
 * The eccentric cam and the spring-loaded needle carrier that follows it.
 *
 * @param strokeMm            carrier travel per revolution (twice the eccentricity)
 * @param carrierMassKg       moving mass: carrier plus cartridge needles
 * @param springPreloadN      spring force with the carrier at the bottom of its stroke
 * @param springRateNPerMm    spring rate
 * @param springMargin        required ratio of spring force at the top of the stroke to the force
 *                            needed to decelerate the carrier at the highest rate
 */
public record CamSpec(
        double strokeMm,
        double carrierMassKg,
        double springPreloadN,
        double springRateNPerMm,
        double springMargin) {

    public double eccentricityM() {
        return strokeMm / 2000.0;
    }

    /** Spring force at the top of the stroke, newtons. */
    public double springForceAtTopN() {
        return springPreloadN + springRateNPerMm * strokeMm;
    }
}
