package com.needlepen.hal.pi4j.i2c;

import com.needlepen.hal.HandpieceId;
import com.needlepen.hal.HandpieceMemory;
import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.I2cChannel;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The handpiece's identity EEPROM, a Microchip 24AA02E48-class part: 256 bytes on I2C (address 0x50 with A0..A2
 * low), whose upper block is write-protected and holds the factory-programmed EUI-48 at FAh..FFh, most significant
 * byte first (Microchip DS20002124 "24AA02E48/24AA025E48", the pre-programmed EUI-48 node address; jallib's and
 * others' 25AA02E48 drivers read the SPI sibling's at the same FAh..FFh, in its write-protected C0h..FFh block). A
 * random read is a write of the word address, a repeated start and a sequential read (the address counter
 * increments). The driver relies only on FAh..FFh; which block is protected matters to the test's model alone.
 *
 * <p>Read twice and compared: the identity binds a unit's calibration, run hours and cartridge ledger, so a bus that
 * glitches one bit must not bind them to another unit. A part that does not answer, reads differently twice, or
 * holds a blank block (all ones: erased; all zeros: a missing part on a pulled-down bus) is refused with a one-line
 * reason. Read at start and at each session start with the motor off; it allocates, as those moments may.
 */
public final class I2cHandpieceMemory implements HandpieceMemory {

    /** The EUI-48's first byte's address. */
    static final int EUI48_ADDRESS = 0xFA;

    private final I2cChannel channel;

    public I2cHandpieceMemory(I2cChannel channel) {
        this.channel = channel;
    }

    @Override
    public HandpieceId readId() throws HandpieceIdException {
        byte[] first = readEui48();
        byte[] second = readEui48();
        if (!Arrays.equals(first, second)) {
            throw new HandpieceIdException(where() + " read " + hex(first) + " then " + hex(second)
                    + ": the bus is not reliable");
        }
        if (all(first, (byte) 0xFF) || all(first, (byte) 0x00)) {
            throw new HandpieceIdException(where() + " holds " + hex(first) + " at 0xfa..0xff, a blank part's, not an identity");
        }
        return HandpieceId.fromBytes(first);
    }

    private byte[] readEui48() throws HandpieceIdException {
        byte[] address = {(byte) EUI48_ADDRESS};
        byte[] eui = new byte[6];
        try {
            channel.writeRead(address, 1, eui, 6);
        } catch (BusException e) {
            throw new HandpieceIdException(where() + " does not answer: " + e.getMessage());
        }
        return eui;
    }

    private static boolean all(byte[] bytes, byte value) {
        for (byte b : bytes) {
            if (b != value) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    private String where() {
        return "handpiece id EEPROM at 0x" + Integer.toHexString(channel.address());
    }
}
