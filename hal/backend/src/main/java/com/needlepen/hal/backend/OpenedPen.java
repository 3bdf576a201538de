package com.needlepen.hal.backend;

import com.needlepen.hal.PenHardware;

/**
 * A pen's hardware, open: what the firmware drives, and the way to give it back (outputs to their
 * safe states, devices released). A simulated pen's physics is advanced by whoever runs its loop.
 */
public interface OpenedPen extends AutoCloseable {

    /** The HAL the firmware is assembled on. */
    PenHardware hardware();

    /**
     * Advances a simulated pen's physics to {@code nowNanos} (its virtual clock), as one phase of
     * each control period; real hardware's physics runs by itself, so by default this does nothing.
     */
    default void advancePlantTo(long nowNanos) {
    }

    /** Whether this pen's time may run faster than the wall clock: only a simulated pen's. */
    default boolean virtualTimeAllowed() {
        return false;
    }

    /**
     * Called once on the thread that will run the control loop, before its first tick: a real pen may give that thread
     * a core and a real-time priority of its own (the Pi: docs/performance.md). Returns one line saying what was done,
     * or why not; by default nothing is done.
     */
    default String prepareLoopThread() {
        return "the loop thread runs as it was started";
    }

    /** The backend's name, as the profile gave it. */
    String backend();

    /** Releases the hardware; outputs were left safe by the firmware's shutdown. Never throws. */
    @Override
    void close();
}
