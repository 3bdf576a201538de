package com.needlepen.tools;

import com.needlepen.config.*;
import java.util.List;

/** Temporary: the sim profile built in code until the loader lands. */
public final class TestProfiles {
    public static DeviceProfile sim() {
        return new DeviceProfile("sim", "code", "sim",
                new SupplySpec(11.4, 12.0, 12.6),
                new MotorSpec(0.010, 2.5, 100, 2.5e-7, 0.0003, 1e-7, 0.9, 1.5, 50),
                new CamSpec(3.0, 0.002, 3.0, 0.8, 1.5),
                new CollarSpec(3200, 3.6, HomeSide.SHALLOW, -0.6, 2.5, 0.5, 2.0, 20.0),
                new DepthSpec(0, 2.5, 0.05, 1.5, false),
                new RateSpec(50, 150, 5),
                new SkinSpec(0.15, 0.3),
                List.of(new CartridgeType("12-pin", 12, 150, 2.5), new CartridgeType("36-pin", 36, 150, 1.5)),
                List.of(new Preset("cheeks", 1.0, 100)),
                new LoopSpec(1000),
                new TelemetrySpec(10, null, "np-sim-0001", "needlepen"));
    }
}
