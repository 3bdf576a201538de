package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.state.PenState;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H40, the check alone: {@link ClockCheck} against a loop scheduled as {@code LoopRunner} schedules
 * it (absolute deadlines; a tick that wakes a period or more late restarts the schedule from itself),
 * at the sim profile's 1 kHz. A loop that wakes late, and catches up, is no clock fault; a clock that
 * stops, runs slow or fast by 1 % or more, or jumps, is.
 */
@Tag("H40")
class ClockCheckTest {

    private static final long P = 1_000_000L;

    /** A loop whose runner keeps time on its own clock ({@code trueNanos}), handing the check the HAL clock's reading. */
    private static final class Loop {
        final TickTrace trace = new TickTrace(() -> 0L);
        final ClockCheck check = new ClockCheck(new SafetyInputs(ProfileLoader.bundled("sim"), null, null, null, null,
                null, null, trace, null));
        long deadline = P;
        long ticks;

        /** One tick woken {@code late} after its deadline; the HAL clock reads {@code clock} of the true time. */
        FaultCode tick(long late, java.util.function.LongUnaryOperator clock) {
            long woke = deadline + late;
            if (late >= P) {
                deadline = woke;
            }
            deadline += P;
            trace.tickStarted(late);
            FaultCode f = check.check(clock.applyAsLong(woke), PenState.RUNNING);
            trace.tickEnded();
            ticks++;
            return f;
        }
    }

    @Test
    void givenALoopThatWakesLateAndCatchesUp_whenTheClockIsTrue_thenNoClockFaultInAMillionTicks() {
        Loop loop = new Loop();
        SplittableRandom random = new SplittableRandom(40);
        for (int i = 0; i < 1_000_000; i++) {
            // mostly on time, often up to 0.9 of a period late, now and then 30 ms late (F15's business, not F29's)
            long late = random.nextInt(1_000) == 0 ? 30 * P : random.nextInt(3) == 0 ? random.nextLong(900_000) : 0;
            assertThat(loop.tick(late, t -> t)).as("tick %d", i).isNull();
        }
    }

    @Test
    void givenAClockThatStops_thenF29WithinElevenTicks() {
        Loop loop = new Loop();
        for (int i = 0; i < 100; i++) {
            assertThat(loop.tick(0, t -> t)).isNull();
        }
        long stoppedAt = loop.deadline - P;
        int ticks = 0;
        while (loop.tick(0, t -> stoppedAt) == null) {
            ticks++;
            assertThat(ticks).isLessThan(100);
        }
        assertThat(ticks).isBetween(ClockCheck.BOUND_PERIODS - 1, ClockCheck.BOUND_PERIODS + 1);
    }

    @Test
    void givenAClockOnePercentSlowOrFast_thenF29WithinAboutASecond_andAtAHalfPerMilleNever() {
        for (double rate : new double[] {0.99, 1.01, 2.0}) {
            Loop loop = new Loop();
            long ticks = 0;
            while (loop.tick(0, t -> Math.round(t * rate)) == null) {
                ticks++;
                assertThat(ticks).as("rate %s", rate).isLessThan(2_000);
            }
            System.out.printf("H40: a clock at %.2f of true time: F29 after %d ticks%n", rate, ticks);
        }
        for (double rate : new double[] {0.9995, 1.0005}) {
            Loop loop = new Loop();
            for (int i = 0; i < 200_000; i++) {
                assertThat(loop.tick(0, t -> Math.round(t * rate))).as("rate %s tick %d", rate, i).isNull();
            }
        }
    }

    @Test
    void givenAJumpBackOfOneMicrosecond_thenF29AtOnce() {
        Loop loop = new Loop();
        loop.tick(0, t -> t);
        long last = loop.deadline - P;
        assertThat(loop.tick(0, t -> last - 1_000)).isEqualTo(FaultCode.F29_CLOCK_FAULT);
        assertThat(loop.check.detail()).contains("went back");
    }

    @Test
    void givenAForwardJumpWithoutARunnerTracingTheTick_thenItIsLeftToTheOverrunCheck() {
        // a caller that ticks by hand opens no trace: how late the loop woke is unknown, so a long step could be a late
        // tick; LoopOverrunCheck (F15) judges it
        ClockCheck check = new ClockCheck(new SafetyInputs(ProfileLoader.bundled("sim"), null, null, null, null, null,
                null, new TickTrace(() -> 0L), null));
        assertThat(check.check(0, PenState.RUNNING)).isNull();
        assertThat(check.check(P, PenState.RUNNING)).isNull();
        assertThat(check.check(P + 500 * P, PenState.RUNNING)).isNull();
    }
}
