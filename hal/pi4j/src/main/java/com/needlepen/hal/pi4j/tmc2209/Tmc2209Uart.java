package com.needlepen.hal.pi4j.tmc2209;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.UartChannel;

/**
 * The TMC2209's single-wire UART (PDN_UART) as register reads and writes, datagram by datagram, on the collar
 * driver's service thread (each exchange takes about a millisecond at 115200 baud: never on the control tick).
 *
 * <p>Datagrams (datasheet rev. 1.03 §4.1): a write is 8 bytes, sync 0x05 (the sync nibble 1010 sent LSB first,
 * reserved bits 0), the node address (0..3, from MS1/MS2), the register with bit 7 set, 4 data bytes high byte
 * first, a CRC; a read request is 4 bytes, sync, node, register, CRC; the reply is 8 bytes, sync 0x05, master address
 * 0xFF, register, 4 data bytes high first, CRC. The CRC (§4.2) is CRC8-ATM (x^8+x^2+x+1, initial 0) fed each byte LSB
 * first, computed here as the datasheet's C routine does. The chip answers only datagrams with a correct CRC and its
 * own address and counts each correct write in IFCNT; it sends its reply SENDDELAY (8 bit times by default) after
 * the request.
 *
 * <p>TX reaches PDN_UART through 1 kΩ and RX sits on the pin itself, so every byte sent comes back on RX: the echo is
 * read and compared before anything else (a missing echo is a broken RX wire, a different one another talker or a
 * short), and only then the reply. Input left over from an earlier exchange (a reply that came after its timeout)
 * is discarded before each datagram. A write is confirmed by IFCNT having advanced by exactly the writes sent (as
 * Klipper's {@code tmc_uart.py} does): a write the chip did not take in, lost on the line or refused for its CRC,
 * is a failed write, not a silent one. Allocates nothing after construction.
 */
public final class Tmc2209Uart {

    /** Sync byte: the sync nibble 1010 (LSB first: 0x5) with the reserved nibble 0. */
    public static final int SYNC = 0x05;
    /** The address a reply carries. */
    public static final int MASTER_ADDRESS = 0xFF;
    /** Set in the register byte of a write datagram. */
    public static final int WRITE_BIT = 0x80;

    /**
     * Bit times from a request to the end of the longest reply: SENDDELAY at most 15 x 8 bit times, then 8 bytes of 10
     * bits (8N1). After a failed exchange the line is left this long quiet before the next datagram, so a reply that
     * came too late is not sent into the next request.
     */
    private static final int LONGEST_REPLY_BITS = 15 * 8 + 8 * 10;
    /** Reads of leftover bytes after a failed exchange before giving up on a quiet line (noise that never ends). */
    private static final int DRAIN_READS = 64;

    private final UartChannel channel;
    private final int node;
    private final long timeoutNanos;
    private final long quietNanos;
    private final byte[] tx = new byte[8];
    private final byte[] rx = new byte[8];
    private final byte[] chunk = new byte[8];

