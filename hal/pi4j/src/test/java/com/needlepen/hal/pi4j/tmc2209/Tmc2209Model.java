package com.needlepen.hal.pi4j.tmc2209;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.UartChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A TMC2209 on its single-wire PDN_UART, at register level, as the driver tests' device: the line echoes every byte
 * the master sends; the chip assembles datagrams (sync nibble 0x5, node address, register, bit 7 = write; datasheet
 * rev. 1.03 §4.1), answers only those with a correct CRC8 (§4.2, polynomial x^8+x^2+x+1 LSB first) and its own node
 * address, counts each correctly received write in IFCNT (wrapping at 255), applies writes by the register's access
 * (TMC-API {@code TMC2209.h} access table: read-only registers ignore the data, GSTAT clears the bits written as 1),
 * and queues an 8-byte reply (sync 0x05, 0xFF, register, data high byte first, CRC) SENDDELAY after the request: 8 bit
 * times by default (NODECONF bits 8..11: 0,1 = 8; 2,3 = 24; ... 2n,2n+1 = (2n+1) x 8).
 *
 * <p>Time on the line is virtual: a byte takes 10 bit times at the baud rate (8N1); {@link #read} returns bytes that
 * have arrived within its timeout and advances the line's clock to them, or nothing (a timeout) when the next byte
 * comes later, as a real reply too slow for the driver's timeout would.
 *
 * <p>Reset values (datasheet §5 / TMC-API {@code TMC2209_Fields.h}): GCONF 0x101 (I_scale_analog and multistep_filt
 * 1), GSTAT 0x1 (reset), IFCNT 0, IHOLD_IRUN 0x00011F10 (IRUN 31; IHOLD 16 and IHOLDDELAY 1 are OTP's as shipped),
 * TPOWERDOWN 20, CHOPCONF 0x10000053, PWMCONF 0xC10D0024; IOIN reads version 0x21 in bits 24..31.
 *
 * <p>Injectable: DRV_STATUS bits, a charge-pump undervoltage (GSTAT uv_cp, not latched: set while it lasts), a chip
 * reset, SG_RESULT, writes lost on the line (no IFCNT count), a silent chip, corrupted replies, no echo.
 */
final class Tmc2209Model implements UartChannel {

    private static final int[] ACCESS = new int[128];
    private static final int R = 1;
    private static final int W = 2;
    private static final int WC = 4;

    static {
        // TMC-API TMC2209.h tmc2209_defaultRegisterAccess (0x01 read, 0x02 write, 0x03 RW, 0x23 RW + write 1 to clear)
        ACCESS[0x00] = R | W;
        ACCESS[0x01] = R | WC;
        ACCESS[0x02] = R;
        ACCESS[0x03] = W;
        ACCESS[0x04] = W;
        ACCESS[0x05] = R;
        ACCESS[0x06] = R;
        ACCESS[0x07] = R | W;
        ACCESS[0x10] = W;
        ACCESS[0x11] = W;
        ACCESS[0x12] = R;
        ACCESS[0x13] = W;
        ACCESS[0x14] = W;
        ACCESS[0x22] = W;
        ACCESS[0x40] = W;
        ACCESS[0x41] = R;
        ACCESS[0x42] = W;
        ACCESS[0x6A] = R;
        ACCESS[0x6B] = R;
        ACCESS[0x6C] = R | W;
        ACCESS[0x6F] = R;
        ACCESS[0x70] = R | W;
        ACCESS[0x71] = R;
        ACCESS[0x72] = R;
    }

    private final int node;
    private final long byteNanos;
    private final int[] regs = new int[128];
    /** Bytes on the line in order of arrival: {byte, arrival nanos, sequence}. */
    private final PriorityQueue<long[]> line = new PriorityQueue<>(
            Comparator.<long[]>comparingLong(b -> b[1]).thenComparingLong(b -> b[2]));
    private long sequence;
    private final byte[] datagram = new byte[8];
    private int datagramLength;
    private long nowNanos;

    /** Every byte the master sent, in order. */
    final List<Integer> sent = new ArrayList<>();
    /** Every complete datagram the chip received (before its CRC was judged). */
    final List<byte[]> datagrams = new ArrayList<>();
    int badCrcIgnored;
    int writesCounted;

    private int driverStatus;
    private boolean undervoltage;
    private int lostWrites;
    private boolean silent;
    private boolean corruptReplies;
    private boolean noEcho;
    private int sgResult = 300;
    private int version = Tmc2209Registers.IOIN_VERSION_TMC2209;

    Tmc2209Model(int node, int baud) {
        this.node = node;
        this.byteNanos = 10L * 1_000_000_000L / baud;
        resetRegisters();
    }

    /** A chip reset (power cycle, brown-out): registers to their reset values, GSTAT.reset set, IFCNT 0. */
    void reset() {
        resetRegisters();
    }

    private void resetRegisters() {
        java.util.Arrays.fill(regs, 0);
        regs[Tmc2209Registers.GCONF] = 0x00000101;
        regs[Tmc2209Registers.GSTAT] = Tmc2209Registers.GSTAT_RESET;
        regs[Tmc2209Registers.IHOLD_IRUN] = 0x00011F10;
        regs[Tmc2209Registers.TPOWERDOWN] = 20;
        regs[Tmc2209Registers.CHOPCONF] = 0x10000053;
        regs[Tmc2209Registers.PWMCONF] = 0xC10D0024;
    }

    int register(int address) {
        return regs[address];
    }

    void setDriverStatus(int bits) {
        driverStatus = bits;
        if ((bits & (Tmc2209Registers.DRV_OT | Tmc2209Registers.DRV_S2GA | Tmc2209Registers.DRV_S2GB
                | Tmc2209Registers.DRV_S2VSA | Tmc2209Registers.DRV_S2VSB)) != 0) {
            regs[Tmc2209Registers.GSTAT] |= Tmc2209Registers.GSTAT_DRV_ERR;
        }
    }

    void setUndervoltage(boolean on) {
        undervoltage = on;
    }

    void setSgResult(int value) {
        sgResult = value & 0x3FE; // bits 9 and 0 always read 0 (datasheet SG_RESULT)
    }

    void setVersion(int v) {
        version = v;
    }

    /** The next {@code n} write datagrams are corrupted on the line: the chip's CRC check throws them away. */
    void loseWrites(int n) {
        lostWrites = n;
    }

    void setSilent(boolean on) {
        silent = on;
    }

    void setCorruptReplies(boolean on) {
        corruptReplies = on;
    }

    void setNoEcho(boolean on) {
        noEcho = on;
    }

    @Override
    public void write(byte[] data, int length) throws BusException {
        for (int i = 0; i < length; i++) {
            int b = data[i] & 0xFF;
            sent.add(b);
            nowNanos += byteNanos;
            if (!noEcho) {
                line.add(new long[] {b, nowNanos, sequence++});
            }
            receive(b);
        }
    }

    private void receive(int b) {
        if (datagramLength == 0 && (b & 0x0F) != 0x05) {
            return; // not a sync nibble: the chip waits for one
        }
        datagram[datagramLength++] = (byte) b;
        if (datagramLength < 3) {
            return;
        }
        boolean isWrite = (datagram[2] & 0x80) != 0;
        int size = isWrite ? 8 : 4;
        if (datagramLength < size) {
            return;
        }
        datagramLength = 0;
        byte[] copy = java.util.Arrays.copyOf(datagram, size);
        datagrams.add(copy);
        if (isWrite && lostWrites > 0) {
            lostWrites--;
            copy[3] ^= 0x10; // a bit flipped on the line
        }
        if (Tmc2209Uart.crc8(copy, size - 1) != (copy[size - 1] & 0xFF)) {
            badCrcIgnored++;
            return;
        }
        if ((copy[1] & 0xFF) != node || silent) {
            return;
        }
        int register = copy[2] & 0x7F;
        if (isWrite) {
            int value = (copy[3] & 0xFF) << 24 | (copy[4] & 0xFF) << 16 | (copy[5] & 0xFF) << 8 | (copy[6] & 0xFF);
            applyWrite(register, value);
            regs[Tmc2209Registers.IFCNT] = (regs[Tmc2209Registers.IFCNT] + 1) & 0xFF;
            writesCounted++;
        } else {
            reply(register);
        }
    }

    private void applyWrite(int register, int value) {
        int access = ACCESS[register];
        if ((access & WC) != 0) {
            int clear = value;
            if (driverStatusCause()) {
                clear &= ~Tmc2209Registers.GSTAT_DRV_ERR; // clears only once the cause has
            }
            regs[register] &= ~clear;
        } else if ((access & W) != 0) {
            regs[register] = value;
        }
    }

    private boolean driverStatusCause() {
        return (driverStatus & (Tmc2209Registers.DRV_OT | Tmc2209Registers.DRV_S2GA | Tmc2209Registers.DRV_S2GB
                | Tmc2209Registers.DRV_S2VSA | Tmc2209Registers.DRV_S2VSB)) != 0;
    }

    private int readRegister(int register) {
        return switch (register) {
            case Tmc2209Registers.GSTAT -> regs[register] | (undervoltage ? Tmc2209Registers.GSTAT_UV_CP : 0);
            case Tmc2209Registers.IOIN -> version << 24 | 0x40;
            case Tmc2209Registers.DRV_STATUS -> driverStatus;
            case Tmc2209Registers.SG_RESULT -> sgResult;
            default -> (ACCESS[register] & R) != 0 ? regs[register] : 0;
        };
    }

    private void reply(int register) {
        int value = readRegister(register);
        byte[] r = {0x05, (byte) 0xFF, (byte) register, (byte) (value >>> 24), (byte) (value >>> 16),
            (byte) (value >>> 8), (byte) value, 0};
        r[7] = (byte) Tmc2209Uart.crc8(r, 7);
        if (corruptReplies) {
            r[5] ^= 0x01;
        }
        int sendDelay = (regs[Tmc2209Registers.NODECONF] >>> 8) & 0x0F;
        long delayBits = 8L * ((sendDelay / 2) * 2 + 1);
        long t = nowNanos + delayBits * byteNanos / 10;
        for (byte b : r) {
            t += byteNanos;
            line.add(new long[] {b & 0xFF, t, sequence++});
        }
    }

    @Override
    public int read(byte[] into, int length, long timeoutNanos) {
        long[] first = line.peek();
        if (first == null || first[1] > nowNanos + timeoutNanos) {
            nowNanos += timeoutNanos;
            return 0;
        }
        nowNanos = Math.max(nowNanos, first[1]);
        int n = 0;
        while (n < length && !line.isEmpty() && line.peek()[1] <= nowNanos) {
            into[n++] = (byte) line.poll()[0];
        }
        return n;
    }

    @Override
    public void discardInput() {
        line.removeIf(b -> b[1] <= nowNanos);
    }

    /** The line's virtual time. */
    long nowNanos() {
        return nowNanos;
    }
}
