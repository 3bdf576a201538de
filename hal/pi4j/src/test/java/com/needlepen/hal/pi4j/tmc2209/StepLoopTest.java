package com.needlepen.hal.pi4j.tmc2209;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The trapezoid's step times, in virtual time, through the step loop as the step thread runs it. */
class StepLoopTest {

    private static final long T0 = 1_000_000_000L;
    private static final double A = 64_000; // 20 mm/s² at 3,200 steps/mm
    private static final double V = 6_400; // 2 mm/s
    private static final double NS = 1e9;
    /** Each interval is rounded to a whole nanosecond: at most 0.5 ns a step adds up over 1,000 steps. */
    private static final double ROUNDING_S = 1e-6;

    private final VirtualStepTimer timer = new VirtualStepTimer(T0);
    private final FakeStepPins pins = new FakeStepPins(timer);
    private final StepLoop loop = new StepLoop(pins, timer, 10_000);

    private void runUntilIdle() {
        for (int i = 0; i < 1_000_000; i++) {
            if (!loop.runOnce() && !loop.isMoving()) {
                return;
            }
        }
        throw new AssertionError("the move never ended");
    }

    private double stepSeconds(int n) {
        return (pins.times.get(n - 1) - T0) / NS;
    }

    @Test
    void trapezoidAcceleratesCruisesAndDeceleratesOnExactStepTimes() {
        loop.moveTo(1_000, V, A);
        runUntilIdle();

        assertThat(pins.times).hasSize(1_000);
        assertThat(pins.position()).isEqualTo(1_000);
        assertThat(loop.positionSteps()).isEqualTo(1_000);
        assertThat(pins.positions).allMatch(p -> p >= 1 && p <= 1_000); // never past the target
        // accelerating: s = a t²/2, so step n at sqrt(2n/a); 320 steps to reach 6,400 steps/s (v²/2a)
        for (int n = 1; n <= 320; n++) {
            assertThat(stepSeconds(n)).isCloseTo(Math.sqrt(2.0 * n / A), within(ROUNDING_S));
        }
        assertThat(stepSeconds(1)).isCloseTo(0.0055902, within(1e-7));
        // cruising: one step every 1/6,400 s from 0.1 s
        for (int n = 321; n <= 680; n++) {
            assertThat(stepSeconds(n)).isCloseTo(0.1 + (n - 320) / V, within(ROUNDING_S));
        }
        // decelerating: the mirror image, the last step at 0.2 s + 360/6,400 s = 0.25625 s
        for (int n = 681; n <= 1_000; n++) {
            assertThat(stepSeconds(n)).isCloseTo(0.25625 - Math.sqrt(2.0 * (1_000 - n) / A), within(ROUNDING_S));
        }
        assertThat(pins.shortestInterval()).isEqualTo(156_250L);
        assertThat(loop.isMoving()).isFalse();
    }

    @Test
    void aShortMoveIsATriangleThatNeverReachesTheSpeedLimit() {
        loop.moveTo(-100, V, A);
        runUntilIdle();

        assertThat(pins.position()).isEqualTo(-100);
        assertThat(pins.positions).allMatch(p -> p <= -1 && p >= -100);
        double peak = Math.sqrt(A * 100); // 2,529.8 steps/s
        assertThat(pins.shortestInterval() / NS).isGreaterThanOrEqualTo(1.0 / peak - 1e-9);
        assertThat(stepSeconds(100)).isCloseTo(2.0 * Math.sqrt(100 / A), within(ROUNDING_S));
    }

    @Test
    void stopDeceleratesAtTheAccelerationLimitFromWhereItIs() {
        loop.moveTo(1_000, V, A);
        timer.at(T0 + 125_000_000L, loop::stop); // cruising, after step 480
        runUntilIdle();

        // from 6,400 steps/s the stopping distance is v²/2a = 320 steps: 480 + 320
        assertThat(pins.position()).isEqualTo(800);
        assertThat(pins.positions).allMatch(p -> p <= 800);
        for (int n = 482; n <= 800; n++) {
            long before = pins.times.get(n - 2) - pins.times.get(n - 3);
            long interval = pins.times.get(n - 1) - pins.times.get(n - 2);
            assertThat(interval).isGreaterThanOrEqualTo(before - 1);
        }
        // the last step comes sqrt(2/a) after the one before, as the first did after the start
        long last = pins.times.get(799) - pins.times.get(798);
        assertThat(last / NS).isCloseTo(Math.sqrt(2.0 / A), within(1e-8));
        assertThat(loop.isMoving()).isFalse();
    }

    @Test
    void aLateStepShiftsTheScheduleInsteadOfBunchingTheNextSteps() {
        loop.moveTo(1_000, V, A);
        while (pins.position() < 500) {
            loop.runOnce();
        }
        timer.lateNext(1_000_000); // the step thread descheduled for a millisecond before step 501
        loop.runOnce();
        loop.runOnce();

        assertThat(pins.times.get(500) - pins.times.get(499)).isEqualTo(156_250L + 1_000_000L);
        assertThat(pins.times.get(501) - pins.times.get(500)).isEqualTo(156_250L);
        runUntilIdle();
        assertThat(pins.position()).isEqualTo(1_000);
        assertThat(stepSeconds(1_000)).isCloseTo(0.25625 + 0.001, within(ROUNDING_S));
    }

