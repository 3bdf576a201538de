package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * The platform lost index edges on their way to the firmware (H55, F38): on a Pi, the kernel's line-event buffer
 * overflowed while the thread that reads it was late, which the events' sequence numbers reveal
 * ({@code IndexSensor.droppedEdgeCount}). Each lost edge is a stroke the rate estimate and the stroke count never
 * saw: the regulator then reads the shaft slower than it turns and drives it harder. The back-EMF's view of the
 * rate (F32) and the stall check (F11) see long or repeated losses; this check names the cause at the first one.
 * Judged in every state: any count above the one the check last saw is a fault (the count never falls).
 */
public final class IndexEdgesLostCheck implements SafetyCheck {

    private final SafetyInputs in;
    private long seen = -1;
    private String detail;

    public IndexEdgesLostCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        long dropped = in.drive().droppedIndexEdges();
        long before = seen;
        seen = dropped;
        if (dropped <= before || before < 0 && dropped == 0) {
            return null;
        }
        detail = String.format(Locale.ROOT, "%d index edges lost by the platform (%d in all since it opened)",
                before < 0 ? dropped : dropped - before, dropped);
        return FaultCode.F38_INDEX_EDGES_LOST;
    }

    @Override
    public String detail() {
        return detail;
    }
}
