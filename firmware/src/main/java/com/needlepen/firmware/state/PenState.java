package com.needlepen.firmware.state;

/** The pen's states. The motor turns only in RUNNING, STOPPING (parking) and CALIBRATING. */
public enum PenState {
    /** Power-on: hardware put in its safe state. */
    BOOT,
    /** The depth collar is finding its home switch. */
    HOMING,
    /** Homed, needles still and parked; start is accepted here only. */
    READY,
    /**
     * A start was asked for (or the end of a session after a run): the collar goes back to its home
     * switch to prove its step count (steps lost, or the collar pushed back under skin pressure or
     * knocked while it stood still, which the stepper driver cannot see), then returns to the set
     * depth, before the needles move or the session's record is closed. Needles still and parked.
     */
    CHECKING,
    /** The needles stroke at the set rate and depth. */
    RUNNING,
    /** Braking, then parking the cam at the index (needles hidden). */
    STOPPING,
    /**
     * A technician's calibration, entered only from READY on request: the cam turns slowly so a
     * max-hold gauge reads the peak protrusion, and the collar may go to the absolute maximum.
     */
    CALIBRATING,
    /** A latched fault: drive disabled; left only by acknowledge followed by re-homing. */
    FAULT
}
