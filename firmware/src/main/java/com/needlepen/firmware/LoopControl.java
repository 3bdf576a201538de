package com.needlepen.firmware;

/** What the control loop's helpers may ask of the state machine itself. */
interface LoopControl {

    PenState state();

    /** Leaves the current state and enters {@code next} now. */
    void transition(PenState next, long nowNanos);

    /** Refuses an input: buzzer, event, and the reason kept for read-out. */
    void refuse(long nowNanos, String why);
}
