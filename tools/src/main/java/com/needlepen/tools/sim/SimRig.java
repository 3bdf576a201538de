package com.needlepen.tools.sim;

import com.needlepen.firmware.loop.SimulationRunner;
import com.needlepen.config.CartridgeType;
import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.Pen;
import com.needlepen.firmware.PenController;
import com.needlepen.hal.sim.SimBackend;
import com.needlepen.firmware.session.CartridgeLedger;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.hal.sim.SimulatedPenFactory;

/**
 * A simulated pen with its firmware and the runner that steps them: the unit is the profile's
 * device (same imperfections every time), the seed draws the run's noise.
 */
public record SimRig(SimPen pen, PenController controller, SimulationRunner runner) {

    public static SimRig create(DeviceProfile profile, CartridgeType cartridge, long seed, TelemetrySink telemetry,
                                double depthMm, double rateHz, DepthCalibration calibration, CartridgeLedger ledger,
                                boolean realTime) {
        return of(SimulatedPenFactory.create(profile, cartridge.needles(), seed), profile, telemetry, depthMm, rateHz,
                calibration, ledger, realTime);
    }

    /** The firmware and runner for an already built simulated pen (one whose unit was changed, say). */
    public static SimRig of(SimPen pen, DeviceProfile profile, TelemetrySink telemetry, double depthMm, double rateHz,
                            DepthCalibration calibration, CartridgeLedger ledger, boolean realTime) {
        Pen assembled = Pen.on(new SimBackend.Opened(pen), profile, a -> a.telemetry(telemetry).settings(depthMm, rateHz)
                .calibration(calibration).ledger(ledger), realTime);
        return new SimRig(pen, assembled.controller(), assembled.runner());
    }

    /** Puts a cartridge of {@code type} in, with an id from the seed. */
    public SimRig withCartridge(CartridgeType type, long seed) {
        pen.handle().insertCartridge(new CartridgeInfo(String.format("CART-%08X", seed & 0xFFFFFFFFL), type.needles()));
        return this;
    }
}
