package com.needlepen.firmware.state;

import com.needlepen.firmware.drive.CamParker;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.hal.BuzzerPattern;
import com.needlepen.hal.LedPattern;

/**
 * A latched fault: drive disabled, alarm, the run and the session closed with the fault as their
 * reason, the depth relocked; the cam parks once the shaft is still when the fault allows it
 * ({@link com.needlepen.firmware.safety.FaultCode#parkable()}), and stays braked otherwise. Left only by an acknowledge, into re-homing.
 *
 * <p>A fault is named by the check that saw it first, and a shorted driver stage can look like
 * another fault (its runaway reads as extra index edges against the commanded duty's back-EMF: F31,
 * which brakes and keeps the drive powered). So the shaft is watched in FAULT whatever the fault: a
 * braked shaft is at rest within {@value #SETTLE_MILLIS} ms (a cam the spring returns from near its
 * top crosses its index at most twice), so {@value #DRIVEN_EDGES} index edges after that, or parking
 * timing out, mean the drive drives what it was told to brake: it is distrusted as a drive-suspect
 * fault's is, and the enable timer, no longer fed, opens the motor supply (the safety property found a
 * shorted driver misread as F31 stroking on in FAULT).
 */
final class FaultState implements State {

    static final long SETTLE_MILLIS = 300;
    static final int DRIVEN_EDGES = 3;
    private static final long SETTLE_NANOS = SETTLE_MILLIS * 1_000_000L;

    private final StateParts p;
    private final FaultLatch faults;
    private long enteredNanos;
    private int lateEdges;

    FaultState(StateParts p, FaultLatch faults) {
        this.p = p;
        this.faults = faults;
    }

    @Override
    public void enter(long now) {
        p.drive().disable();
        // FAULT does not continue two-leg moves: a collar on its way past its target stops at the target instead
        p.positioner().noDeeperThanTarget();
        faults.entered();
        enteredNanos = now;
        lateEdges = 0;
        p.hw().indicators().setLed(LedPattern.FAULT);
        p.hw().indicators().setBuzzer(BuzzerPattern.ALARM);
        // an index that misses passes (F32) is not trusted to stop a creep: that parking nudges (CamParker); no
        // parking in FAULT kicks the cam over its top, a stroke
        p.parker().startInFault(now, faults.code() != FaultCode.F32_INDEX_EDGES_MISSED);
        String reason = faults.reason();
        if (p.sessions().runActive()) {
            p.sessions().runEnded(now, p.drive().strokes(), p.treatment().depthMm(), p.treatment().rateHz(), reason);
        }
        p.hw().display().writeLine(3, faults.code().shortCode() + " " + faults.code().description());
        p.events().event("fault", now).with("code", faults.code().shortCode())
                .with("description", faults.code().description())
                .with("detail", faults.detail() == null ? "" : faults.detail()).send();
        p.treatment().closeSession(now, reason);
        p.treatment().relock(now);
    }

    @Override
    public PenState periodic(long now) {
        if (faults.code().parkable()) {
            // parks once the shaft is still; a shaft that never comes still fails parking after its timeout
            if (p.parker().periodic(now) == CamParker.Result.FAILED) {
                distrust(now);
            }
        } else if (now - enteredNanos >= SETTLE_NANOS) {
            lateEdges += (int) Math.min(DRIVEN_EDGES, p.drive().edgesThisTick());
            if (lateEdges >= DRIVEN_EDGES) {
                distrust(now);
            }
        }
        return faults.acknowledged() ? PenState.HOMING : PenState.FAULT;
    }

    private void distrust(long now) {
        if (!faults.driveDistrusted()) {
            faults.distrustDrive();
            p.events().event("fault.driveDistrusted", now).with("code", faults.code().shortCode()).send();
        }
    }

    @Override
    public void exit(long now) {
        p.drive().disable();
        faults.cleared();
        p.hw().indicators().setBuzzer(BuzzerPattern.SILENT);
    }
}
