package com.needlepen.hal.backend;

import com.needlepen.config.DeviceProfile;
import com.needlepen.hal.HandpieceId;
import com.needlepen.hal.HandpieceMemory;

/**
 * One way of giving the firmware a pen's hardware: the simulated pen ({@code sim}) or a real one
 * (the Raspberry Pi backend, {@code pi4j}, to come). A profile names its backend with its
 * {@code backend:} key; {@link Backends} finds the implementation of that name among those on the
 * class path (a {@link java.util.ServiceLoader} provider), so adding a backend is adding a module
 * that provides this interface, not editing the commands.
 */
public interface PenBackend {

    /** The name a profile's {@code backend:} key gives, e.g. {@code sim}. */
    String name();

    /**
     * Opens the pen's hardware as the profile describes it, for the unit named by
     * {@code options}. Fails with a one-line {@link BackendException} saying what is missing and how
     * to fix it (a device node, a permission, a provider); never falls back to another backend.
     */
    OpenedPen open(DeviceProfile profile, BackendOptions options);

    /**
     * Reads the identity of the handpiece {@code options} names without keeping the pen open: the
     * unit's records (calibration, run hours, used cartridges) are found by it before the firmware
     * is assembled. By default the pen is opened, its identity EEPROM read, and the pen closed.
     *
     * @throws BackendException when the pen cannot be opened or its identity cannot be read
     */
    default HandpieceId identify(DeviceProfile profile, BackendOptions options) {
        try (OpenedPen pen = open(profile, options)) {
            return pen.hardware().handpiece().readId();
        } catch (HandpieceMemory.HandpieceIdException e) {
            throw new BackendException("handpiece identity unreadable: " + e.getMessage());
        }
    }
}
