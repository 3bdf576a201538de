package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.drive.WindingProbe;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H33's warm reference: a pen switched on again straight after a long run takes its winding's reference
 * resistance with the winding still hot, at the thermistor's temperature, and then reads the winding low by
 * what it was above the thermistor. Once the winding has cooled at rest it measures far below the handpiece
 * around it, which a winding at rest is not: {@link WindingProbe} raises the reference by that much, and the
 * measurements after it are true again. What stays residual: the runs before that, read low.
 */
class WarmReferenceTest {

    @Tag("H33")
    @Test
    void givenAPenSwitchedOnAgainWithItsWindingHot_whenItHasCooledAtRest_thenTheNextStartCorrectsTheWarmReference() {
        AtomicReference<StrokeDrive> drive = new AtomicReference<>();
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, 5, TelemetrySink.NONE, in -> {
            drive.set(in.drive());
            return SafetyChecks.standard(in);
        });
        bench.sim.setWindingCelsius(95.0);
        bench.insertCartridge().ready();
        bench.click(PanelButton.START_STOP).running();
        WindingProbe probe = drive.get().windingProbe();
        double firstTrue = bench.sim.windingCelsius();
        double first = probe.lastCelsius();
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, 2 * S)).isTrue();
        bench.run(120 * S);
        bench.click(PanelButton.START_STOP).running();
        System.out.printf(Locale.ROOT, "H33 warm reference: first start measured %.1f °C with the winding truly at %.1f °C;"
                + " after 2 min at rest measured %.1f °C, truly %.1f °C (thermistor %.1f °C), the reference raised %d time(s)%n",
                first, firstTrue, probe.lastCelsius(), bench.sim.windingCelsius(),
                bench.pen.hardware().sensors().handpieceCelsius(), probe.warmReferences());
        assertThat(firstTrue - first).as("the first start reads the warm winding low (the residual)").isGreaterThan(30.0);
        assertThat(probe.warmReferences()).isEqualTo(1);
        assertThat(probe.lastCelsius()).as("measured against the true winding once corrected")
                .isCloseTo(bench.sim.windingCelsius(), org.assertj.core.data.Offset.offset(10.0));
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
    }
}
