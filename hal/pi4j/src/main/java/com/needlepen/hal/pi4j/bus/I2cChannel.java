package com.needlepen.hal.pi4j.bus;

/**
 * One I2C device at its 7-bit address as a driver sees it. Production wraps Pi4J's linuxfs {@code I2C}
 * ({@code Pi4jI2cChannel}); driver tests put a register model of the chip behind it. A device that does
 * not acknowledge its address is a {@link BusException}.
 */
public interface I2cChannel {
    /** The device's 7-bit address. */
    int address();

    /** Writes {@code length} bytes of {@code data} in one transaction (start, address+W, data, stop). */
    void write(byte[] data, int length) throws BusException;

    /**
     * Writes {@code writeLength} bytes of {@code write} (usually a register pointer), then, after a repeated
     * start, reads {@code readLength} bytes into {@code read}.
     */
    void writeRead(byte[] write, int writeLength, byte[] read, int readLength) throws BusException;
}
