package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;

/** The cartridge switch opened while the needles were moving. */
public final class CartridgeCheck implements SafetyCheck {

    private final SafetyInputs in;

    public CartridgeCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        boolean moving = state == PenState.RUNNING || state == PenState.CALIBRATING;
        return moving && !in.cartridge().isPresent() ? FaultCode.F07_CARTRIDGE_REMOVED : null;
    }

    @Override
    public String detail() {
        return "cartridge switch open";
    }
}
