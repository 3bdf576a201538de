package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.List;

/**
 * Runs every tick after the state machine and has the last word: it asks each of its checks in
 * turn and reports the first fault found. It holds no reference to the state machine's decisions
 * other than the state, so a state-machine bug cannot silence it. Allocates nothing unless a
 * fault is found.
 */
public final class SafetySupervisor {

    private final SafetyCheck[] checks;
    private String detail;

    public SafetySupervisor(List<SafetyCheck> checks) {
        this.checks = checks.toArray(new SafetyCheck[0]);
    }

    public void runStarted(long nowNanos) {
        for (SafetyCheck c : checks) {
            c.runStarted(nowNanos);
        }
    }

    public void spunUp() {
        for (SafetyCheck c : checks) {
            c.spunUp();
        }
    }

    public void stateEntered(PenState state, long nowNanos) {
        for (SafetyCheck c : checks) {
            c.stateEntered(state, nowNanos);
        }
    }

    /** The first fault any check finds this tick, or null; {@link #detail()} says more. */
    public FaultCode check(long nowNanos, PenState state) {
        for (SafetyCheck c : checks) {
            FaultCode found = c.check(nowNanos, state);
            if (found != null) {
                detail = c.detail();
                return found;
            }
        }
        return null;
    }

    public String detail() {
        return detail;
    }

    /** How many checks it runs (tests compare with the standard set). */
    public int size() {
        return checks.length;
    }
}
