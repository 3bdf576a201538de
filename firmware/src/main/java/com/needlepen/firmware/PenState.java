package com.needlepen.firmware;

/** The pen's states. The motor turns only in RUNNING and STOPPING (parking). */
public enum PenState {
    /** Power-on: hardware put in its safe state. */
    BOOT,
    /** The depth collar is finding its home switch. */
    HOMING,
    /** Homed, needles still and parked; start is accepted here only. */
    READY,
    /** The needles stroke at the set rate and depth. */
    RUNNING,
    /** Braking, then parking the cam at the index (needles hidden). */
    STOPPING,
    /** A latched fault: drive disabled; left only by acknowledge followed by re-homing. */
    FAULT
}
