package com.needlepen.hal.pi4j.tmc5160;

/**
 * What the TMC5160 collar driver needs to know of the hardware it drives; the backend fills it from the profile.
 *
 * @param clockHz                  the chip's clock: 12 MHz with the internal oscillator (CLK16 to GND)
 * @param microsteps               microsteps per full step (CHOPCONF.MRES); the profile's stepsPerMm counts these
 * @param stepsPerMm               the collar's nominal microsteps per mm (the profile's collar.stepsPerMm)
 * @param encoderCountsPerMm       quadrature counts per mm of the collar scale's A/B output on the chip's encoder input
 *                                 (AS5311: 1,024 per 2 mm pole pair, so 512)
 * @param runCurrent               IRUN, 0..31 (31 is the full scale the sense resistor sets)
 * @param fullHoldCurrent          IHOLD for {@code HoldCurrent.FULL}, 0..31 (usually IRUN: the collar must resist skin
 *                                 pressure while the needles run)
 * @param reducedHoldCurrent       IHOLD for {@code HoldCurrent.REDUCED}, 0..31
 * @param stallGuardThreshold      SGT, -64..63: higher is less sensitive; tuned on the real motor and load
 * @param stallGuardMinStepsPerS   the slowest speed at which StallGuard is trusted (TCOOLTHRS): StallGuard2 needs a
 *                                 back-EMF it can measure, which a small stepper gives from about 1 to 2 rev/s
 * @param startStepsPerS           VSTART; 0 starts every move from standstill
 * @param stopStepsPerS            VSTOP, at least VSTART and above 0 (datasheet: VSTOP ≥ VSTART, never 0 in
 *                                 positioning mode; 10 LSB recommended)
 * @param reverseDirection         GCONF.shaft: set when the motor's positive turn moves the collar shallower
 * @param staleAfterNanos          how long without a sound poll before the driver reports NOT_ANSWERING
 */
public record Tmc5160Settings(
        double clockHz,
        int microsteps,
        double stepsPerMm,
        double encoderCountsPerMm,
        int runCurrent,
        int fullHoldCurrent,
        int reducedHoldCurrent,
        int stallGuardThreshold,
        double stallGuardMinStepsPerS,
        double startStepsPerS,
        double stopStepsPerS,
        boolean reverseDirection,
        long staleAfterNanos) {

    /** The TMC5160's internal oscillator, nominal (datasheet: fCLK 12 MHz typical). */
    public static final double INTERNAL_CLOCK_HZ = 12e6;

    public Tmc5160Settings {
        Tmc5160Registers.mres(microsteps);
        require(clockHz >= 4e6 && clockHz <= 18e6, "clockHz", clockHz, "4e6 to 18e6 Hz");
        require(stepsPerMm >= 10 && stepsPerMm <= 100_000, "stepsPerMm", stepsPerMm, "10 to 100000");
        require(encoderCountsPerMm >= 1 && encoderCountsPerMm <= 100_000, "encoderCountsPerMm", encoderCountsPerMm,
                "1 to 100000");
        require(stepsPerMm / encoderCountsPerMm < 32_768, "stepsPerMm/encoderCountsPerMm",
                stepsPerMm / encoderCountsPerMm, "below 32768 (ENC_CONST's integer part)");
        requireCurrent("runCurrent", runCurrent);
        requireCurrent("fullHoldCurrent", fullHoldCurrent);
        requireCurrent("reducedHoldCurrent", reducedHoldCurrent);
        require(stallGuardThreshold >= -64 && stallGuardThreshold <= 63, "stallGuardThreshold", stallGuardThreshold,
                "-64 to 63");
        require(stallGuardMinStepsPerS > 0, "stallGuardMinStepsPerS", stallGuardMinStepsPerS, "above 0");
        require(startStepsPerS >= 0, "startStepsPerS", startStepsPerS, "0 or more");
        require(stopStepsPerS > 0 && stopStepsPerS >= startStepsPerS, "stopStepsPerS", stopStepsPerS,
                "above 0 and at least startStepsPerS");
        require(staleAfterNanos > 0, "staleAfterNanos", staleAfterNanos, "above 0");
    }

    /**
     * The collar as the profile describes it ({@code hardware.collar.motor}): its microsteps, currents and StallGuard
     * threshold; the AS5311 scale (512 counts/mm) on the encoder input, the internal clock, StallGuard trusted from 1.5
     * revolutions a second (the sim's figure), and 50 ms without a sound poll is not answering.
     */
    public static Tmc5160Settings collar(double stepsPerMm, int fullStepsPerRev, int microsteps, int runCurrent,
                                         int holdCurrent, int reducedHoldCurrent, int stallGuardThreshold) {
        double stepsPerRev = (double) fullStepsPerRev * microsteps;
        return new Tmc5160Settings(INTERNAL_CLOCK_HZ, microsteps, stepsPerMm, 512.0, runCurrent, holdCurrent,
                reducedHoldCurrent, stallGuardThreshold, 1.5 * stepsPerRev, 0.0, 10.0, false, 50_000_000L);
    }

    /** ENC_CONST: microsteps per encoder count as 16.16 binary fixed point (ENCMODE.decimal = 0). */
    public int encConst() {
        return (int) Math.round(stepsPerMm / encoderCountsPerMm * 65_536.0);
    }

    public Tmc5160Units units() {
        return new Tmc5160Units(clockHz, microsteps);
    }

    private static void requireCurrent(String name, int value) {
        require(value >= 0 && value <= 31, name, value, "0 to 31");
    }

    private static void require(boolean ok, String name, double value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("TMC5160 setting " + name + " = " + value + " not allowed: " + allowed);
        }
    }
}
