package com.needlepen.hal;

/** Current in the collar stepper's windings while it stands still. */
public enum HoldCurrent {
    /** Full current: the collar resists skin pressure; required while the stroke motor runs. */
    FULL,
    /** Reduced current to save heat while the needles are still. */
    REDUCED
}
