package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * H42's finding by the safety property: a fault that distrusts the drive or the index brakes and
 * holds the cam where it stopped, without parking (F03 after a PWM stuck high, F11 after a dead index sensor, ...). A cam
 * the brake stopped within a few degrees of its top holds the tips out, at the set depth. Re-homing
 * after the acknowledge used to home only the collar, so READY stood on skin with the tips out (the
 * property saw 0.0204 mm past a set 0.5 mm: a cam at its top, the calibration's error at that depth
 * on top). Re-homing now parks the cam as power-on does: READY means the tips are hidden.
 */
class ReHomingParksTheCamTest {

    @Tag("H42")
    @ParameterizedTest(name = "{0} on skin at {1} mm")
    @CsvSource({"PWM_STUCK_HIGH, 0.5", "PWM_STUCK_HIGH, 1.0", "INDEX_SENSOR_DEAD, 0.5"})
    void givenACamLeftNearItsTopByAFaultThatDoesNotPark_whenAcknowledged_thenReadyHasTheTipsHidden(SimFault fault,
            double depthMm) {
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", depthMm, 100, 61, TelemetrySink.NONE,
                SafetyChecks::standard).insertCartridge().ready();
        bench.sim.setSkinContact(true);
        bench.click(PanelButton.START_STOP).running().spunUp();
        bench.sim.inject(fault);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S)).isTrue();
        FaultCode code = bench.controller.status().fault();
        assertThat(code.parkable()).as("%s leaves the cam where its brake stopped it", code).isFalse();
        bench.run(500 * MS);
        // where the brake can stop a cam: a few degrees past its top, held by brush friction with the tips out
        bench.sim.placeCamAt(Math.PI + 0.01);
        bench.run(10 * MS);
        assertThat(bench.sim.shaftAtRest()).isTrue();
        assertThat(bench.sim.tipProtrusionMm()).as("the tips out in FAULT").isGreaterThan(depthMm - 0.05);
        bench.sim.clear(fault);
        bench.controller.submit(Request.acknowledge());
        assertThat(bench.runner.runUntil(() -> bench.controller.status().readyToStart(), 10 * S)).isTrue();
        System.out.printf("H42: %s at %.1f mm on skin, cam at its top, acknowledged: READY with the cam %.1f° from its"
                + " bottom, tips %.3f mm%n", code, depthMm, bench.sim.camAngleDeg(), bench.sim.tipProtrusionMm());
        CamAngle.assertTipsHiddenByTheCam(bench.sim, bench.profile);
        bench.run(S);
        assertThat(bench.controller.status().state()).as("no fault from the park").isEqualTo(PenState.READY);
    }
}
