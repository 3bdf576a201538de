package com.needlepen.firmware.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The runner's bookkeeping in virtual time: lateness, durations, overruns, missed deadlines, the trace. */
class LoopRunnerTest {

    static final long MS = 1_000_000L;

    static final class VirtualTime implements LongSupplier {
        long nanos;
        long lateOnce;

        @Override
        public long getAsLong() {
            return nanos;
        }
    }

    /** A punctual thread, except once: it wakes {@code lateOnce} after the deadline. */
    static WaitStrategy virtual(VirtualTime t) {
        return new WaitStrategy() {
            @Override
            public void awaitUntil(long deadlineNanos, LongSupplier clock) {
                t.nanos = Math.max(t.nanos, deadlineNanos) + t.lateOnce;
                t.lateOnce = 0;
            }

            @Override
            public String describe() {
                return "virtual";
            }
        };
    }

    @Test
    void givenPunctualTicks_whenRun_thenTicksComeOnePeriodApartWithNoLatenessOrOverrun() {
        VirtualTime t = new VirtualTime();
        long[] last = {-1};
        long[] worstGap = {0};
        LoopRunner r = new LoopRunner(MS, t, virtual(t), new TickTrace(t), now -> {
            if (last[0] >= 0) {
                worstGap[0] = Math.max(worstGap[0], now - last[0]);
            }
            last[0] = now;
            t.nanos += 200_000L; // each tick works 0.2 ms
        });

        r.run(1_000);

        assertThat(r.ticks()).isEqualTo(1_000);
        assertThat(worstGap[0]).isEqualTo(MS);
        assertThat(r.overruns()).isZero();
        assertThat(r.missedDeadlines()).isZero();
        assertThat(r.latenessNanos().getMaxValue()).isZero();
        assertThat(r.tickNanos().getValueAtPercentile(50)).isBetween(199_000L, 201_000L);
    }

    @Test
    void givenAThreadThatWakes5msLate_whenRun_thenTheLatenessIsRecordedTheMissedDeadlinesCountedAndNoBurstFollows() {
        VirtualTime t = new VirtualTime();
        TickTrace trace = new TickTrace(t);
        long[] gaps = new long[10];
        long[] last = {-1};
        int[] i = {0};
        LoopRunner r = new LoopRunner(MS, t, virtual(t), trace, now -> {
            if (last[0] >= 0) {
                gaps[i[0]++] = now - last[0];
            }
            last[0] = now;
            if (i[0] == 3) {
                t.lateOnce = 5 * MS; // the next wake-up comes 5 ms late (the thread was not scheduled)
            }
        });

        r.run(8);

        assertThat(r.latenessNanos().getMaxValue()).isBetween(5 * MS - 5_000L, 5 * MS + 5_000L);
        assertThat(r.missedDeadlines()).isEqualTo(5);
        assertThat(r.overruns()).as("no tick itself ran long").isZero();
        assertThat(gaps).as("one long gap, then one period again: no burst of catch-up ticks")
                .startsWith(MS, MS, MS, 6 * MS, MS, MS, MS);
        assertThat(trace.explainLateness(MS)).isNotBlank();
    }

    @Test
    void givenATickWhoseStatesPhaseRunsLong_whenTraced_thenThePhaseIsNamedAndTheNextTickSaysWhyItIsLate() {
        VirtualTime t = new VirtualTime();
        TickTrace trace = new TickTrace(t);
        trace.tickStarted(0);
        t.nanos += 100_000L;
        trace.phaseDone(TickTrace.Phase.INPUTS);
        t.nanos += 12 * MS;
        trace.phaseDone(TickTrace.Phase.STATES);
        t.nanos += 300_000L;
        trace.phaseDone(TickTrace.Phase.SAFETY);
        trace.tickEnded();
        trace.tickStarted(11 * MS);

        assertThat(trace.lastLongestPhase()).isEqualTo(TickTrace.Phase.STATES);
        assertThat(trace.lastTickNanos()).isEqualTo(12_400_000L);
        assertThat(trace.explainLateness(MS)).isEqualTo("the tick before ran 12.4 ms, longest in phase STATES (12.0 ms)");

        trace.tickEnded();
        trace.tickStarted(25 * MS);
        assertThat(trace.explainLateness(MS)).startsWith("the loop thread woke 25.0 ms late");
    }

    @Test
    void givenAStopRequestFromAnotherThread_whenRunningOnTheRealClock_thenTheLoopReturns() throws Exception {
        LoopRunner r = new LoopRunner(MS, System::nanoTime, WaitStrategy.parkThenSpin(100_000L), TickTrace.system(),
                now -> { });
        Thread loop = new Thread(r::run, "loop-under-test");
        loop.start();
        while (r.ticks() < 20) {
            Thread.sleep(1);
        }
        r.requestStop();
        loop.join(5_000);
        assertThat(loop.isAlive()).isFalse();
        assertThat(r.ticks()).isGreaterThanOrEqualTo(20);
    }
}
