package com.needlepen.hal.pi4j.io;

import com.needlepen.hal.Panel;
import com.needlepen.hal.PanelButton;
import com.pi4j.io.gpio.digital.DigitalInput;
import java.util.function.Predicate;

/**
 * The practitioner's inputs: start/stop and the footswitch on GPIO lines of their own, read as they are on every
 * call (a gpiod line read, microseconds), so a stop never waits on a bus; the other buttons from the MCP23017
 * expander's latest poll. Levels only: the firmware debounces ({@code PanelInputs}: a level must hold 5 ms). A line
 * that cannot be read reads released, so a failed footswitch line stops a hold-to-run and never starts one.
 */
public final class GpioPanel implements Panel {

    private final DigitalInput startStop;
    private final DigitalInput footswitch;
    private final Predicate<PanelButton> expander;

    /** @param expander whether the expander says a button is held (its latest poll; false when it is not healthy) */
    public GpioPanel(DigitalInput startStop, DigitalInput footswitch, Predicate<PanelButton> expander) {
        this.startStop = startStop;
        this.footswitch = footswitch;
        this.expander = expander;
    }

    @Override
    public boolean isPressed(PanelButton button) {
        return switch (button) {
            case START_STOP -> DigitalLines.activeLow(startStop);
            case FOOTSWITCH -> DigitalLines.activeLow(footswitch);
            default -> expander.test(button);
        };
    }
}
