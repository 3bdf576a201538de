package com.needlepen.hal.pi4j.bus;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;

/**
 * An I2C device through Pi4J's linuxfs provider ({@code /dev/i2c-N}). A device that does not acknowledge its address
 * makes the kernel fail the transfer ({@code EREMOTEIO}), which arrives here as a {@link BusException}.
 */
public final class Pi4jI2cChannel implements I2cChannel {

    private final I2C i2c;
    private final int address;

    private Pi4jI2cChannel(I2C i2c, int address) {
        this.i2c = i2c;
        this.address = address;
    }

    /** Opens the device at 7-bit {@code address} on {@code /dev/i2c-<bus>}. */
    public static Pi4jI2cChannel open(Context context, String id, int bus, int address) {
        I2C i2c = context.create(I2C.newConfigBuilder(context).id(id).name(id).bus(bus).device(address).build());
        return new Pi4jI2cChannel(i2c, address);
    }

    @Override
    public int address() {
        return address;
    }

    @Override
    public void write(byte[] data, int length) throws BusException {
        try {
            int n = i2c.write(data, 0, length);
            if (n != length) {
                throw new BusException(String.format("I2C write to 0x%02x: %d of %d bytes", address, n, length));
            }
        } catch (RuntimeException e) {
            throw new BusException(String.format("I2C write to 0x%02x failed: %s", address, e.getMessage()), e);
        }
    }

    @Override
    public void writeRead(byte[] write, int writeLength, byte[] read, int readLength) throws BusException {
        try {
            int n = i2c.writeRead(write, 0, writeLength, read, 0, readLength);
            if (n != readLength) {
                throw new BusException(String.format("I2C read from 0x%02x: %d of %d bytes", address, n, readLength));
            }
        } catch (RuntimeException e) {
            throw new BusException(String.format("I2C read from 0x%02x failed: %s", address, e.getMessage()), e);
        }
    }
}
