package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;

/**
 * One mitigation of the safety supervisor: it watches what the HAL can see and reports a fault.
 * Checks are separate, composed parts so that a test can build the firmware without one and show
 * the harm it prevents; the firmware itself always runs all of them ({@link SafetyChecks#standard}).
 * A check allocates nothing unless it finds a fault.
 */
public interface SafetyCheck {

    /** The fault found this tick, or null. {@link #detail()} then says more. */
    FaultCode check(long nowNanos, PenState state);

    /** What the last fault found was about, for people (e.g. "3.10 A"). */
    String detail();

    /** A run (or calibration) started: timers that count from it restart. */
    default void runStarted(long nowNanos) {
    }

    /** Spin-up is over: rate checks that would fire during the ramp may start. */
    default void spunUp() {
    }

    /** The state changed. */
    default void stateEntered(PenState state, long nowNanos) {
    }
}
