package com.needlepen.hal;

import java.util.Locale;

/**
 * A handpiece's factory-unique identity: the EUI-48 its identity EEPROM (a 24AA02E48-class I2C
 * part) carries in a block written and locked at the factory. A unit's calibration, run hours and
 * ledger of used cartridges are bound to it, not to the profile's device id, which a whole model of
 * pen shares. Written as {@code hp-} and twelve lowercase hex digits, e.g. {@code hp-0004a3c0ffee}:
 * safe as a directory name and in a calibration's id.
 *
 * @param eui48 the 48-bit identifier (the upper 16 bits of the long are zero)
 */
public record HandpieceId(long eui48) {

    private static final long MASK = 0xFFFF_FFFF_FFFFL;

    public HandpieceId {
        if ((eui48 & ~MASK) != 0) {
            throw new IllegalArgumentException("an EUI-48 has 48 bits, not " + Long.toHexString(eui48));
        }
        if (eui48 == 0 || eui48 == MASK) {
            // an erased part reads all ones, a missing one (pulled-down bus) all zeros: neither is an identity
            throw new IllegalArgumentException("EUI-48 " + format(eui48) + " is a blank part's, not an identity");
        }
    }

    /** The id from the six bytes read from the EEPROM's EUI-48 block, most significant first. */
    public static HandpieceId fromBytes(byte[] six) {
        if (six.length != 6) {
            throw new IllegalArgumentException("an EUI-48 is 6 bytes, not " + six.length);
        }
        long v = 0;
        for (byte b : six) {
            v = (v << 8) | (b & 0xFF);
        }
        return new HandpieceId(v);
    }

    /** Parses {@link #toString()}'s form; throws IllegalArgumentException naming what is allowed. */
    public static HandpieceId parse(String text) {
        if (text == null || !text.matches("hp-[0-9a-f]{12}")) {
            throw new IllegalArgumentException("handpiece id '" + text + "' is not hp- and twelve lowercase hex digits");
        }
        return new HandpieceId(Long.parseLong(text.substring(3), 16));
    }

    private static String format(long v) {
        return String.format(Locale.ROOT, "hp-%012x", v);
    }

    @Override
    public String toString() {
        return format(eui48);
    }
}
