package com.needlepen.firmware.state;

/** What the control loop's helpers may ask of the state machine itself. */
public interface LoopControl {

    public PenState state();

    /** Leaves the current state and enters {@code next} now. */
    public void transition(PenState next, long nowNanos);

    /** Refuses an input: buzzer, event, and the reason kept for read-out. */
    public void refuse(long nowNanos, String why);
}
