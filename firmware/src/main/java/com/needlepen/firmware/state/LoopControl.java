package com.needlepen.firmware.state;

import com.needlepen.firmware.session.ControllerEvents;
import com.needlepen.hal.BuzzerPattern;
import com.needlepen.hal.Indicators;

/**
 * What the control loop's helpers (the gate into a run, the treatment, the technician's commands)
 * may know of the state machine: the state the pen is in, and a way to refuse an input. They
 * cannot change the state: they return a decision ({@link PenState}) that only the
 * {@link StateMachine}, run by the loop, applies.
 */
public final class LoopControl {

    private final Indicators indicators;
    private final ControllerEvents events;
    private PenState state = PenState.BOOT;
    private String lastRefusal;

    public LoopControl(Indicators indicators, ControllerEvents events) {
        this.indicators = indicators;
        this.events = events;
    }

    public PenState state() {
        return state;
    }

    /** Only the state machine moves the pen. */
    void set(PenState next) {
        state = next;
    }

    /** Refuses an input: buzzer, event, and the reason kept for read-out. */
    public void refuse(long nowNanos, String why) {
        lastRefusal = why;
        indicators.setBuzzer(BuzzerPattern.REFUSED);
        events.event("input.refused", nowNanos).with("reason", why).with("state", state.name()).send();
    }

    /** The last input refused, and why (null: none yet). */
    public String lastRefusal() {
        return lastRefusal;
    }
}
