package com.needlepen.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** What the bench reads from its children: cyclictest's histogram and a JVM's GC log. */
class BenchParsersTest {

    @Test
    void givenCyclictestHistogramOutputWithOverflowsThenEveryWakeUpIsCountedAndTheMaxIsCyclictests() {
        String output = """
                # /dev/cpu_dma_latency set to 0us
                # Histogram
                000000 000000
                000062 000090
                000063 000008
                000099 000001
                # Total: 000000099
                # Min Latencies: 00062
                # Avg Latencies: 00063
                # Max Latencies: 01868
                # Histogram Overflows: 00001
                # Histogram Overflow at cycle number:
                # Thread 0: 00709
                """;

        Histogram h = CyclictestBench.parse(output);

        assertThat(h.getTotalCount()).isEqualTo(100);
        assertThat(h.getValueAtPercentile(50.0) / 1_000).isEqualTo(62);
        assertThat(h.getValueAtPercentile(98.0) / 1_000).isEqualTo(63);
        assertThat(h.getMaxValue() / 1_000).isEqualTo(1_868);
    }

    @Test
    void givenAG1LogThenCollectionsPausesAndTheLongestPauseFromAGivenUptimeAreRead() {
        String log = """
                [0.004s][info][gc] Using G1
                [0.512s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 14M->3M(32M) 3.104ms
                [0.900s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 20M->5M(32M) 7.250ms
                [0.901s][info][gc] GC(2) Concurrent Mark Cycle
                [0.950s][info][gc] GC(2) Pause Remark 6M->6M(32M) 1.010ms
                [0.960s][info][gc] GC(2) Pause Cleanup 6M->6M(32M) 0.020ms
                [0.970s][info][gc] GC(2) Concurrent Mark Cycle 69.001ms
                """;

        GcLog gc = GcLog.parse(log);

        assertThat(gc.collector()).isEqualTo("G1");
        assertThat(gc.collections()).isEqualTo(3);
        assertThat(gc.pauses()).hasSize(4);
        assertThat(gc.longestPauseMillis(0)).isEqualTo(7.25);
        assertThat(gc.pausesFrom(0.92)).as("pauses from 0.92 s of uptime on").isEqualTo(2);
        assertThat(gc.longestPauseMillis(0.92)).isEqualTo(1.01);
        assertThat(gc.longestPauseMillis(5.0)).as("none that late").isZero();
    }
}
