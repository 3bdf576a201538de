package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetryEvent;
import com.needlepen.firmware.telemetry.TelemetrySample;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** A steady RUNNING tick allocates nothing: measured in bytes with ThreadMXBean, not in time. */
class AllocationFreeRunningTest {

    /** Keeps the latest sample and counts, like a ring that never fills. */
    static final class CountingSink implements TelemetrySink {
        final TelemetrySample last = new TelemetrySample();
        long samples;
        long events;

        @Override
        public boolean offerSample(TelemetrySample sample) {
            last.copyFrom(sample);
            samples++;
            return true;
        }

        @Override
        public void offerEvent(TelemetryEvent event) {
            events++;
        }

        @Override
        public void sessionChanged(String sessionId) {
        }
    }

    @Test
    void givenSteadyRunningWhen100kTicksWithEdgesSamplesAndADepthChangeThenZeroBytesAreAllocated() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        CountingSink sink = new CountingSink();
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, 21, sink);
        bench.insertCartridge().ready();
        bench.sim.setSkinContact(true);
        bench.click(PanelButton.START_STOP).spunUp();
        // warm up every path the measured ticks take, a depth change included
        bench.sim.press(PanelButton.DEPTH_UP);
        bench.run(S);
        bench.sim.release(PanelButton.DEPTH_UP);
        bench.run(10 * S); // long enough for the JIT to have compiled the rare branches too
        long thread = Thread.currentThread().getId();
        long samplesBefore;
        long strokesBefore;
        double depthBefore;

        // the first pass warms up this very loop (the JIT compiles it with the tick inlined); the second is measured
        measureTicks(bench, threads, thread, 100_000);
        samplesBefore = sink.samples;
        strokesBefore = bench.controller.status().strokes();
        depthBefore = bench.controller.status().depthMm();
        long allocated = measureTicks(bench, threads, thread, 100_000);

        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(bench.controller.status().strokes() - strokesBefore).as("index edges").isGreaterThan(9_000);
        assertThat(sink.samples - samplesBefore).as("telemetry samples").isEqualTo(1_000);
        assertThat(bench.controller.status().depthMm()).as("depth changed").isGreaterThan(depthBefore);
        assertThat(allocated).as("bytes allocated by 100,000 RUNNING ticks").isZero();
    }

    @Test
    void givenTheThirdRunOfASession_whenTheDepthChangesWhileRunning_thenZeroBytesAreAllocated() {
        // a depth change in a later run once asked the session for a copy of its runs (found by needlepen bench)
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, 22, new CountingSink());
        bench.insertCartridge().ready();
        bench.sim.setSkinContact(true);
        for (int run = 1; run <= 2; run++) {
            bench.click(PanelButton.START_STOP).running().spunUp();
            bench.run(S);
            bench.click(PanelButton.START_STOP);
            assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, S)).isTrue();
        }
        bench.click(PanelButton.START_STOP).running().spunUp();
        assertThat(bench.controller.sessions().current().runs()).as("two runs ended before this one").hasSize(2);
        bench.run(10 * S);
        long thread = Thread.currentThread().getId();

        measureTicks(bench, threads, thread, 100_000);
        double depthBefore = bench.controller.status().depthMm();
        long allocated = measureTicks(bench, threads, thread, 100_000);

        assertThat(bench.controller.status().depthMm()).as("depth changed").isGreaterThan(depthBefore);
        assertThat(allocated).as("bytes allocated by 100,000 RUNNING ticks of a third run").isZero();
    }

    /** Runs {@code ticks} control periods with a depth change in the middle; returns the bytes the firmware's ticks allocated. */
    private static long measureTicks(PenBench bench, com.sun.management.ThreadMXBean threads, long thread, int ticks) {
        long allocated = 0;
        long period = bench.profile.loop().periodNanos();
        long t = bench.now();
        for (int i = 0; i < ticks; i++) {
            if (i == ticks / 3) {
                bench.sim.press(PanelButton.DEPTH_UP);
            } else if (i == ticks / 3 + 50) {
                bench.sim.release(PanelButton.DEPTH_UP);
            }
            t += period;
            bench.pen.advanceTo(t); // the simulated plant is not the firmware: not measured
            long before = threads.getThreadAllocatedBytes(thread);
            bench.controller.tick(t);
            allocated += threads.getThreadAllocatedBytes(thread) - before;
        }
        bench.runner.syncTo(t);
        return allocated;
    }
}
