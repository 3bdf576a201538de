package com.needlepen.config;

/**
 * How the handpiece's thermistor sees the applied part (the nose on the skin): what the firmware
 * needs to estimate the nose's temperature from the thermistor's reading (IEC 60601-1 11.1: the
 * applied part's limit, not the sensor's, is what must hold). The thermistor sits on the grip, away
 * from the drive: while the motor works, heat flows from the nose (the motor, its bearings and the
 * cam) back along the shell, so the thermistor reads below the nose, and it reads late, through its
 * own lag. Figures for the bundled handpiece: docs/mechanics.md, "Thermal". Optional in a profile;
 * leaving a key out takes the bundled handpiece's figure.
 *
 * @param thermistorLagSeconds   the thermistor's first-order time constant as mounted in the shell
 *                               (a bead potted into the shell wall): the firmware adds this times the
 *                               reading's rise per second
 * @param noseGradientKPerW      the nose's steady rise above the thermistor per watt of heat the drive makes
 *                               at the nose (the thermal resistance along the shell from the nose to
 *                               the thermistor, as a share of the heat reaches it; the firmware takes the
 *                               heat from the measured current, the PWM ripple and the motor's friction)
 * @param pwmRippleAmpsPerVolt   the bridge's PWM ripple in the winding, peak to peak per volt of
 *                               {@code supply × duty × (1 - duty)}: 1 / (L f) (0.2 mH at 40 kHz: 0.125 A/V);
 *                               its I²R heats the winding, and the current monitor, which averages, never
 *                               reads it
 * @param gradientRiseSeconds    how fast the firmware lets that gradient build after the power rises:
 *                               no slower than the nose's own heating (the winding's and the nose's time
 *                               constants)
 * @param gradientFallSeconds    how fast it lets it fall after the power drops: no faster than the nose
 *                               cools towards the grip
 * @param handOffsetK            the most the practitioner's hand (a 34 °C body) can hold the thermistor
 *                               below the nose with no heat inside, at the highest rated ambient (40 °C):
 *                               added always
 * @param windingHeatCapacityJPerK the winding's heat capacity as the firmware's running estimate of its
 *                               temperature takes it (H33): no more than the winding's own (a smaller one heats
 *                               the estimate faster than the copper: conservative); the sim's copper is 1.25 J/K
 * @param windingToNoseKPerW     the winding's thermal resistance to the nose as the running estimate takes it:
 *                               no less than the design's (a larger one cools the estimate slower than the
 *                               copper: conservative); the sim's design path is 8 K/W
 * @param followerFrictionMax    the cam follower's friction coefficient at the most its rating allows (a roller on a
 *                               needle bearing: its rolling resistance and its bearing's friction together; the
 *                               sim's runs 0.01): the firmware counts the heat the follower makes at the nose as
 *                               this times its contact force times the rim's speed. A follower that drags more (a
 *                               seized roller) is a fault the drive's load shows (F36)
 * @param followerRadiusMm       the radius at which the follower slides on the cam (the eccentric's rim), mm
 */
public record ThermalSpec(double thermistorLagSeconds, double noseGradientKPerW, double pwmRippleAmpsPerVolt,
                          double gradientRiseSeconds, double gradientFallSeconds, double handOffsetK,
                          double windingHeatCapacityJPerK, double windingToNoseKPerW,
                          double followerFrictionMax, double followerRadiusMm) {

    /** The bundled handpiece's figures (the sim's; docs/mechanics.md). */
    public static final ThermalSpec BUNDLED = new ThermalSpec(5.0, 12.0, 0.125, 120.0, 300.0, 0.7, 1.0, 12.0, 0.015, 2.5);

    /**
     * The follower's friction torque on the shaft at its worst, N m, with a mean contact force of
     * {@code contactForceN}: its heat at the nose is this times the shaft's speed.
     */
    public double followerTorqueNm(double contactForceN) {
        return followerFrictionMax * contactForceN * followerRadiusMm / 1000.0;
    }

    /** The handpiece's figures before the winding's running estimate had its two (tests of the nose alone). */
    public ThermalSpec(double thermistorLagSeconds, double noseGradientKPerW, double pwmRippleAmpsPerVolt,
                       double gradientRiseSeconds, double gradientFallSeconds, double handOffsetK) {
        this(thermistorLagSeconds, noseGradientKPerW, pwmRippleAmpsPerVolt, gradientRiseSeconds, gradientFallSeconds,
                handOffsetK, BUNDLED_WINDING_HEAT_CAPACITY, BUNDLED_WINDING_TO_NOSE, BUNDLED_FOLLOWER_FRICTION,
                BUNDLED_FOLLOWER_RADIUS_MM);
    }

    private static final double BUNDLED_WINDING_HEAT_CAPACITY = 1.0;
    private static final double BUNDLED_WINDING_TO_NOSE = 12.0;
    private static final double BUNDLED_FOLLOWER_FRICTION = 0.015;
    private static final double BUNDLED_FOLLOWER_RADIUS_MM = 2.5;
}