    /**
     * @param channel      the serial port PDN_UART hangs on
     * @param node         the chip's node address, 0..3 (MS1 = bit 0, MS2 = bit 1)
     * @param baud         the port's baud rate (the chip adapts to it from the sync nibble: 9600 to 500k)
     * @param timeoutNanos how long to wait for the next byte of an echo or a reply before calling it lost
     */
    public Tmc2209Uart(UartChannel channel, int node, int baud, long timeoutNanos) {
        if (node < 0 || node > 3) {
            throw new IllegalArgumentException("TMC2209 node address " + node + ": must be 0..3 (MS1, MS2)");
        }
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("TMC2209 UART timeout " + timeoutNanos + " ns: must be > 0");
        }
        if (baud < 9_600 || baud > 500_000) {
            throw new IllegalArgumentException("TMC2209 UART baud rate " + baud + ": the chip takes 9600..500000");
        }
        this.channel = channel;
        this.node = node;
        this.timeoutNanos = timeoutNanos;
        this.quietNanos = LONGEST_REPLY_BITS * 1_000_000_000L / baud;
    }

    /**
     * The datagram CRC as the datasheet's {@code swuart_calcCRC}: over the first {@code length} bytes, each fed LSB
     * first into CRC8 with polynomial 0x07, initial value 0.
     */
    public static int crc8(byte[] datagram, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            int current = datagram[i] & 0xFF;
            for (int j = 0; j < 8; j++) {
                if (((crc >> 7) ^ (current & 0x01)) != 0) {
                    crc = ((crc << 1) ^ 0x07) & 0xFF;
                } else {
                    crc = (crc << 1) & 0xFF;
                }
                current >>= 1;
            }
        }
        return crc;
    }

    /** The node address this codec talks to. */
    public int node() {
        return node;
    }

    /** Writes {@code value} to {@code register} without confirming it (see {@link #writeConfirmed(int, int)}). */
    public void write(int register, int value) throws BusException {
        tx[0] = (byte) SYNC;
        tx[1] = (byte) node;
        tx[2] = (byte) ((register & 0x7F) | WRITE_BIT);
        tx[3] = (byte) (value >>> 24);
        tx[4] = (byte) (value >>> 16);
        tx[5] = (byte) (value >>> 8);
        tx[6] = (byte) value;
        tx[7] = (byte) crc8(tx, 7);
        try {
            channel.discardInput();
            channel.write(tx, 8);
            consumeEcho(8, register);
        } catch (BusException e) {
            drain();
            throw e;
        }
    }

    /** Reads {@code register}: the request, its echo, then the 8-byte reply, checked. */
    public int read(int register) throws BusException {
        try {
            return exchangeRead(register);
        } catch (BusException e) {
            drain();
            throw e;
        }
    }

    private int exchangeRead(int register) throws BusException {
        tx[0] = (byte) SYNC;
        tx[1] = (byte) node;
        tx[2] = (byte) (register & 0x7F);
        tx[3] = (byte) crc8(tx, 3);
        channel.discardInput();
        channel.write(tx, 4);
        consumeEcho(4, register);
        readFully(8, register, "reply");
        if ((rx[0] & 0xFF) != SYNC) { // the reply's reserved nibble is 0 (§4.1.2)
            throw new BusException(String.format("TMC2209 node %d register 0x%02X: reply sync 0x%02X, expected 0x%02X",
                    node, register, rx[0] & 0xFF, SYNC));
        }
        if ((rx[1] & 0xFF) != MASTER_ADDRESS) {
            throw new BusException(String.format("TMC2209 node %d register 0x%02X: reply addressed 0x%02X, expected 0xFF",
                    node, register, rx[1] & 0xFF));
        }
        if ((rx[2] & 0xFF) != (register & 0x7F)) {
            throw new BusException(String.format("TMC2209 node %d register 0x%02X: reply is for register 0x%02X",
                    node, register, rx[2] & 0xFF));
        }
        int crc = crc8(rx, 7);
        if ((rx[7] & 0xFF) != crc) {
            throw new BusException(String.format("TMC2209 node %d register 0x%02X: reply CRC 0x%02X, computed 0x%02X",
                    node, register, rx[7] & 0xFF, crc));
        }
        return (rx[3] & 0xFF) << 24 | (rx[4] & 0xFF) << 16 | (rx[5] & 0xFF) << 8 | (rx[6] & 0xFF);
    }

    /** Reads IFCNT, 0..255. */
    public int ifcnt() throws BusException {
        return read(Tmc2209Registers.IFCNT) & 0xFF;
    }

    /**
     * Writes {@code value} to {@code register} and confirms it landed: IFCNT read before and after must differ by one.
     *
     * @throws BusException when the write was not counted (lost on the line, refused for its CRC) or a read failed
     */
    public void writeConfirmed(int register, int value) throws BusException {
        int before = ifcnt();
        write(register, value);
        confirmWrites(before, 1, register);
    }

    /**
     * Checks that {@code count} writes landed since IFCNT read {@code before}: reads IFCNT and compares modulo 256.
     *
     * @param what the last register written, for the message
     */
    public void confirmWrites(int before, int count, int what) throws BusException {
        int after = ifcnt();
        int expected = (before + count) & 0xFF;
        if (after != expected) {
            throw new BusException(String.format(
                    "TMC2209 node %d: IFCNT %d after %d write(s) ending with register 0x%02X, expected %d: a write was lost",
                    node, after, count, what, expected));
        }
    }

    /** After a failed exchange: reads and drops whatever still comes until the line stays quiet for a longest reply. */
    private void drain() {
        try {
            for (int i = 0; i < DRAIN_READS; i++) {
                if (channel.read(chunk, chunk.length, quietNanos + timeoutNanos) <= 0) {
                    return;
                }
            }
        } catch (BusException ignored) {
            // the exchange has failed already; its own error is the one to report
        }
    }

    private void consumeEcho(int length, int register) throws BusException {
        readFully(length, register, "echo");
        for (int i = 0; i < length; i++) {
            if (rx[i] != tx[i]) {
                throw new BusException(String.format(
                        "TMC2209 node %d register 0x%02X: echo byte %d is 0x%02X, sent 0x%02X (another talker or a short on PDN_UART)",
                        node, register, i, rx[i] & 0xFF, tx[i] & 0xFF));
            }
        }
    }

    private void readFully(int length, int register, String what) throws BusException {
        int got = 0;
        while (got < length) {
            int n = channel.read(chunk, length - got, timeoutNanos);
            if (n <= 0) {
                throw new BusException(String.format(
                        "TMC2209 node %d register 0x%02X: %s timed out after %d of %d bytes (%d us)",
                        node, register, what, got, length, timeoutNanos / 1_000));
            }
            System.arraycopy(chunk, 0, rx, got, n);
            got += n;
        }
    }
}