    @Test
    void aTargetInsideTheStoppingDistanceIsReachedByStoppingAndComingBack() {
        loop.moveTo(1_000, V, A);
        timer.at(T0 + 125_000_000L, () -> loop.moveTo(500, V, A)); // at step 480, 6,400 steps/s: 320 to stop
        runUntilIdle();

        assertThat(pins.position()).isEqualTo(500);
        assertThat(loop.positionSteps()).isEqualTo(500);
        assertThat(pins.positions.stream().mapToLong(Long::longValue).max().getAsLong()).isEqualTo(800);
        assertThat(pins.directionChanges).isEqualTo(2);
    }

    @Test
    void aStepRateAboveTheMaximumIsRefusedNamingTheLimit() {
        assertThatThrownBy(() -> loop.moveTo(100, 10_000.5, A))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10000.5 steps/s")
                .hasMessageContaining("at most 10000.0 steps/s");
        assertThatThrownBy(() -> loop.moveTo(100, Double.NaN, A)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> loop.moveTo(100, V, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(loop.isMoving()).isFalse();

        loop.moveTo(100, 10_000, A); // at the limit: accepted
        assertThat(loop.isMoving()).isTrue();
    }

    @Test
    void movingFromTheCommandUntilTheLastStep() {
        loop.moveTo(3, V, A);
        assertThat(loop.isMoving()).isTrue(); // before the step thread has taken it up
        runUntilIdle();
        assertThat(loop.isMoving()).isFalse();

        loop.moveTo(6, V, A);
        for (int i = 0; i < 3; i++) {
            loop.runOnce();
        }
        assertThat(loop.isMoving()).as("not moving from the last step on").isFalse();

        loop.moveTo(6, V, A); // already there
        loop.runOnce();
        assertThat(loop.isMoving()).isFalse();
        assertThat(pins.times).hasSize(6);
    }

    @Test
    void haltEndsTheMoveAtOnce() {
        loop.moveTo(1_000, V, A);
        while (pins.position() < 100) {
            loop.runOnce();
        }
        loop.halt();
        runUntilIdle();

        assertThat(pins.position()).isEqualTo(100);
        assertThat(loop.isMoving()).isFalse();
    }

    @Test
    void theCountFollowsSetPositionSteps() {
        loop.setPositionSteps(5_000);
        loop.moveTo(5_010, V, A);
        runUntilIdle();

        assertThat(loop.positionSteps()).isEqualTo(5_010);
        assertThat(pins.position()).isEqualTo(10);
    }

    @Test
    void theRealStepThreadIssuesEveryStep() throws InterruptedException {
        AtomicLong count = new AtomicLong();
        StepPins counting = new StepPins() {
            @Override
            public void direction(boolean deeper) {
            }

            @Override
            public void step() {
                count.incrementAndGet();
            }
        };
        StepLoop real = new StepLoop(counting, StepTimer.parkThenSpin(100_000), 10_000);
        real.start("test-collar-steps");
        try {
            real.moveTo(200, V, A); // about 0.12 s
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (real.isMoving() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(real.isMoving()).isFalse();
            assertThat(count.get()).isEqualTo(200);
            assertThat(real.positionSteps()).isEqualTo(200);
        } finally {
            real.close();
        }
    }

    @Test
    void aLowerSpeedLimitWhileCruisingDeceleratesToItAndCruisesThere() {
        loop.moveTo(2_000, V, A);
        timer.at(T0 + 125_000_000L, () -> loop.moveTo(2_000, V / 2, A)); // after step 480
        runUntilIdle();

        assertThat(pins.position()).isEqualTo(2_000);
        // from 6,400 to 3,200 steps/s takes (6400² - 3200²) / 2a = 240 steps; then one step every 312.5 µs
        assertThat(pins.times.get(900) - pins.times.get(899)).isEqualTo(312_500L);
        assertThat(pins.positions).allMatch(p -> p <= 2_000);
        assertThat(pins.directionChanges).isEqualTo(1);
    }

    @Test
    void aFartherTargetWhileMovingCarriesOnWithoutStopping() {
        loop.moveTo(1_000, V, A);
        timer.at(T0 + 125_000_000L, () -> loop.moveTo(1_500, V, A));
        runUntilIdle();

        assertThat(pins.position()).isEqualTo(1_500);
        assertThat(pins.directionChanges).isEqualTo(1);
        // cruising straight through where the first move would have slowed down
        assertThat(pins.times.get(800) - pins.times.get(799)).isEqualTo(156_250L);
        assertThat(stepSeconds(1_500)).isCloseTo(0.2 + 860 / V, within(ROUNDING_S)); // as a single move of 1,500
    }
}
