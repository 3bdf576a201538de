package com.needlepen.firmware.safety;

import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.state.PenState;

/**
 * H40: time that lies. Every timer in the firmware (the run-time limit, the stall and over-current
 * holds, the rate deviation hold, the sensor holds, parking's timeout, the bounded waits) and the
 * HAL's own dead-man measure time on the one clock the HAL reads. If that clock stops, every one of
 * them goes blind while the needles run; if it jumps back, each is late by the jump. So the clock is
 * checked against a second time base, the loop's ticks: the loop runs at a fixed period on its
 * runner's own time base, so over any stretch of ticks the clock must advance at least a period per
 * tick, and no more than a period per tick plus how late the runner (on its own clock) says it
 * woke.
 *
 * <p>Two banks, each leaking at 0.1 % of a period per tick (far more than two crystals differ by,
 * far less than any rate error that matters: a clock 1 % off is caught within about a second):
 * {@code behind} (clock advance minus a period per tick, at most one period of credit for a tick
 * that woke late and the short tick after it) catches a clock that stopped or runs slow; {@code
 * ahead} (clock advance beyond a period plus the runner's wake lateness; only when a runner traces
 * the tick) catches one that jumped forward or runs fast. Either past {@link #BOUND_PERIODS}
 * periods, or a clock that goes back at all, is F29. Since this check runs in every state, the
 * fault latches before any timer that the lie blinds would have had to fire. F29 suspects the
 * drive's timing: the loop stops feeding the hardware enable timer, whose own oscillator then cuts
 * the motor supply (100 ms), and the cam is not parked (parking's timeout is on the clock too).
 *
 * <p>On a pen whose loop is paced by the same clock (the real-time {@code LoopRunner} on the
 * hardware clock) a stopped clock stops the ticks too, and the hardware enable timer and watchdog
 * act; a forward jump shows there as a late tick (F15). Allocates nothing unless it finds a fault.
 */
public final class ClockCheck implements SafetyCheck {

    /** How many control periods the clock may fall behind or run ahead of the ticks before F29. */
    public static final int BOUND_PERIODS = 10;

    private final long periodNanos;
    private final long boundNanos;
    private final long leakNanos;
    private final TickTrace trace;
    private long lastNanos = Long.MIN_VALUE;
    private long behindNanos;
    private long aheadNanos;
    private long lastStepNanos;
    private String what = "";

    public ClockCheck(SafetyInputs in) {
        this.periodNanos = in.profile().loop().periodNanos();
        this.boundNanos = BOUND_PERIODS * periodNanos;
        this.leakNanos = Math.max(1, periodNanos / 1000);
        this.trace = in.trace();
    }

    /** How far the clock may drift from the ticks before F29, ns. */
    public long boundNanos() {
        return boundNanos;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        long last = lastNanos;
        lastNanos = nowNanos;
        if (last == Long.MIN_VALUE) {
            return null;
        }
        long step = nowNanos - last;
        lastStepNanos = step;
        if (step < 0) {
            what = "went back";
            return FaultCode.F29_CLOCK_FAULT;
        }
        // a clock that stops or runs slow falls behind the ticks; a tick that woke late banks at most a period
        behindNanos = Math.min(periodNanos, behindNanos + step - periodNanos + leakNanos);
        if (behindNanos < -boundNanos) {
            what = "fell behind the loop's ticks (stopped or slow)";
            return FaultCode.F29_CLOCK_FAULT;
        }
        long late = trace.wakeLatenessNanos();
        if (late >= 0) {
            // the runner, on its own time base, says how late it woke: the clock may not have advanced more
            aheadNanos = Math.max(0, aheadNanos + step - periodNanos - late - leakNanos);
            if (aheadNanos > boundNanos) {
                what = "ran ahead of the loop's ticks (jumped forward or fast)";
                return FaultCode.F29_CLOCK_FAULT;
            }
        }
        return null;
    }

    @Override
    public String detail() {
        return "the clock " + what + ": it advanced " + lastStepNanos / 1000 + " µs in the last tick of "
                + periodNanos / 1000 + " µs (bound " + boundNanos / 1_000_000.0 + " ms); timers cannot be trusted";
    }
}
