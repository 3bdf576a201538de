package com.needlepen.hal.pi4j.i2c;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.I2cChannel;
import java.util.Arrays;

/**
 * A 24AA02E48 at the bus level (Microchip DS20002124): 256 bytes, a word-address counter set by the first byte of a
 * write and incremented by every byte read or written (reads roll over from FFh to 00h; a write stays within its
 * 8-byte page), the upper half 80h..FFh write-protected (acknowledged, not written), the EUI-48 at FAh..FFh. Faults:
 * absent (no ACK), a number of transfers that fail, one bit flipped in the next read (a glitching bus).
 */
final class Eeprom24aa02e48Model implements I2cChannel {

    final byte[] memory = new byte[256];
    boolean present = true;
    int failNext;
    /** Flips this bit mask into the first byte of the next read, then clears itself. */
    int glitchNextRead;
    int reads;
    byte[] lastAddressWrite;
    private int counter;

    Eeprom24aa02e48Model(long eui48) {
        Arrays.fill(memory, (byte) 0xFF); // erased
        for (int i = 0; i < 6; i++) {
            memory[0xFA + i] = (byte) (eui48 >>> (8 * (5 - i)));
        }
    }

    @Override
    public int address() {
        return 0x50;
    }

    private void begin() throws BusException {
        if (!present) {
            throw new BusException("no ACK from 0x50");
        }
        if (failNext > 0) {
            failNext--;
            throw new BusException("no ACK from 0x50 (injected)");
        }
    }

    @Override
    public void write(byte[] data, int length) throws BusException {
        begin();
        counter = data[0] & 0xFF;
        for (int i = 1; i < length; i++) {
            if (counter < 0x80) {
                memory[counter] = data[i];
            }
            counter = (counter & ~7) | ((counter + 1) & 7); // the page's low three bits roll over
        }
    }

    @Override
    public void writeRead(byte[] write, int writeLength, byte[] read, int readLength) throws BusException {
        begin();
        lastAddressWrite = Arrays.copyOf(write, writeLength);
        counter = write[0] & 0xFF;
        reads++;
        for (int i = 0; i < readLength; i++) {
            read[i] = memory[counter];
            counter = (counter + 1) & 0xFF;
        }
        if (glitchNextRead != 0 && readLength > 0) {
            read[0] ^= (byte) glitchNextRead;
            glitchNextRead = 0;
        }
    }
}
