package com.needlepen.firmware;

import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.state.PenState;

/**
 * The pen as a tick left it, for the CLI, the session report and anything else that reads it: one
 * immutable value, so a reader never sees half of one tick and half of the next. Taken by
 * {@link PenController#status()}.
 *
 * @param atNanos               the tick's time (the hardware clock)
 * @param fault                 the latched fault, null outside FAULT
 * @param lastRefusal           the last input refused and why, null if none yet
 * @param depthMm               the set depth
 * @param rateHz                the set rate
 * @param measuredRateHz        the rate measured from the index, 0 when the shaft is still
 * @param collarSettled         the collar has reached its last target
 * @param readyToStart          READY with the collar at the set depth: a start would be accepted
 * @param runStartNanos         when the current (or last) run started
 * @param lastStopToParkedNanos from the last stop to the cam parked, -1 if none yet
 * @param zeroChecks            the collar's zero checks completed since power-on
 * @param zeroCheckDue          a run has happened since the collar's count was last proven
 * @param lastHomingTripSteps   where the home switch closed at the last homing against its place on the collar's
 *                              scale, in steps (H50: the zero is the scale's; deeper positive)
 * @param shutDown              a requested shutdown has finished
 */
public record PenStatus(long atNanos, PenState state, FaultCode fault, String faultDetail, String lastRefusal,
                        double depthMm, double rateHz, double measuredRateHz, long strokes, double dutyFraction,
                        long collarSteps, double collarDepthMm, boolean collarSettled, boolean readyToStart,
                        boolean spunUp, long runStartNanos, long lastStopToParkedNanos, long zeroChecks,
                        boolean zeroCheckDue, long calibrationRevolutions, long lastHomingTripSteps,
                        long samplesOffered, long samplesDropped, boolean shutDown) {
}
