package com.needlepen.firmware.panel;

import com.needlepen.hal.Panel;
import com.needlepen.hal.PanelButton;

/**
 * Debounces the panel's levels and reports presses and releases. A level must hold for
 * {@link #DEBOUNCE_NANOS} before it counts, so contact bounce never starts the needles twice.
 * Allocates nothing.
 */
public final class PanelInputs {

    public static final long DEBOUNCE_NANOS = 5_000_000L;
    private static final PanelButton[] BUTTONS = PanelButton.values();

    private final Panel panel;
    private final boolean[] stable = new boolean[BUTTONS.length];
    private final boolean[] raw = new boolean[BUTTONS.length];
    private final long[] rawSince = new long[BUTTONS.length];
    private final boolean[] pressed = new boolean[BUTTONS.length];
    private final boolean[] released = new boolean[BUTTONS.length];

    public PanelInputs(Panel panel) {
        this.panel = panel;
    }

    public void sample(long nowNanos) {
        for (int i = 0; i < BUTTONS.length; i++) {
            pressed[i] = false;
            released[i] = false;
            boolean level = panel.isPressed(BUTTONS[i]);
            if (level != raw[i]) {
                raw[i] = level;
                rawSince[i] = nowNanos;
            }
            if (raw[i] != stable[i] && nowNanos - rawSince[i] >= DEBOUNCE_NANOS) {
                stable[i] = raw[i];
                pressed[i] = stable[i];
                released[i] = !stable[i];
            }
        }
    }

    public boolean pressed(PanelButton button) {
        return pressed[button.ordinal()];
    }

    public boolean released(PanelButton button) {
        return released[button.ordinal()];
    }

    public boolean held(PanelButton button) {
        return stable[button.ordinal()];
    }
}
