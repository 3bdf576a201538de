package com.needlepen.tools;

import com.needlepen.config.DeviceProfile;
import com.needlepen.hal.backend.BackendOptions;
import com.needlepen.hal.backend.OpenedPen;
import com.needlepen.hal.backend.PenBackend;
import com.needlepen.hal.pi4j.Pi4jPen;
import com.needlepen.hal.pi4j.rig.SimPiPlatform;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.hal.sim.SimulatedPenFactory;

/**
 * The backend {@code pi4j} as a test rig has it: the Raspberry Pi's drivers (the production {@code Pi4jPen}) on a Pi
 * of Pi4J's mock provider and register models, over a simulated handpiece ({@code SimPiPlatform}). Not installed: a
 * test hands it to the command it runs in its own JVM. The last pen opened is the test's, to press its panel.
 */
final class PiRigBackend implements PenBackend {

    private volatile SimPen last;

    @Override
    public String name() {
        return "pi4j";
    }

    @Override
    public OpenedPen open(DeviceProfile profile, BackendOptions options) {
        SimPen pen = SimulatedPenFactory.create(profile, options.needleCount(), options.unitSerial(), options.seed());
        last = pen;
        return Pi4jPen.open(profile, new SimPiPlatform(pen, profile));
    }

    /** The simulated handpiece under the pen opened last (null before one is). */
    SimPen lastPen() {
        return last;
    }
}
