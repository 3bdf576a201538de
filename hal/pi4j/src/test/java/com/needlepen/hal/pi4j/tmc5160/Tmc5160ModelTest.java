package com.needlepen.hal.pi4j.tmc5160;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.hal.pi4j.bus.BusException;
import org.junit.jupiter.api.Test;

/**
 * The register model keeps the datasheet's SPI semantics (section 4.1.1's example table): a read's data come with the
 * next datagram, a write's reply carries the previous datagram's data, SPI_STATUS shows GSTAT.reset until GSTAT is read.
 * The driver tests rest on this.
 */
class Tmc5160ModelTest {

    private final Tmc5160Model chip = new Tmc5160Model(12e6, 0.16);
    private final byte[] rx = new byte[5];

    private int send(int address, int data) throws BusException {
        byte[] tx = {(byte) address, (byte) (data >>> 24), (byte) (data >>> 16), (byte) (data >>> 8), (byte) data};
        chip.transfer(tx, rx, 5);
        return ((rx[1] & 0xFF) << 24) | ((rx[2] & 0xFF) << 16) | ((rx[3] & 0xFF) << 8) | (rx[4] & 0xFF);
    }

    @Test
    void theDatasheetsExampleTableHolds() throws BusException {
        send(0xA1, 0x0000_1234);                          // XACTUAL := 0x1234
        send(0x21, 0);                                    // read XACTUAL: reply carries the write's data
        assertThat(send(0x21, 0)).isEqualTo(0x1234);      // read XACTUAL again: the first read's data
        assertThat(send(0xA7, 0x00AB_CDEF)).isEqualTo(0x1234); // write VMAX: reply is XACTUAL
        assertThat(send(0xA7, 0x0012_3456)).isEqualTo(0x00AB_CDEF); // the previous write's data
    }

    @Test
    void theResetFlagShowsInEveryStatusByteUntilGstatIsRead() throws BusException {
        send(0x04, 0);
        assertThat(rx[0] & Tmc5160Registers.STATUS_RESET_FLAG).isNotZero();
        send(0x01, 0);                                   // read GSTAT: clears reset
        int gstat = send(0x04, 0);
        assertThat(gstat & Tmc5160Registers.GSTAT_RESET).isNotZero();
        assertThat(rx[0] & Tmc5160Registers.STATUS_RESET_FLAG).isZero();
        assertThat(send(0x04, 0) >>> 24).isEqualTo(0x30); // IOIN's VERSION
    }

    @Test
    void writeOnlyRegistersReadAsZero() throws BusException {
        send(0xA7, 1234);
        send(0x27, 0);
        assertThat(send(0x27, 0)).isZero();
    }
}
