package com.needlepen.hal.pi4j.io;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;

/**
 * Opens the pen's digital lines on a Pi4J {@link Context}: inputs with the SoC's pull-up and no Pi4J debounce (Pi4J's
 * default 10 ms debounce would hold back the index and every edge a 150 Hz pen makes; the firmware debounces the
 * panel itself, in its own time: {@code PanelInputs}), outputs started and shut down in their safe state. The
 * context decides the provider (gpiod on a Pi, Pi4J's mock provider in tests); a line that cannot be opened fails
 * here, at start, with Pi4J's reason.
 */
public final class DigitalLines {

    private final Context context;

    public DigitalLines(Context context) {
        this.context = context;
    }

    /** An active-low input with the pull-up (a switch or button to ground). */
    public DigitalInput inputPulledUp(String id, int bcm) {
        return context.create(DigitalInput.newConfigBuilder(context).id(id).name(id).address(bcm)
                .pull(PullResistance.PULL_UP).debounce(0L).build());
    }

    /**
     * An output that starts at {@code safe} and is put back to {@code safe} when the context shuts down (a clean
     * exit, a signal); the board's pull resistor holds the same state before the program drives the line and
     * after it dies.
     */
    public DigitalOutput output(String id, int bcm, DigitalState safe) {
        return context.create(DigitalOutput.newConfigBuilder(context).id(id).name(id).address(bcm)
                .initial(safe).shutdown(safe).build());
    }

    /** Whether an active-low input reads active; a read that fails reads inactive (released, absent). */
    public static boolean activeLow(DigitalInput in) {
        try {
            return in.state() == DigitalState.LOW;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
