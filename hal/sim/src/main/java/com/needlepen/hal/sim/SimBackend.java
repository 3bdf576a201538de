package com.needlepen.hal.sim;

import com.needlepen.config.DeviceProfile;
import com.needlepen.hal.PenHardware;
import com.needlepen.hal.backend.BackendOptions;
import com.needlepen.hal.backend.OpenedPen;
import com.needlepen.hal.backend.PenBackend;

/** The simulated pen as a backend: {@code backend: sim}. */
public final class SimBackend implements PenBackend {

    public static final String NAME = "sim";

    /** A simulated pen, open; its physics is advanced by the loop that runs it ({@link #pen()}). */
    public record Opened(SimPen pen) implements OpenedPen {

        @Override
        public PenHardware hardware() {
            return pen.hardware();
        }

        @Override
        public void advancePlantTo(long nowNanos) {
            pen.advanceTo(nowNanos);
        }

        @Override
        public boolean virtualTimeAllowed() {
            return true;
        }

        @Override
        public String backend() {
            return NAME;
        }

        @Override
        public void close() {
            // nothing held outside the JVM
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Opened open(DeviceProfile profile, BackendOptions options) {
        SimParameters p = SimulatedPenFactory.parameters(profile, options.needleCount(), options.unitSerial(),
                options.seed());
        return new Opened(new SimPen(p, options.utcEpochMillis()));
    }
}
