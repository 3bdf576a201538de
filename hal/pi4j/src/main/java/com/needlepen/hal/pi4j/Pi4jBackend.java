package com.needlepen.hal.pi4j;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.HardwareSpec;
import com.needlepen.hal.backend.BackendException;
import com.needlepen.hal.backend.BackendOptions;
import com.needlepen.hal.backend.OpenedPen;
import com.needlepen.hal.backend.PenBackend;
import java.nio.file.Path;

/**
 * The backend {@code pi4j}: the pen on a Raspberry Pi 4 or 5, wired as the profile's {@code hardware} section says
 * (docs/wiring.md). Opening checks first what the Pi must offer ({@link Preflight}: the board, the device nodes and
 * this user's right to them) and refuses in one line naming the first thing missing and its fix; it never falls back
 * to the simulator or to Pi4J's mock providers.
 */
public final class Pi4jBackend implements PenBackend {

    public static final String NAME = "pi4j";
    private final Path root;

    /** The backend on this machine's files (the ServiceLoader's). */
    public Pi4jBackend() {
        this(Path.of("/"));
    }

    Pi4jBackend(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OpenedPen open(DeviceProfile profile, BackendOptions options) {
        HardwareSpec hw = profile.hardware();
        if (hw == null) {
            throw new BackendException("profile " + profile.name() + " has no 'hardware' section: the pi4j backend needs"
                    + " the Pi's wiring (docs/wiring.md)");
        }
        String problem = new Preflight(root).firstProblem(hw);
        if (problem != null) {
            throw new BackendException("the pi4j backend cannot start: " + problem);
        }
        return Pi4jPen.open(profile, new LinuxPlatform());
    }
}
