package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * The platform hands index edges over late (H58, F39). An edge reaches the firmware some time after its stamp (on a
 * Pi, after the kernel's interrupt thread and the backend's reader thread have run), and the platform says up to which
 * instant it has handed over every edge ({@code IndexSensor.edgesCompleteThroughNanos}). The rate estimate and the
 * stall check measure the time since the last edge to that instant, not to now, so a late edge is not read as a
 * slowing shaft. The price is that a platform that stops handing edges over (a reader thread starved, a JVM paused)
 * would freeze those judgements: a jammed cam or a dead sensor would go unseen. This check bounds the lag: more than
 * {@value #LATE_BOUND_MILLIS} ms between now and the instant the platform vouches for is a fault, in every state
 * (the reader runs whether or not the shaft turns). The bound is above the delivery the Pi backend is built for
 * (a reader wake within about 1 ms, a tail of a few ms: docs/wiring.md) and well under the stall check's 150 ms.
 */
public final class IndexLateCheck implements SafetyCheck {

    /** The most the platform's vouching may lag the clock. */
    public static final long LATE_BOUND_MILLIS = 10;
    private static final long LATE_BOUND_NANOS = LATE_BOUND_MILLIS * 1_000_000L;

    private final SafetyInputs in;
    private long lagNanos;

    public IndexLateCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        lagNanos = nowNanos - in.drive().edgesKnownThrough(nowNanos);
        return lagNanos > LATE_BOUND_NANOS ? FaultCode.F39_INDEX_EDGES_LATE : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "index edges handed over %.1f ms behind the clock (at most %d ms allowed)",
                lagNanos / 1e6, LATE_BOUND_MILLIS);
    }
}
