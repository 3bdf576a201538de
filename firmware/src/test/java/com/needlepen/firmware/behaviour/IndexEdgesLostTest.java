package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.IndexEdgesLostCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.sim.SimFault;
import com.needlepen.hal.sim.SimHandle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H55, index edges lost by the platform (a Pi's line-event buffer overflowing while its reader is late): strokes
 * the rate estimate and the stroke count never see. The sensor's count of lost edges is F38
 * ({@link IndexEdgesLostCheck}) at the first one. Without it, five edges lost at 150 Hz (33 ms) let the regulator
 * drive the shaft 16 % past the set rate before the stall check stops it as a dead sensor, which it is not.
 */
@Tag("H55")
class IndexEdgesLostTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");

    @Test
    void givenEdgesLostWhileRunning_thenF38WithinAStroke_andTheNeedlesStopParked() {
        PenBench bench = PenBench.runningAt150Hz(SafetyChecks::standard);
        bench.sim.inject(SimFault.INDEX_EDGES_LOST);
        long at = bench.now();
        while (bench.controller.status().fault() == null && bench.now() - at < S) {
            bench.run(MS);
        }
        System.out.printf("H55 index edges lost at 150 Hz: %s after %d ms (%s)%n", bench.controller.status().fault(),
                (bench.now() - at) / MS, bench.controller.status().faultDetail());
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F38_INDEX_EDGES_LOST);
        // the first lost edge comes within a stroke (6.7 ms at 150 Hz), the check sees it on the tick after
        assertThat(bench.now() - at).isLessThanOrEqualTo(9 * MS);
        bench.run(2 * S);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.FAULT);
        CamAngle.assertTipsHiddenByTheCam(bench.sim, SIM);
    }

    @Test
    void givenEdgesLostWhileRunningWithoutTheCheck_thenTheShaftOverspeedsBeforeAnotherCheckStopsItNamingTheWrongCause() {
        PenBench bench = PenBench.runningAt150Hz(PenBench.without(IndexEdgesLostCheck.class));
        long strokesBefore = bench.controller.status().strokes();
        bench.sim.inject(SimFault.INDEX_EDGES_LOST);
        double peakHz = 0;
        for (int i = 0; i < 1000; i++) {
            bench.run(MS);
            peakHz = Math.max(peakHz, bench.sim.shaftRateHz());
        }
        long counted = bench.controller.status().strokes() - strokesBefore;
        System.out.printf("H55 without the check: %d strokes counted in the second after %d edges were lost (150 at"
                        + " 150 Hz), the shaft at most %.1f Hz, state %s fault %s%n", counted,
                SimHandle.INDEX_EDGES_LOST, peakHz, bench.controller.status().state(), bench.controller.status().fault());
        // the regulator, blind for the lost strokes, drives the shaft past the set rate by more than the 10 % the
        // overspeed checks allow; the stall check then stops it as a dead sensor, which it is not
        assertThat(peakHz).isGreaterThan(1.10 * 150);
        assertThat(bench.controller.status().fault()).isNotEqualTo(FaultCode.F38_INDEX_EDGES_LOST);
    }
}
