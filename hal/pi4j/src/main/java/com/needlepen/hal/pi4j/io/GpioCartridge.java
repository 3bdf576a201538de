package com.needlepen.hal.pi4j.io;

import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.CartridgeSensor;
import com.pi4j.io.gpio.digital.DigitalInput;
import java.util.function.IntSupplier;

/**
 * The cartridge-present switch (a GPIO input, closed to ground by an inserted cartridge) and the cartridge's two
 * coding contacts on the panel's expander, which tell its type: code 1 to 3 is the profile's first to third
 * cartridge type (docs/wiring.md). The pen on a Pi reads no cartridge id (no reader is fitted), so every cartridge
 * is one the practitioner confirms new with CONFIRM, as the firmware asks of a cartridge without an id. A code of 0,
 * or one the profile has no type for, is a cartridge that does not tell its needle count: the firmware refuses to
 * start on it.
 */
public final class GpioCartridge implements CartridgeSensor {

    private final DigitalInput present;
    private final IntSupplier code;
    private final int[] needlesByCode;
    private final CartridgeInfo[] infos;

    /**
     * @param code          the coding contacts' code now, 0 to 3 (the expander's latest poll; 0 when it is not healthy)
     * @param needlesByCode the needles of the profile's cartridge types, in its order (code 1 is the first)
     */
    public GpioCartridge(DigitalInput present, IntSupplier code, int[] needlesByCode) {
        if (needlesByCode.length > 3) {
            throw new IllegalArgumentException("two coding contacts tell at most 3 types, not " + needlesByCode.length);
        }
        this.present = present;
        this.code = code;
        this.needlesByCode = needlesByCode.clone();
        this.infos = new CartridgeInfo[4];
        infos[0] = new CartridgeInfo(null, 0);
        for (int c = 1; c <= 3; c++) {
            infos[c] = new CartridgeInfo(null, c <= needlesByCode.length ? needlesByCode[c - 1] : 0);
        }
    }

    @Override
    public boolean isPresent() {
        return DigitalLines.activeLow(present);
    }

    @Override
    public CartridgeInfo read() {
        int c = code.getAsInt();
        return c >= 0 && c <= 3 ? infos[c] : infos[0];
    }
}
