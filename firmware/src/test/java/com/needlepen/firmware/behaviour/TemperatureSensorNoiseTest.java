package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The handpiece temperature as a TMP117-class sensor reads it (steps, noise, a result every 125 ms, the unit's
 * offset): the firmware's estimate of the nose, which adds the lag times the reading's rise over 2 s, picks up
 * no more than a few hundredths of a kelvin from the noise at rest, and a run at a steady low heat raises no
 * stuck-sensor fault (F26) from a live sensor that repeats its code.
 */
class TemperatureSensorNoiseTest {

    @Tag("H35")
    @Tag("H47")
    @Test
    void givenAPenSoakedInA40CRoom_whenItRestsAMinuteAndRunsTwoAt50HzInAir_thenTheNoiseRaisesNoFaultAndBarelyMovesTheEstimate() {
        AtomicReference<StrokeDrive> drive = new AtomicReference<>();
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 0.5, 50, 21, TelemetrySink.NONE, in -> {
            drive.set(in.drive());
            return SafetyChecks.standard(in);
        });
        bench.sim.soakAt(40.0);
        bench.insertCartridge().ready();
        double hand = bench.profile.thermal().handOffsetK();
        double most = 0.0;
        for (int ms = 0; ms < 60_000; ms++) {
            bench.run(MS);
            most = Math.max(most, drive.get().nose().compensationK() - hand);
        }
        System.out.printf(Locale.ROOT, "H47: at rest in a 40 °C room for 60 s the sensor's noise added at most %.3f K to"
                + " the nose estimate (sensor offset %.3f °C)%n", most, bench.sim.thermometerOffsetCelsius());
        assertThat(most).as("K the noise adds at rest").isLessThan(0.1);
        bench.click(PanelButton.START_STOP).running();
        bench.run(120 * S);
        assertThat(bench.controller.status().state()).as("%s %s", bench.controller.status().fault(),
                bench.controller.status().faultDetail()).isEqualTo(PenState.RUNNING);
    }
}
