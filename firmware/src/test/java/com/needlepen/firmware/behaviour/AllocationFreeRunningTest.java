package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.EventSlot;
import com.needlepen.firmware.telemetry.MqttTelemetry;
import com.needlepen.firmware.telemetry.RecordingTransport;
import com.needlepen.firmware.telemetry.TelemetryEvent;
import com.needlepen.firmware.telemetry.TelemetrySample;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.PenHardware;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A RUNNING tick allocates nothing, steady or emitting an event: measured in bytes with
 * ThreadMXBean, not in time.
 */
class AllocationFreeRunningTest {

    /**
     * Keeps the latest sample and counts samples and events (the thermal ones by type) without
     * allocating, like a ring that never fills, and hands everything on to {@code next}.
     */
    static final class CountingSink implements TelemetrySink {
        final TelemetrySample last = new TelemetrySample();
        final TelemetrySink next;
        long samples;
        long events;
        long warnings;
        long normals;

        CountingSink() {
            this(TelemetrySink.NONE);
        }

        CountingSink(TelemetrySink next) {
            this.next = next;
        }

        @Override
        public boolean offerSample(TelemetrySample sample) {
            last.copyFrom(sample);
            samples++;
            return next.offerSample(sample);
        }

        @Override
        public void offerEvent(TelemetryEvent event) {
            count(event.type());
            next.offerEvent(event);
        }

        @Override
        public void offerEvent(EventSlot event) {
            count(event.type());
            next.offerEvent(event);
        }

        private void count(String type) {
            events++;
            if ("temperature.warning".equals(type)) {
                warnings++;
            } else if ("temperature.normal".equals(type)) {
                normals++;
            }
        }

        @Override
        public void sessionChanged(String sessionId) {
            next.sessionChanged(sessionId);
        }
    }

    /** The handpiece's temperature as the firmware reads it: the plant's, or one the test sets (NaN: the plant's). */
    static final class HandpieceReading {
        double celsius = Double.NaN;

        PenHardware wire(PenHardware hw) {
            return PenBench.temperatureReading(hw, plant -> Double.isNaN(celsius) ? plant : celsius);
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

    @Test
    void givenRunning_whenTheHandpieceCrossesItsWarningAndCoolsAgain_thenTheTicksThatEmitTheEventsAllocateZeroBytes() {
        // the real MQTT sink behind the counter: its event ring is what the control thread copies into
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        RecordingTransport transport = new RecordingTransport();
        MqttTelemetry mqtt = new MqttTelemetry(transport, "needlepen/np-test", "np-test", 4096, () -> 0L);
        mqtt.start();
        try {
            CountingSink sink = new CountingSink(mqtt);
            HandpieceReading reading = new HandpieceReading();
            // the reading this test steps is no thermistor's (a real one lags): the nose estimate would take the
            // 7.5 K step for a rise of 4 K/s and cut off; the warning judges the bare reading here, and what is
            // measured is the event ticks (the estimate runs every tick in the test above)
            PenBench bench = PenBench.wired(ProfileLoader.bundled("sim"), "12-pin", 1.0, 150, 23, sink, reading::wire,
                    com.needlepen.firmware.PenAssembly::noseUncompensatedForTest);
            bench.insertCartridge().ready();
            bench.sim.setSkinContact(true);
            bench.click(PanelButton.START_STOP).running().spunUp();
            bench.run(S);
            long thread = Thread.currentThread().getId();

            long[] warmUp = crossWarning(bench, reading, sink, threads, thread, 20); // every path run, and compiled
            long warningsBefore = sink.warnings;
            long normalsBefore = sink.normals;
            long[] measured = crossWarning(bench, reading, sink, threads, thread, 5);

            assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
            assertThat(sink.warnings - warningsBefore).as("temperature.warning events in RUNNING").isEqualTo(5);
            assertThat(sink.normals - normalsBefore).as("temperature.normal events in RUNNING").isEqualTo(5);
            assertThat(measured[1]).as("ticks that emitted an event").isEqualTo(10);
            assertThat(measured[2]).as("bytes allocated by the 10 ticks that emitted an event").isZero();
            assertThat(measured[0]).as("bytes allocated by all %,d ticks of the 5 crossings", 5 * CROSSING_TICKS)
                    .isZero();
            System.out.printf("thermal events in RUNNING: warm-up %,d bytes in %d event ticks (%,d in all); measured"
                    + " %,d bytes in %d event ticks (%,d in all %,d ticks)%n", warmUp[2], warmUp[1], warmUp[0],
                    measured[2], measured[1], measured[0], 5 * CROSSING_TICKS);

            // and they are published as ever, none dropped
            assertThat(mqtt.flush(5_000)).isTrue();
            assertThat(mqtt.eventsOverflowed()).isZero();
            List<String> warnings = transport.payloads("/events").stream()
                    .filter(p -> p.contains("\"type\":\"temperature.warning\"")).toList();
            assertThat(warnings).hasSize(25).allSatisfy(p -> assertThat(p)
                    .contains("\"celsius\":39.5,\"maxRateHz\":100.0,\"fromHz\":150.0,\"toHz\":100.0}"));
            assertThat(transport.payloads("/events")).filteredOn(p -> p.contains("\"type\":\"temperature.normal\""))
                    .hasSize(25).allSatisfy(p -> assertThat(p).endsWith("\"celsius\":30.0}"));
        } finally {
            mqtt.close(2_000);
        }
    }

    /** Ticks in one crossing: the rate back up to 150 Hz, warm (the rate comes down to 100 Hz), cooled. */
    private static final int CROSSING_TICKS = 3_000;

    /**
     * {@code crossings} times: the rate back up to 150 Hz, the handpiece at 39.5 °C (the warning lowers the
     * rate), then at 30 °C (the limit lifts), 1,000 ticks each. Returns the bytes all ticks allocated, the
     * ticks that emitted an event and the bytes those allocated.
     */
    private static long[] crossWarning(PenBench bench, HandpieceReading reading, CountingSink sink,
                                       com.sun.management.ThreadMXBean threads, long thread, int crossings) {
        long[] bytesTicksEventBytes = new long[3];
        long period = bench.profile.loop().periodNanos();
        long t = bench.now();
        for (int c = 0; c < crossings; c++) {
            for (int i = 0; i < CROSSING_TICKS; i++) {
                if (i == 0) {
                    bench.controller.submit(Request.rate(150));
                } else if (i == 1_000) {
                    reading.celsius = 39.5;
                } else if (i == 2_000) {
                    reading.celsius = 30.0;
                }
                t += period;
                bench.pen.advanceTo(t);
                long events = sink.events;
                long before = threads.getThreadAllocatedBytes(thread);
                bench.controller.tick(t);
                long bytes = threads.getThreadAllocatedBytes(thread) - before;
                bytesTicksEventBytes[0] += bytes;
                if (sink.events != events) {
                    bytesTicksEventBytes[1]++;
                    bytesTicksEventBytes[2] += bytes;
                }
            }
        }
        bench.runner.syncTo(t);
        return bytesTicksEventBytes;
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
