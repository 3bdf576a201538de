package com.needlepen.firmware.state;

import com.needlepen.firmware.safety.FaultCode;

/** The fault the pen is latched in (null outside FAULT), its detail, and whether it was acknowledged. */
final class FaultLatch {

    private FaultCode code;
    private String detail;
    private boolean acknowledged;
    private boolean driveDistrusted;

    /** Records what is about to latch; the state machine then enters FAULT. */
    PenState latch(FaultCode code, String detail) {
        this.code = code;
        this.detail = detail;
        return PenState.FAULT;
    }

    FaultCode code() {
        return code;
    }

    String detail() {
        return detail;
    }

    boolean acknowledged() {
        return acknowledged;
    }

    void acknowledge() {
        acknowledged = true;
    }

    void entered() {
        acknowledged = false;
        driveDistrusted = false;
    }

    /**
     * The shaft went on turning in FAULT although the drive was told to brake (or parking timed out):
     * the drive is distrusted whatever the fault, and the loop stops feeding the enable timer.
     */
    void distrustDrive() {
        driveDistrusted = true;
    }

    boolean driveDistrusted() {
        return driveDistrusted;
    }

    void cleared() {
        code = null;
        detail = null;
    }

    /** What ends a run or a session on this fault, in words. */
    String reason() {
        return "fault " + code.shortCode() + ": " + code.description() + (detail == null ? "" : " (" + detail + ")");
    }
}
