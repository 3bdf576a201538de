package com.needlepen.hal.pi4j.expander;

import com.needlepen.hal.pi4j.bus.I2cChannel;

/** The MCP23017's register model, for tests outside this package. */
public final class ExpanderModels {

    private ExpanderModels() {
    }

    /** An MCP23017 with the contacts {@code grounded} (bit per line) grounded; {@link #ground} changes them. */
    public static I2cChannel chip(int grounded) {
        Mcp23017Model m = new Mcp23017Model();
        m.grounded = grounded;
        return m;
    }

    /** Grounds the contacts {@code grounded} of a chip made here. */
    public static void ground(I2cChannel chip, int grounded) {
        ((Mcp23017Model) chip).grounded = grounded;
    }
}
