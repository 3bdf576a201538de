package com.needlepen.config;

/**
 * The stroke motor and what it turns, lumped at the motor shaft.
 *
 * @param torqueConstantNmPerA    torque constant; in SI units equal to the back-EMF constant (V s/rad)
 * @param resistanceOhm20C        terminal resistance at 20 °C
 * @param maxWindingCelsius       hottest winding temperature the motor is rated for; the worst case
 *                                for speed uses the resistance at this temperature
 * @param inertiaKgM2             rotor plus cam and coupling inertia
 * @param frictionTorqueNm        brush and bearing (Coulomb) friction torque
 * @param viscousNmPerRadPerS     viscous friction
 * @param maxDutyFraction         highest PWM duty the firmware commands (headroom for regulation)
 * @param maxCurrentAmps          continuous current limit
 * @param deadmanMillis           the HAL driver's dead-man timeout
 */
public record MotorSpec(
        double torqueConstantNmPerA,
        double resistanceOhm20C,
        double maxWindingCelsius,
        double inertiaKgM2,
        double frictionTorqueNm,
        double viscousNmPerRadPerS,
        double maxDutyFraction,
        double maxCurrentAmps,
        int deadmanMillis) {

    /** Copper's temperature coefficient of resistance, per kelvin. */
    public static final double COPPER_ALPHA_PER_K = 0.00393;

    /** Winding resistance at {@code celsius}. */
    public double resistanceOhmAt(double celsius) {
        return resistanceOhm20C * (1.0 + COPPER_ALPHA_PER_K * (celsius - 20.0));
    }
}
