package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.PanelButton;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A cartridge's needle count sets the depth and rate it allows (H25 in docs/safety.md): on the
 * compact profile a 36-pin cartridge allows 1.0 mm and 110 Hz. A start or a change beyond them is
 * refused whole, naming the cartridge; a cartridge the profile does not know, or one that does
 * not tell its needle count, is refused; the motor never turns.
 */
@Tag("H25")
class CartridgeLimitsTest {

    static PenBench compact(double depthMm, double rateHz, CartridgeInfo cartridge, long seed) {
        PenBench bench = new PenBench(ProfileLoader.bundled("compact"), "12-pin", depthMm, rateHz, seed,
                TelemetrySink.NONE);
        bench.sim.insertCartridge(cartridge);
        return bench.ready();
    }

    static void assertRefusedAtStart(PenBench bench, String reason) {
        long excursions = bench.sim.trueExcursions();
        bench.click(PanelButton.START_STOP).run(100 * MS);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.READY);
        assertThat(bench.controller.status().lastRefusal()).isEqualTo(reason);
        assertThat(bench.sim.trueExcursions()).isEqualTo(excursions);
    }

    @Test
    void givenA36PinCartridgeWhenTheSetDepthIsDeeperThanItAllowsThenTheStartIsRefusedNamingIt() {
        assertRefusedAtStart(compact(1.5, 100, new CartridgeInfo("C36-1", 36), 1),
                "depth 1.5 mm is above the 1.00 mm allowed for cartridge 36-pin");
    }

    @Test
    void givenA36PinCartridgeWhenTheSetRateIsFasterThanItAllowsThenTheStartIsRefusedNamingIt() {
        assertRefusedAtStart(compact(1.0, 120, new CartridgeInfo("C36-2", 36), 2),
                "rate 120 Hz is above the 110 Hz allowed for cartridge 36-pin");
    }

    @Test
    void givenA36PinCartridgeRunningWhenAFasterRateIsAskedThenItIsRefusedAndTheRunGoesOnUnchanged() {
        PenBench bench = compact(1.0, 110, new CartridgeInfo("C36-3", 36), 3);
        bench.click(PanelButton.START_STOP).running();
        bench.controller.submit(Request.rate(115));
        bench.run(5 * MS);
        assertThat(bench.controller.status().lastRefusal()).isEqualTo("rate 115 Hz is above the 110 Hz allowed for cartridge 36-pin");
        assertThat(bench.controller.status().rateHz()).isEqualTo(110);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
    }

    @Test
    void givenACartridgeTheProfileDoesNotKnowOrOneWithoutItsNeedleCountThenTheStartIsRefused() {
        assertRefusedAtStart(compact(1.0, 100, new CartridgeInfo("C48", 48), 4),
                "cartridge with 48 needles is not a type this profile knows");
        assertRefusedAtStart(compact(1.0, 100, new CartridgeInfo("C00", 0), 5),
                "this cartridge does not tell its needle count, so the depth and rate it allows cannot be checked");
    }
}
