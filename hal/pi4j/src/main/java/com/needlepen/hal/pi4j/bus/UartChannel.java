package com.needlepen.hal.pi4j.bus;

/**
 * A serial port as a driver sees it (the TMC2209's single-wire PDN_UART, where every byte written is also
 * read back). Production wraps Pi4J's serial port; driver tests put a register model of the chip behind it.
 */
public interface UartChannel {
    /** Sends {@code length} bytes of {@code data}. */
    void write(byte[] data, int length) throws BusException;

    /**
     * Reads up to {@code length} bytes into {@code into}, waiting at most {@code timeoutNanos} for the first;
     * returns how many were read (0 on a timeout).
     */
    int read(byte[] into, int length, long timeoutNanos) throws BusException;

    /** Drops whatever was received and not yet read (a reply that came too late, line noise). */
    void discardInput() throws BusException;
}
