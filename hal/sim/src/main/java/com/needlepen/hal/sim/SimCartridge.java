package com.needlepen.hal.sim;

import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.CartridgeSensor;

/** The simulated cartridge socket. */
final class SimCartridge implements CartridgeSensor {

    private CartridgeInfo inserted;

    @Override
    public boolean isPresent() {
        return inserted != null;
    }

    @Override
    public CartridgeInfo read() {
        return inserted == null ? new CartridgeInfo(null, 0) : inserted;
    }

    void insert(CartridgeInfo cartridge) {
        inserted = cartridge;
    }

    void remove() {
        inserted = null;
    }
}
