package com.needlepen.hal.pi4j.expander;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.I2cChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * An MCP23017 at register level (Microchip DS20001952C): 22 eight-bit registers in BANK = 0 order (IODIRA 0x00,
 * IODIRB 0x01, IPOLA 0x02 ... GPPUA 0x0C, GPPUB 0x0D ... GPIOA 0x12, GPIOB 0x13, OLATA 0x14, OLATB 0x15), reset values
 * (IODIR 0xFF, the rest 0), an address pointer that a write's first byte sets and every byte read or written after
 * it advances (SEQOP = 0), wrapping at the end. An input reads 0 when its contact grounds it, 1 when open with its
 * pull-up on, and 0 when open with the pull-up off: a floating CMOS input is not to be trusted, and the unkind reading
 * is "pressed". IPOL inverts what GPIO reads. Absent, it does not acknowledge.
 */
final class Mcp23017Model implements I2cChannel {

    final int[] reg = new int[22];
    /** Which lines a contact grounds now (bit per line, A0 = bit 0 ... B7 = bit 15). */
    int grounded;
    boolean present = true;
    int failNext;
    final List<int[]> writes = new ArrayList<>();
    private int pointer;

    Mcp23017Model() {
        reset();
    }

    void reset() {
        java.util.Arrays.fill(reg, 0);
        reg[0x00] = 0xFF;
        reg[0x01] = 0xFF;
        pointer = 0;
    }

    @Override
    public int address() {
        return 0x20;
    }

    private void ack() throws BusException {
        if (!present) {
            throw new BusException("no ACK from 0x20");
        }
        if (failNext > 0) {
            failNext--;
            throw new BusException("no ACK from 0x20 (injected)");
        }
    }

    @Override
    public void write(byte[] data, int length) throws BusException {
        ack();
        int[] w = new int[length];
        for (int i = 0; i < length; i++) {
            w[i] = data[i] & 0xFF;
        }
        writes.add(w);
        pointer = w[0] % reg.length;
        for (int i = 1; i < length; i++) {
            reg[pointer] = w[i];
            pointer = (pointer + 1) % reg.length;
        }
    }

    @Override
    public void writeRead(byte[] write, int writeLength, byte[] read, int readLength) throws BusException {
        write(write, writeLength);
        for (int i = 0; i < readLength; i++) {
            read[i] = (byte) readRegister(pointer);
            pointer = (pointer + 1) % reg.length;
        }
    }

    private int readRegister(int r) {
        if (r == 0x12 || r == 0x13) {
            int shift = r == 0x12 ? 0 : 8;
            int dir = reg[r == 0x12 ? 0x00 : 0x01];
            int pullUp = reg[r == 0x12 ? 0x0C : 0x0D];
            int ipol = reg[r == 0x12 ? 0x02 : 0x03];
            int ground = (grounded >>> shift) & 0xFF;
            int level = ~ground & pullUp & 0xFF; // open with a pull-up: 1; grounded or floating: 0
            int in = (level ^ ipol) & dir;
            int out = reg[r == 0x12 ? 0x14 : 0x15] & ~dir;
            return (in | out) & 0xFF;
        }
        return reg[r];
    }
}
