package com.needlepen.hal.sim;

import com.needlepen.config.DeviceProfile;
import com.needlepen.hal.HandpieceId;
import com.needlepen.hal.PenHardware;
import com.needlepen.hal.backend.BackendOptions;
import com.needlepen.hal.backend.OpenedPen;
import com.needlepen.hal.backend.PenBackend;

/** The simulated pen as a backend: {@code backend: sim}. */
public final class SimBackend implements PenBackend {

    public static final String NAME = "sim";

    /**
     * A simulated pen, open; its physics is advanced by the loop that runs it ({@link #pen()}).
     *
     * @param hardware what the firmware drives: the pen's own, or (in tests) the pen's wrapped
     */
    public record Opened(SimPen pen, PenHardware hardware) implements OpenedPen {

        public Opened(SimPen pen) {
            this(pen, pen.hardware());
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
        return new Opened(new SimPen(p, options.utcEpochMillis(), identify(profile, options)));
    }

    /** The simulated unit's handpiece id, without building its pen. */
    @Override
    public HandpieceId identify(DeviceProfile profile, BackendOptions options) {
        return SimulatedPenFactory.handpieceIdOf(options.unitSerial());
    }
}
