package com.needlepen.firmware.session;

/**
 * One start-to-stop run inside a session.
 *
 * @param number        1-based within the session
 * @param startNanos    when start was accepted (monotonic)
 * @param endNanos      when the cam was parked, or the fault latched
 * @param spinUpNanos   time from start until the measured rate first stayed within 1 % of the set rate (-1: never)
 * @param strokes       index pulses counted during the run
 * @param depthMm       set depth at the end of the run
 * @param rateHz        set rate at the end of the run
 * @param endReason     why it ended
 */
public record Run(int number, long startNanos, long endNanos, long spinUpNanos, long strokes, double depthMm,
                  double rateHz, String endReason) {
}
