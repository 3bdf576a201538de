package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H18 in FAULT (found by the safety property on a wider draw, seed 7): a shorted driver stage that
 * a check names as something else (its runaway read as extra index edges, F31) was braked and held
 * with the drive powered, and the shorted stage stroked on in FAULT. Whatever the fault, a shaft
 * that keeps turning after FAULT's settling time now has the drive distrusted: the enable timer is
 * no longer fed and opens the motor supply.
 */
class TurningInFaultTest {

    @Tag("H18")
    @Test
    void givenAFaultThatKeepsTheDrivePowered_whenTheDriverShortsInFault_thenTheEnableTimerCutsTheSupplyAndTheShaftStops() {
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, 71, TelemetrySink.NONE,
                SafetyChecks::standard).insertCartridge().ready();
        bench.click(PanelButton.START_STOP).running().spunUp();
        // an open thermistor: F19, which brakes and holds with the drive powered (neither drive-suspect nor parkable)
        bench.sim.inject(SimFault.THERMISTOR_OPEN);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S)).isTrue();
        FaultCode code = bench.controller.status().fault();
        assertThat(code.driveSuspect()).isFalse();
        assertThat(code.parkable()).isFalse();
        bench.run(500 * MS);
        assertThat(bench.sim.shaftAtRest()).isTrue();

        long shorted = bench.now();
        bench.sim.inject(SimFault.DRIVER_SHORTED);
        bench.run(50 * MS);
        assertThat(bench.sim.shaftAtRest()).as("the shorted stage turns the shaft").isFalse();
        assertThat(bench.runner.runUntil(() -> !bench.sim.motorPowerAllowed(), S)).as("the enable timer opens").isTrue();
        long cutMs = (bench.now() - shorted) / MS;
        assertThat(bench.runner.runUntil(bench.sim::shaftAtRest, S)).isTrue();
        long restMs = (bench.now() - shorted) / MS;
        double turns = bench.sim.shaftTurns();
        bench.run(2 * S);
        System.out.printf("H18 in FAULT (%s): supply cut %d ms after the short, at rest after %d ms%n", code, cutMs,
                restMs);
        assertThat(restMs).as("ms from the short to the shaft at rest").isLessThanOrEqualTo(300);
        assertThat(bench.sim.shaftTurns() - turns).as("turns after it stopped").isLessThan(0.5);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.FAULT);
    }
}
