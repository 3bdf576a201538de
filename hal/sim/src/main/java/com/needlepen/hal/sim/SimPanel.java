package com.needlepen.hal.sim;

import com.needlepen.hal.Panel;
import com.needlepen.hal.PanelButton;

/** The simulated panel: a test or scenario holds buttons down through the {@link SimHandle}. */
final class SimPanel implements Panel {

    private final boolean[] pressed = new boolean[PanelButton.values().length];

    @Override
    public boolean isPressed(PanelButton button) {
        return pressed[button.ordinal()];
    }

    void set(PanelButton button, boolean down) {
        pressed[button.ordinal()] = down;
    }
}
