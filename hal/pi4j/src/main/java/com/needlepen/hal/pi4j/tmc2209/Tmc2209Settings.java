package com.needlepen.hal.pi4j.tmc2209;

/**
 * What the profile ({@code pi-tmc2209.yaml}) sets for the collar's TMC2209.
 *
 * @param microsteps                  microsteps per STEP pulse (CHOPCONF.MRES; 8 on the collar: 3,200 steps/mm on a
 *                                    0.5 mm lead with a 200-step motor); the chip interpolates them to 256 (intpol)
 * @param runCurrent                  IRUN, 0..31 (n+1)/32 of full scale
 * @param reducedHoldCurrent          IHOLD for {@code HoldCurrent.REDUCED}, 0..31; {@code FULL} holds at IRUN
 * @param holdDelay                   IHOLDDELAY, 0..15: the ramp from run to hold current, in 2^18 clocks a step
 * @param powerDownDelay              TPOWERDOWN, 0..255 (2 or more): standstill to hold current, 2^18 clocks each
 *                                    (about 21.8 ms at 12 MHz)
 * @param stallGuardThreshold         SGTHRS, 0..255: a stall when SG_RESULT <= 2 x SGTHRS; 0 leaves StallGuard out
 *                                    (the scale's comparison with the count still judges stalls)
 * @param stallGuardMinStepsPerSecond the slowest step rate at which SG_RESULT is judged (TCOOLTHRS is set to it):
 *                                    StallGuard4 measures back-EMF, unreliable below about one revolution per second
 * @param stallToleranceSteps         how far the scale may disagree with the step count before the collar counts as
 *                                    stalled (lost steps), microsteps; covers the scale's non-linearity and the play
 */
public record Tmc2209Settings(
        int microsteps,
        int runCurrent,
        int reducedHoldCurrent,
        int holdDelay,
        int powerDownDelay,
        int stallGuardThreshold,
        double stallGuardMinStepsPerSecond,
        long stallToleranceSteps) {

    public Tmc2209Settings {
        Tmc2209Registers.mres(microsteps);
        range("runCurrent (IRUN)", runCurrent, 0, 31);
        range("reducedHoldCurrent (IHOLD)", reducedHoldCurrent, 0, 31);
        range("holdDelay (IHOLDDELAY)", holdDelay, 0, 15);
        range("powerDownDelay (TPOWERDOWN)", powerDownDelay, 2, 255);
        range("stallGuardThreshold (SGTHRS)", stallGuardThreshold, 0, 255);
        if (!(stallGuardMinStepsPerSecond > 0 && stallGuardMinStepsPerSecond < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("TMC2209 stallGuardMinStepsPerSecond " + stallGuardMinStepsPerSecond
                    + ": must be > 0 and finite");
        }
        if (stallToleranceSteps < 1) {
            throw new IllegalArgumentException("TMC2209 stallToleranceSteps " + stallToleranceSteps + ": must be >= 1");
        }
    }

    private static void range(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("TMC2209 " + what + " " + value + ": must be " + min + ".." + max);
        }
    }

    /** The value IHOLD_IRUN gets with {@code ihold} as the hold current. */
    int iholdIrun(int ihold) {
        return ihold << Tmc2209Registers.IHOLD_SHIFT
                | runCurrent << Tmc2209Registers.IRUN_SHIFT
                | holdDelay << Tmc2209Registers.IHOLDDELAY_SHIFT;
    }
}
