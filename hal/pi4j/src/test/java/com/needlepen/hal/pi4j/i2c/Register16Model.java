package com.needlepen.hal.pi4j.i2c;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.I2cChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The I2C side that the INA219, INA226 and TMP117 share, as their datasheets describe it: a pointer register written
 * as the first byte of every write selects the register; a 3-byte write also writes it (MSB first); a read returns
 * the register the pointer selects, MSB first. A part that is absent (or told to fail its next transfers) does not
 * acknowledge its address: a {@link BusException}. The part's conversions run in virtual time: every transfer first
 * brings the model up to the clock's present. Records every write and counts every transfer, so a test can assert
 * the exact bytes a driver sent and that a getter touched no bus.
 */
abstract class Register16Model implements I2cChannel {

    private final int address;
    private final LongSupplier clock;
    final List<byte[]> writes = new ArrayList<>();
    final List<Integer> reads = new ArrayList<>();
    int transfers;
    boolean present = true;
    int failNext;
    private int pointer;

    Register16Model(int address, LongSupplier clock) {
        this.address = address;
        this.clock = clock;
    }

    @Override
    public int address() {
        return address;
    }

    long now() {
        return clock.getAsLong();
    }

    @Override
    public void write(byte[] data, int length) throws BusException {
        begin();
        writes.add(Arrays.copyOf(data, length));
        if (length != 1 && length != 3) {
            throw new AssertionError("a write to a 16-bit register part is the pointer (1 byte) or pointer and value (3), not "
                    + length);
        }
        pointer = data[0] & 0xFF;
        if (length == 3) {
            writeRegister(pointer, (data[1] & 0xFF) << 8 | data[2] & 0xFF);
        }
    }

    @Override
    public void writeRead(byte[] write, int writeLength, byte[] read, int readLength) throws BusException {
        begin();
        if (writeLength != 1 || readLength != 2) {
            throw new AssertionError("a register read is a 1-byte pointer and 2 bytes read, not " + writeLength + " and "
                    + readLength);
        }
        pointer = write[0] & 0xFF;
        reads.add(pointer);
        int value = readRegister(pointer);
        read[0] = (byte) (value >>> 8);
        read[1] = (byte) value;
    }

    private void begin() throws BusException {
        advance(now());
        if (!present) {
            throw new BusException("no ACK from 0x" + Integer.toHexString(address));
        }
        if (failNext > 0) {
            failNext--;
            throw new BusException("no ACK from 0x" + Integer.toHexString(address) + " (injected)");
        }
        transfers++;
    }

    /** Brings the part's conversions up to {@code nowNanos}. */
    abstract void advance(long nowNanos);

    /** The register's value as a read returns it, with the read's side effects (flags cleared). */
    abstract int readRegister(int reg);

    abstract void writeRegister(int reg, int value);

    /** The 16-bit words written to {@code reg}, in order. */
    List<Integer> writesTo(int reg) {
        List<Integer> values = new ArrayList<>();
        for (byte[] w : writes) {
            if (w.length == 3 && (w[0] & 0xFF) == reg) {
                values.add((w[1] & 0xFF) << 8 | w[2] & 0xFF);
            }
        }
        return values;
    }

    static int clamp(long v, int min, int max) {
        return (int) Math.max(min, Math.min(max, v));
    }
}
