package com.needlepen.firmware.state;

/**
 * One of the pen's states, all in one place: what happens on the way in, every tick while in it
 * (returning the state the pen should be in next, itself to stay), and on the way out. Only the
 * {@link StateMachine} calls these.
 */
interface State {

    default void enter(long now) {
    }

    PenState periodic(long now);

    default void exit(long now) {
    }
}
