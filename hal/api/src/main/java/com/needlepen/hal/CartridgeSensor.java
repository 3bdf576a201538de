package com.needlepen.hal;

/** The cartridge-present switch and, where the cartridge carries one, its id and needle count. */
public interface CartridgeSensor {

    boolean isPresent();

    /** What the inserted cartridge says about itself; only meaningful while {@link #isPresent()}. */
    CartridgeInfo read();
}
