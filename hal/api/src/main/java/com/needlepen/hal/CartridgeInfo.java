package com.needlepen.hal;

/**
 * What the cartridge sensor reads from an inserted cartridge.
 *
 * @param id          the cartridge's serial id, or {@code null} when it carries none
 * @param needleCount the number of needles when the cartridge encodes it, else 0
 */
public record CartridgeInfo(String id, int needleCount) {

    public CartridgeInfo {
        if (needleCount < 0) {
            throw new IllegalArgumentException("needleCount must be >= 0, was " + needleCount);
        }
    }

    public boolean hasId() {
        return id != null;
    }

    public boolean hasNeedleCount() {
        return needleCount > 0;
    }
}
