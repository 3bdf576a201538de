package com.needlepen.hal.pi4j.io;

import com.needlepen.hal.BrakeMonitor;
import com.pi4j.io.gpio.digital.DigitalInput;

/**
 * The brake relay's force-guided monitor contact on a GPIO input with the pull-up: the contact closes to ground
 * while the relay is released (the brake contact closed, shorting the winding). A broken monitor wire floats high
 * and reads "energised", which {@code BrakeSwitchCheck} faults on while the drive is disabled; a line that cannot be
 * read reads "energised" too.
 */
public final class GpioBrakeMonitor implements BrakeMonitor {

    private final DigitalInput monitor;

    public GpioBrakeMonitor(DigitalInput monitor) {
        this.monitor = monitor;
    }

    @Override
    public boolean brakeClosed() {
        return DigitalLines.activeLow(monitor);
    }
}
