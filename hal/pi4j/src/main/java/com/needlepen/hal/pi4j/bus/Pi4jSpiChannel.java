package com.needlepen.hal.pi4j.bus;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiMode;

/**
 * An SPI device through Pi4J's linuxfs provider ({@code /dev/spidevB.C}, one {@code SPI_IOC_MESSAGE} ioctl per
 * transfer, chip select held for the whole transfer). Pi4J 3.0.4: 3.0.3's {@code write(buf, off, len)} ignored
 * {@code len}; {@link #transfer} uses {@code transfer(write, 0, read, 0, n)}, which honours it in both.
 */
public final class Pi4jSpiChannel implements SpiChannel {

    private final Spi spi;

    private Pi4jSpiChannel(Spi spi) {
        this.spi = spi;
    }

    /** Opens {@code /dev/spidev<bus>.<chipSelect>} in {@code mode} at {@code clockHz}. */
    public static Pi4jSpiChannel open(Context context, String id, int bus, int chipSelect, int clockHz, SpiMode mode) {
        Spi spi = context.create(Spi.newConfigBuilder(context).id(id).name(id).bus(SpiBus.getByNumber(bus))
                .channel(chipSelect).baud(clockHz).mode(mode).build());
        return new Pi4jSpiChannel(spi);
    }

    @Override
    public void transfer(byte[] tx, byte[] rx, int length) throws BusException {
        try {
            int n = spi.transfer(tx, 0, rx, 0, length);
            if (n < 0) {
                throw new BusException("SPI transfer on " + spi.id() + " failed (" + n + ")");
            }
        } catch (RuntimeException e) {
            throw new BusException("SPI transfer on " + spi.id() + " failed: " + e.getMessage(), e);
        }
    }
}
