package com.needlepen.hal.backend;

import com.needlepen.hal.PenHardware;

/**
 * A pen's hardware, open: what the firmware drives, and the way to give it back (outputs to their
 * safe states, devices released). A simulated pen's physics is advanced by whoever runs its loop.
 */
public interface OpenedPen extends AutoCloseable {

    /** The HAL the firmware is assembled on. */
    PenHardware hardware();

    /** The backend's name, as the profile gave it. */
    String backend();

    /** Releases the hardware; outputs were left safe by the firmware's shutdown. Never throws. */
    @Override
    void close();
}
