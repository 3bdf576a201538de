package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.IndexLateCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.sim.SimFault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H58, index edges handed over late by the platform. The firmware measures the time since the last index edge only
 * up to the instant the platform vouches for ({@code IndexSensor.edgesCompleteThroughNanos}), so a reader that stops
 * handing edges over would freeze the stall check and the rate bound: a jammed cam would go unseen for as long as
 * the reader is late. {@link IndexLateCheck} faults (F39) once the instant lags the clock by more than 10 ms.
 */
@Tag("H58")
class IndexLateTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");

    private static long millisToFault(PenBench bench, long limitNanos) {
        long at = bench.now();
        while (bench.controller.status().fault() == null && bench.now() - at < limitNanos) {
            bench.run(MS);
        }
        return (bench.now() - at) / MS;
    }

    @Test
    void givenASoundPlatform_thenItsEdgesAreNeverLateEnoughToFault_andTheRunHolds() {
        PenBench bench = PenBench.runningAt150Hz(SafetyChecks::standard);
        bench.run(10 * S);
        assertThat(bench.controller.status().fault()).isNull();
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
    }

    @Test
    void givenTheReaderStalledWhileRunning_thenF39WithinMillisecondsOfTheBound_andTheNeedlesStopParked() {
        PenBench bench = PenBench.runningAt150Hz(SafetyChecks::standard);
        bench.sim.inject(SimFault.INDEX_READER_STALLED);
        long ms = millisToFault(bench, S);
        System.out.printf("H58 index reader stalled at 150 Hz: %s after %d ms (%s)%n", bench.controller.status().fault(),
                ms, bench.controller.status().faultDetail());
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F39_INDEX_EDGES_LATE);
        // the bound is 10 ms of lag; the last instant vouched for before the stall was at most one reader pass old
        assertThat(ms).isLessThanOrEqualTo(IndexLateCheck.LATE_BOUND_MILLIS + 5);
        bench.run(2 * S);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.FAULT);
        CamAngle.assertTipsHiddenByTheCam(bench.sim, SIM);
    }

    @Test
    void givenTheReaderStalledAsTheCamJamsWithoutTheCheck_thenTheJamIsSeenOnlyByALaterLine() {
        PenBench with = PenBench.runningAt150Hz(SafetyChecks::standard);
        with.sim.inject(SimFault.INDEX_READER_STALLED);
        with.sim.inject(SimFault.CAM_JAMMED);
        long withMs = millisToFault(with, S);
        PenBench without = PenBench.runningAt150Hz(PenBench.without(IndexLateCheck.class));
        without.sim.inject(SimFault.INDEX_READER_STALLED);
        without.sim.inject(SimFault.CAM_JAMMED);
        long withoutMs = millisToFault(without, S);
        System.out.printf("H58 cam jammed while the index reader stalls: %s after %d ms; without the check %s after %d ms"
                        + " (%s)%n", with.controller.status().fault(), withMs, without.controller.status().fault(),
                withoutMs, without.controller.status().faultDetail());
        assertThat(with.controller.status().fault()).isEqualTo(FaultCode.F39_INDEX_EDGES_LATE);
        assertThat(withMs).isLessThanOrEqualTo(IndexLateCheck.LATE_BOUND_MILLIS + 5);
        // blind to the index, the stall check cannot see the jam; only a later line that does not need the index does
        // (102 ms measured), and names another cause
        assertThat(without.controller.status().fault()).isNotEqualTo(FaultCode.F39_INDEX_EDGES_LATE);
        assertThat(withoutMs).isGreaterThan(5 * withMs);
    }
}
