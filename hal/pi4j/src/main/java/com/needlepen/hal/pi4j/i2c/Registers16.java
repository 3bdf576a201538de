package com.needlepen.hal.pi4j.i2c;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.I2cChannel;

/**
 * The 16-bit register access the INA219, INA226 and TMP117 share: a pointer byte selects the register, a
 * write carries the pointer and the value most significant byte first, a read writes the pointer and, after a
 * repeated start, reads two bytes most significant first (INA219 SBOS448 "Writing to and Reading from the
 * INA219", INA226 SBOS547 "Serial Interface", TMP117 SNOSD82 "Pointer Register"). Holds its own transfer
 * buffers so that a poll allocates nothing; one instance per chip, used by one thread (the service thread).
 */
final class Registers16 {

    private final I2cChannel channel;
    private final String chip;
    private final byte[] pointer = new byte[1];
    private final byte[] rx = new byte[2];
    private final byte[] tx = new byte[3];

    Registers16(I2cChannel channel, String chip) {
        this.channel = channel;
        this.chip = chip;
    }

    /** Reads register {@code reg} as an unsigned 16-bit value. */
    int read(int reg) throws BusException {
        pointer[0] = (byte) reg;
        channel.writeRead(pointer, 1, rx, 2);
        return ((rx[0] & 0xFF) << 8) | (rx[1] & 0xFF);
    }

    /** Writes {@code value} (16 bits) to register {@code reg}. */
    void write(int reg, int value) throws BusException {
        tx[0] = (byte) reg;
        tx[1] = (byte) (value >>> 8);
        tx[2] = (byte) value;
        channel.write(tx, 3);
    }

    /** "INA226 at 0x40", for one-line messages. */
    String where() {
        return chip + " at 0x" + Integer.toHexString(channel.address());
    }
}
