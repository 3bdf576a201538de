package com.needlepen.hal;

/** The practitioner's buttons, read as levels; the firmware debounces and finds the edges. */
public interface Panel {

    /** Whether {@code button} is held down now. */
    boolean isPressed(PanelButton button);
}
