package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.state.PenState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link ClockCheck}'s bound, to the nanosecond: a clock exactly {@link ClockCheck#BOUND_PERIODS}
 * periods behind or ahead of the loop's ticks is still trusted, a nanosecond more is F29. At 1 kHz
 * a stopped tick banks a period less the 0.1 % leak (999 µs) behind; ten stopped ticks bank
 * 9.99 ms, and an eleventh that advances 989 µs brings the bank to exactly 10 ms.
 */
@Tag("H40")
class ClockCheckBoundTest {

    private static final long P = 1_000_000L;
    private static final long LEAK = P / 1000;

    private final TickTrace trace = new TickTrace(() -> 0L);
    private final ClockCheck check = new ClockCheck(new SafetyInputs(ProfileLoader.bundled("sim"), null, null, null,
            null, null, null, trace, null));

    private FaultCode tick(long clockNanos, long wokeLate) {
        trace.tickStarted(wokeLate);
        FaultCode f = check.check(clockNanos, PenState.RUNNING);
        trace.tickEnded();
        return f;
    }

    @Test
    void givenTheBoundAt1kHz_thenItIsTenPeriods() {
        assertThat(check.boundNanos()).isEqualTo(10 * P);
    }

    @Test
    void givenAClockExactlyTenPeriodsBehindTheTicks_thenTrusted_andANanosecondFurther_thenF29() {
        long clock = 0;
        assertThat(tick(clock, 0)).isNull();
        for (int i = 0; i < 10; i++) {
            assertThat(tick(clock, 0)).as("stopped tick %d", i + 1).isNull(); // the bank: -(P - LEAK) a tick
        }
        clock += 989_000; // the bank: -9.99 ms + 989 µs - (P - LEAK) = exactly -10 ms
        assertThat(tick(clock, 0)).as("exactly at the bound").isNull();
        clock += P - LEAK - 1; // the bank one nanosecond past it
        assertThat(tick(clock, 0)).isEqualTo(FaultCode.F29_CLOCK_FAULT);
        assertThat(check.detail()).isEqualTo("the clock fell behind the loop's ticks (stopped or slow): it advanced 998 µs"
                + " in the last tick of 1000 µs (bound 10.0 ms); timers cannot be trusted");
    }

    @Test
    void givenAClockExactlyTenPeriodsAheadOfTheTicks_thenTrusted_andANanosecondFurther_thenF29() {
        long clock = 0;
        assertThat(tick(clock, 0)).isNull();
        clock += P + 10 * P + LEAK; // one tick that advanced ten periods more than it woke late
        assertThat(tick(clock, 0)).as("exactly at the bound").isNull();
        clock += P + LEAK + 1;
        assertThat(tick(clock, 0)).isEqualTo(FaultCode.F29_CLOCK_FAULT);
        assertThat(check.detail()).startsWith("the clock ran ahead of the loop's ticks (jumped forward or fast)");
    }
}
