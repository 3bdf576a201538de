package com.needlepen.tools;

import com.needlepen.config.DeviceProfile;
import com.needlepen.hal.PenHardware;
import com.needlepen.hal.backend.BackendOptions;
import com.needlepen.hal.backend.OpenedPen;
import com.needlepen.hal.backend.PenBackend;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.hal.sim.SimulatedPenFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend the commands do not know by name, as the Raspberry Pi's will be: a hardware-in-the-loop
 * rig whose pen is the simulated one, but which, like hardware, runs in real time only. Found by the
 * {@link java.util.ServiceLoader} from this module's test class path ({@code backend: test-rig}).
 */
public final class RealTimeRigBackend implements PenBackend {

    public static final String NAME = "test-rig";
    static final AtomicInteger OPENED = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();
    /** Virtual time the rig's physics was advanced through, and the wall time that took, in the last pen opened. */
    static volatile long plantNanos;
    static volatile long wallNanos;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OpenedPen open(DeviceProfile profile, BackendOptions options) {
        SimPen pen = new SimPen(SimulatedPenFactory.parameters(profile, options.needleCount(), options.unitSerial(),
                options.seed()), options.utcEpochMillis(), SimulatedPenFactory.handpieceIdOf(options.unitSerial()));
        // the rig's operator keeps a cartridge in the handpiece, as a technician does to calibrate
        pen.handle().insertCartridge(new com.needlepen.hal.CartridgeInfo("CART-RIG-" + OPENED.incrementAndGet(),
                options.needleCount()));
        long wallStart = System.nanoTime();
        long plantStart = pen.clock().nanoTime();
        return new OpenedPen() {
            @Override
            public PenHardware hardware() {
                return pen.hardware();
            }

            @Override
            public void advancePlantTo(long nowNanos) {
                pen.advanceTo(nowNanos);
                plantNanos = nowNanos - plantStart;
                wallNanos = System.nanoTime() - wallStart;
            }

            @Override
            public String backend() {
                return NAME;
            }

            @Override
            public void close() {
                CLOSED.incrementAndGet();
            }
        };
    }
}
