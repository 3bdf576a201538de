package com.needlepen.hal.pi4j.tmc2209;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.hal.HoldCurrent;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The step path and the control tick's calls allocate nothing once warm (ThreadMXBean's per-thread count). */
class AllocationTest {

    /** What reading the allocation counter costs, with room: far under one object per step. */
    private static final long MEASUREMENT_BYTES = 2_048;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Jumps to each deadline; records nothing. */
    private static final class JumpTimer implements StepTimer {
        long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void awaitUntil(long deadlineNanos, java.util.function.BooleanSupplier wake) {
            now = Math.max(now, deadlineNanos);
        }
    }

    private static final class CountingPins implements StepPins {
        long steps;

        @Override
        public void direction(boolean deeper) {
        }

        @Override
        public void step() {
            steps++;
        }
    }

    @Test
    void steppingAndTheTicksCallsAllocateNothing() {
        CountingPins pins = new CountingPins();
        StepLoop loop = new StepLoop(pins, new JumpTimer(), 10_000);
        Tmc2209Model chip = new Tmc2209Model(0, 115_200);
        Tmc2209Collar collar = new Tmc2209Collar(new Tmc2209Uart(chip, 0, 115_200, 500_000), loop,
                new FakeCollarScale(() -> pins.steps), () -> false, new Tmc2209Settings(8, 20, 8, 6, 20, 50, 2_400, 32));
        long sink = 0;
        for (int round = 0; round < 6; round++) { // rounds 0 to 4 warm up (JIT, class loading); round 5 is measured
            long before = allocated();
            collar.setPositionSteps(0);
            collar.moveTo(3_000, 6_400, 64_000);
            while (loop.runOnce()) {
                sink += collar.positionSteps() + collar.driverFaults() + (collar.isMoving() ? 1 : 0)
                        + (collar.stallDetected() ? 1 : 0) + collar.sensedPositionSteps();
            }
            collar.moveTo(0, 6_400, 64_000);
            loop.runOnce();
            collar.stop();
            while (loop.runOnce()) {
                sink += collar.positionSteps();
            }
            collar.setHoldCurrent(round % 2 == 0 ? HoldCurrent.FULL : HoldCurrent.REDUCED);
            long bytes = allocated() - before;
            if (round == 5) {
                // reading the counter costs about 800 bytes itself (measured: 792 to 928 around nothing on JDK 25);
                // one object a step would be at least 16 bytes x 6,000 steps
                assertThat(bytes).as("bytes allocated stepping 3,000 steps and back with the tick's calls")
                        .isLessThan(MEASUREMENT_BYTES);
            }
        }
        assertThat(sink).isPositive();
    }
}
