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
    ACKNOWLEDGE
}
