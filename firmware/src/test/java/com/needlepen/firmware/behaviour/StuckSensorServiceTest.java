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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * H35's finding by the safety property: F26 for a dead current monitor could be acknowledged, and
 * the next runs started on the blind monitor (the stall, over-current and spring checks and
 * parking's stillness test all read it) until F26 came again; parking on it left the tips out. A
 * sensor that lies by not moving is a failed part: F26 now needs the pen powered off and serviced
 * ({@link FaultCode#needsService()}), as F13 does.
 */
class StuckSensorServiceTest {

    @Tag("H35")
    @ParameterizedTest(name = "at {0} Hz")
    @ValueSource(doubles = {50, 150})
    void givenF26ForADeadCurrentMonitor_whenAcknowledged_thenItStaysLatchedSayingThePenNeedsService(double rateHz) {
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, rateHz, 47, TelemetrySink.NONE,
                SafetyChecks::standard).insertCartridge().ready();
        bench.sim.setSkinContact(true);
        bench.click(PanelButton.START_STOP).running().spunUp();
        bench.sim.inject(SimFault.CURRENT_SENSE_DEAD);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F26_SENSOR_STUCK);
        bench.run(500 * MS);
        double turns = bench.sim.shaftTurns();

        bench.controller.submit(Request.acknowledge());
        bench.run(2 * S);
        bench.click(PanelButton.START_STOP);
        bench.run(2 * S);

        assertThat(bench.controller.status().state()).as("after an acknowledge and a start").isEqualTo(PenState.FAULT);
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F26_SENSOR_STUCK);
        assertThat(bench.controller.status().lastRefusal()).contains("F26 cannot be acknowledged")
                .contains("power the pen off and have it serviced");
        assertThat(bench.sim.shaftTurns() - turns).as("revolutions after the acknowledge").isLessThan(0.01);
    }
}
