package com.needlepen.firmware;

import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.loop.SimulationRunner;
import com.needlepen.hal.backend.BackendException;
import com.needlepen.hal.backend.BackendOptions;
import com.needlepen.hal.backend.OpenedPen;
import com.needlepen.hal.backend.PenBackend;
import java.util.function.UnaryOperator;

/**
 * A pen, running: the hardware its profile's backend opened, the firmware {@link PenAssembly}
 * built on it, and the runner that ticks the loop on the calling thread, with the plant's physics
 * as one phase of each period when the pen is simulated. Real hardware runs in real time only;
 * a simulated pen may also run in virtual time (as fast as the machine allows). Every command
 * that drives a pen opens one this way, whichever backend the profile names.
 */
public final class Pen implements AutoCloseable {

    private final OpenedPen opened;
    private final PenController controller;
    private final SimulationRunner runner;

    private Pen(OpenedPen opened, PenController controller, SimulationRunner runner) {
        this.opened = opened;
        this.controller = controller;
        this.runner = runner;
    }

    /**
     * Opens {@code backend}'s hardware for {@code profile}, assembles the firmware on it (the
     * calibration, ledger, telemetry and settings {@code assembly} gives), and makes its runner: in
     * virtual time when the opened pen allows it (the simulated pen: a technician's command need not
     * wait for the wall clock), in real time otherwise.
     *
     * @throws BackendException when the hardware cannot be opened
     */
    public static Pen openAsFastAsAllowed(DeviceProfile profile, PenBackend backend, BackendOptions options,
                                          UnaryOperator<PenAssembly> assembly) {
        OpenedPen opened = backend.open(profile, options);
        try {
            return on(opened, profile, assembly, !opened.virtualTimeAllowed());
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** The firmware and its runner on hardware already opened (a simulated pen a test changed, say). */
    public static Pen on(OpenedPen opened, DeviceProfile profile, UnaryOperator<PenAssembly> assembly,
                         boolean realTime) {
        PenController controller = assembly.apply(PenAssembly.of(profile, opened.hardware())).build();
        SimulationRunner runner = new SimulationRunner(opened::advancePlantTo, opened.hardware().clock(), controller,
                profile.loop(), realTime);
        return new Pen(opened, controller, runner);
    }

    public OpenedPen opened() {
        return opened;
    }

    public PenController controller() {
        return controller;
    }

    public SimulationRunner runner() {
        return runner;
    }

    /** Gives the hardware back (the firmware's shutdown left its outputs safe). */
    @Override
    public void close() {
        opened.close();
    }
}
