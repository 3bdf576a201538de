package com.needlepen.hal.pi4j.tmc5160;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.hal.pi4j.bus.BusException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * What the control tick calls allocates nothing, and neither does a sound poll (bytes counted with the JVM's
 * per-thread allocation counter, as the firmware's AllocationFreeRunningTest counts its ticks).
 */
class Tmc5160AllocationTest {

    private static final long MS = 1_000_000L;
    private long now;
    private long sink;

    @Test
    void theTicksGettersAndTheServiceThreadsPollAllocateNothing() throws BusException {
        Tmc5160Model chip = new Tmc5160Model(12e6, 512.0 / 3200.0);
        chip.stopRecording();
        FakeScale scale = new FakeScale();
        Tmc5160Collar collar = new Tmc5160Collar(chip, Tmc5160Settings.collar(3200, 200, 8, 20, 20, 10, 0), scale, () -> false,
                () -> now);
        collar.configure();
        collar.moveTo(1_000_000, 6400, 64_000);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();

        run(chip, collar, 20_000); // warm-up
        // a JIT compilation now and then charges a few hundred bytes to the thread once; steady allocation shows in
        // every window, so the quietest of five windows must be zero
        long quietestGetters = Long.MAX_VALUE;
        long quietestPolls = Long.MAX_VALUE;
        for (int window = 0; window < 5; window++) {
            long getters = 0;
            long polls = 0;
            for (int i = 0; i < 20_000; i++) {
                chip.advance(MS);
                now += MS;
                long before = threads.getThreadAllocatedBytes(thread);
                collar.poll(now);
                long mid = threads.getThreadAllocatedBytes(thread);
                sink += collar.positionSteps() + collar.sensedPositionSteps() + collar.sensedIndexPhaseSteps()
                        + collar.driverFaults() + (collar.isMoving() ? 1 : 0) + (collar.stallDetected() ? 1 : 0)
                        + (collar.homeSwitchPressed() ? 1 : 0) + collar.holdCurrent().ordinal();
                long after = threads.getThreadAllocatedBytes(thread);
                polls += mid - before;
                getters += after - mid;
            }
            quietestGetters = Math.min(quietestGetters, getters);
            quietestPolls = Math.min(quietestPolls, polls);
        }
        assertThat(quietestGetters).as("bytes the tick's getters allocated in 20,000 ticks").isZero();
        assertThat(quietestPolls).as("bytes 20,000 sound polls allocated").isZero();
        assertThat(sink).isNotZero();
    }

    private void run(Tmc5160Model chip, Tmc5160Collar collar, int polls) {
        for (int i = 0; i < polls; i++) {
            chip.advance(MS);
            now += MS;
            collar.poll(now);
            sink += collar.positionSteps() + collar.driverFaults();
        }
    }
}
