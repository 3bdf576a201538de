package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.hal.BuzzerPattern;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The handpiece's warning temperature (H09 in docs/safety.md): at 39 °C the allowed rate drops to
 * the profile's 100 Hz and a faster set rate comes down to it, announced and recorded, never
 * silently; at 41 °C the needles stop (F06). Both judge the firmware's estimate of the applied part
 * (the thermistor's reading, its lag and the gradient from the nose: H47). In virtual time, with 20 W of
 * extra heat from outside the drive injected into the grip, where the thermistor sits.
 */
@Tag("H09")
class TemperatureWarningTest {

    @Test
    void givenAHandpieceWarmingWhileRunningAt150HzThenAt39TheRateComesDownAnnouncedAndAt41TheNeedlesStop() {
        FaultInjectionTest.EventSink sink = new FaultInjectionTest.EventSink();
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 150, 31, sink).insertCartridge()
                .ready();
        bench.sim.setSkinContact(true);
        bench.click(PanelButton.START_STOP).running().spunUp();
        long injected = bench.now();
        bench.sim.inject(SimFault.OVERHEATING);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().rateHz() < 150, 60 * S)).isTrue();
        long warnedAfterMs = (bench.now() - injected) / 1_000_000;
        double atWarning = sink.events.stream().filter(e -> e.type().equals("temperature.warning"))
                .mapToDouble(e -> (Double) e.fields().get("celsius")).findFirst().orElseThrow();
        assertThat(atWarning).as("the applied part's estimate at the warning").isBetween(39.0, 39.1);
        // the heat comes in at the grip: the thermistor there reads it 5 s late, the estimate does not
        assertThat(bench.sim.gripCelsius()).as("the true grip at the warning").isLessThanOrEqualTo(atWarning);
        assertThat(bench.sim.handpieceCelsius()).as("the true nose at the warning").isLessThanOrEqualTo(atWarning);
        assertThat(bench.pen.hardware().sensors().handpieceCelsius()).as("the thermistor, late").isLessThan(atWarning - 2.0);
        assertThat(bench.controller.status().rateHz()).isEqualTo(100);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(bench.sim.buzzer()).isEqualTo(BuzzerPattern.WARNING);
        assertThat(bench.sim.displayLine(3)).isEqualTo("WARM: max 100 Hz");
        assertThat(sink.events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("temperature.warning");
            assertThat(e.fields()).containsEntry("fromHz", 150.0).containsEntry("toHz", 100.0);
        });
        assertThat(bench.controller.sessions().current().changes()).anySatisfy(c -> {
            assertThat(c.from()).isEqualTo(150.0);
            assertThat(c.to()).isEqualTo(100.0);
        });
        bench.controller.submit(Request.rate(120));
        bench.run(2 * MS);
        assertThat(bench.controller.status().rateHz()).isEqualTo(100);
        assertThat(bench.controller.status().lastRefusal()).startsWith("rate 120 Hz is above the 100 Hz allowed while the"
                + " handpiece is warm");
        // 20 W into the grip warms it about 1 K/s: the cut-off follows within seconds, the drive already slowing
        bench.run(300 * MS);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(bench.controller.status().measuredRateHz()).as("the drive follows the lowered rate").isLessThan(140.0);

        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 60 * S)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F06_OVERTEMPERATURE);
        System.out.printf("H09: 20 W extra heat at 150 Hz: warning (%.2f °C) after %d ms, rate 150 -> 100 Hz;"
                + " cut-off after %d ms%n", atWarning, warnedAfterMs, (bench.now() - injected) / 1_000_000);
    }

    @Test
    void givenAWarmHandpieceThatCoolsThenTheLimitLiftsButTheRateIsNotRaisedByItself() {
        FaultInjectionTest.EventSink sink = new FaultInjectionTest.EventSink();
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 150, 32, sink).insertCartridge()
                .ready();
        bench.sim.inject(SimFault.OVERHEATING); // heat with the needles still, from outside the drive
        // switched off the tick the estimate reaches the warning: the grip holds its heat, the thermistor catches up
        // with it, and the estimate stays between the warning and the cut-off
        assertThat(bench.runner.runUntil(() -> bench.controller.status().rateHz() < 150, 60 * S)).isTrue();
        bench.sim.clear(SimFault.OVERHEATING);
        bench.run(30 * S);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.READY);
        assertThat(bench.runner.runUntil(() -> sink.events.stream().anyMatch(e -> e.type().equals("temperature.normal")),
                900 * S)).as("cooled below 38 °C").isTrue();
        assertThat(bench.controller.status().rateHz()).isEqualTo(100);
        bench.controller.submit(Request.rate(150));
        bench.run(2 * MS);
        assertThat(bench.controller.status().rateHz()).as("%s %s %s %.2f", bench.controller.status().lastRefusal(), bench.controller.status().fault(),
                bench.controller.status().faultDetail(), bench.sim.handpieceCelsius()).isEqualTo(150);
    }
}
