package com.needlepen.hal;

/** The practitioner's inputs on the pen and its footswitch. */
public enum PanelButton {
    /** Start/stop push button: a press starts from READY and stops a run. */
    START_STOP,
    /** Hold-to-run footswitch: pressing starts, releasing stops. */
    FOOTSWITCH,
    DEPTH_UP,
    DEPTH_DOWN,
    RATE_UP,
    RATE_DOWN,
    /** Steps through the profile's treatment-area presets. */
    PRESET,
    /** Acknowledges a latched fault. */
    ACKNOWLEDGE,
    /**
     * Confirms what the display asks: unlocking depths above the ceiling at the start of a session
     * (on a profile that allows it), or that a cartridge without a readable id is new and unused.
     */
    CONFIRM
}
