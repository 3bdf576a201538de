package com.needlepen.tools.bench;

import com.needlepen.config.CartridgeType;
import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimHandle;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.firmware.Pen;
import com.needlepen.hal.sim.SimBackend;
import com.needlepen.hal.sim.SimulatedPenFactory;
import com.needlepen.firmware.loop.SimulationRunner;
import java.util.Locale;

/**
 * A simulated pen with the real firmware, brought to RUNNING in virtual time (cartridge in, homed,
 * on skin, start pressed, the collar's zero check passed, spun up), then run on for a while so the
 * JIT has compiled the running tick before anything is measured.
 */
final class BenchPen {

    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    private static final long WARM_UP_NANOS = 10 * S;
    private static final long PRESS_NANOS = 20 * MS;

    final DeviceProfile profile;
    final CartridgeType cartridge;
    final SimPen pen;
    final SimHandle sim;
    final PenController controller;
    final SimulationRunner runner;
    final CountingSink sink = new CountingSink();

    private BenchPen(PenSupply supply, String cartridgeId, double depthMm, double rateHz) {
        this.profile = supply.profile();
        this.cartridge = supply.cartridge();
        this.pen = SimulatedPenFactory.create(profile, supply.cartridge().needles(), supply.seed());
        Pen rig = Pen.on(new SimBackend.Opened(pen), profile, a -> a.telemetry(sink).settings(depthMm, rateHz)
                .calibration(supply.calibration()).ledger(supply.ledger()), false);
        pen.handle().insertCartridge(new com.needlepen.hal.CartridgeInfo(cartridgeId, supply.cartridge().needles()));
        this.sim = pen.handle();
        this.controller = rig.controller();
        this.runner = rig.runner();
    }

    /** A pen in RUNNING at {@code rateHz}, warmed up; throws if the firmware does not get there. */
    static BenchPen running(PenSupply supply, String cartridgeId, double depthMm, double rateHz) {
        BenchPen b = new BenchPen(supply, cartridgeId, depthMm, rateHz);
        b.require(b.runner.runUntil(() -> b.controller.status().readyToStart(), 30 * S), "READY");
        b.sim.setSkinContact(true);
        b.click(PanelButton.START_STOP);
        b.require(b.runner.runUntil(() -> b.controller.status().state() == PenState.RUNNING, 10 * S), "RUNNING");
        b.require(b.runner.runUntil(() -> b.controller.status().spunUp(), 5 * S), "spin-up");
        b.runner.runFor(WARM_UP_NANOS);
        b.require(b.controller.status().state() == PenState.RUNNING, "RUNNING after the warm-up");
        return b;
    }

    /** Presses and releases a panel button in virtual time (held 20 ms, as a finger does). */
    void click(PanelButton button) {
        sim.press(button);
        runner.runFor(PRESS_NANOS);
        sim.release(button);
        runner.runFor(2 * MS);
    }

    private void require(boolean reached, String what) {
        if (!reached) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "the bench pen did not reach %s: state %s, fault %s %s, last refusal %s", what, controller.status().state(),
                    controller.status().fault(), controller.status().faultDetail(), controller.status().lastRefusal()));
        }
    }
}
