package com.needlepen.config;

/**
 * Limits the safety supervisor enforces that are the profile's to set.
 *
 * @param warningCelsius          handpiece temperature at which the allowed rate is lowered
 * @param warningMaxRateHz        the highest rate allowed while the handpiece is at or above the
 *                                warning temperature (a set rate above it is lowered, announced)
 * @param cutoffCelsius           handpiece temperature that stops the needles (IEC 60601-1 applied
 *                                part: 41 °C)
 * @param maxContinuousRunMinutes longest a single run may last
 * @param loopOverrunBudgetMillis how late a control tick may be before the pen faults
 * @param sessionIdleCloseMinutes how long an open session may go without a run before it closes itself,
 *                                so one session (one cartridge on record) cannot span two clients (H38)
 */
public record SafetySpec(double warningCelsius, double warningMaxRateHz, double cutoffCelsius,
                         double maxContinuousRunMinutes, double loopOverrunBudgetMillis,
                         double sessionIdleCloseMinutes) {

    /** The idle close in nanoseconds: a session idle exactly this long stays open; one idle longer closes. */
    public long sessionIdleCloseNanos() {
        return Math.round(sessionIdleCloseMinutes * 60e9);
    }

    /**
     * The longest run in nanoseconds: a run may last exactly this long; one that is still running
     * after it faults. The one conversion both the supervisor and the command line use.
     */
    public long maxContinuousRunNanos() {
        return Math.round(maxContinuousRunMinutes * 60e9);
    }

    /** Minutes as people write them: {@code 30}, {@code 0.5}. */
    public static String minutesText(long nanos) {
        return RuleContext.num(nanos / 60e9);
    }
}
