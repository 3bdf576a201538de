package com.needlepen.hal.pi4j.bus;

/**
 * One SPI device (one chip select) as a driver sees it: full-duplex transfers with the chip select
 * asserted for the whole transfer. Production wraps Pi4J's linuxfs {@code Spi} ({@code Pi4jSpiChannel});
 * driver tests put a register model of the chip behind it.
 */
public interface SpiChannel {
    /**
     * Clocks out {@code length} bytes of {@code tx} while clocking in {@code length} bytes into {@code rx},
     * in one chip-select assertion. Allocates nothing.
     */
    void transfer(byte[] tx, byte[] rx, int length) throws BusException;
}
