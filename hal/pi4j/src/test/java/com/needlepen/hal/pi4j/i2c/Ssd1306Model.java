package com.needlepen.hal.pi4j.i2c;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.I2cChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An SSD1306 on I2C as its datasheet (rev 1.1) describes it: each write is a control byte, then commands (00h) or
 * display data (40h); commands with their argument bytes (81h, 8Dh, 20h, A8h, D3h, D5h, D9h, DAh, DBh one; 21h, 22h
 * two); page addressing (B0h..B7h page, 00h..0Fh / 10h..1Fh column nibbles; data fill columns, the column counter
 * wrapping within the page) or horizontal addressing (21h/22h window, the column wrapping to the next page); AEh/AFh
 * display off/on; 8Dh 14h charge pump on, 10h off. Write-only on I2C: a read is a test failure. Faults: absent, a
 * number of transfers that fail.
 */
final class Ssd1306Model implements I2cChannel {

    final byte[][] ram = new byte[8][128];
    final List<Integer> commands = new ArrayList<>();
    final List<byte[]> writes = new ArrayList<>();
    boolean present = true;
    int failNext;
    boolean on;
    boolean chargePump;
    boolean chargePumpOnBeforeDisplayOn;
    int addressingMode = 2; // page addressing after reset
    private int page;
    private int column;
    private int columnStart;
    private int columnEnd = 127;
    private int pageStart;
    private int pageEnd = 7;

    Ssd1306Model() {
        for (byte[] p : ram) {
            Arrays.fill(p, (byte) 0x5A); // RAM content at power-up is undefined: not blank
        }
    }

    @Override
    public int address() {
        return 0x3C;
    }

    @Override
    public void write(byte[] data, int length) throws BusException {
        if (!present) {
            throw new BusException("no ACK from 0x3c");
        }
        if (failNext > 0) {
            failNext--;
            throw new BusException("no ACK from 0x3c (injected)");
        }
        writes.add(Arrays.copyOf(data, length));
        int control = data[0] & 0xFF;
        if (control == 0x00) {
            commands(data, length);
        } else if (control == 0x40) {
            for (int i = 1; i < length; i++) {
                data(data[i]);
            }
        } else {
            throw new AssertionError("control byte 0x" + Integer.toHexString(control) + ": the driver sends 0x00 or 0x40");
        }
    }

    private void commands(byte[] data, int length) {
        int i = 1;
        while (i < length) {
            int c = data[i++] & 0xFF;
            commands.add(c);
            int args = switch (c) {
                case 0x81, 0x8D, 0x20, 0xA8, 0xD3, 0xD5, 0xD9, 0xDA, 0xDB -> 1;
                case 0x21, 0x22 -> 2;
                default -> 0;
            };
            int a = args > 0 ? data[i] & 0xFF : 0;
            int b = args > 1 ? data[i + 1] & 0xFF : 0;
            for (int k = 0; k < args; k++) {
                commands.add(data[i++] & 0xFF);
            }
            if (c == 0xAE) {
                on = false;
            } else if (c == 0xAF) {
                chargePumpOnBeforeDisplayOn = chargePump;
                on = true;
            } else if (c == 0x8D) {
                chargePump = a == 0x14;
            } else if (c == 0x20) {
                addressingMode = a & 3;
            } else if (c == 0x21) {
                columnStart = a;
                columnEnd = b;
                column = a;
            } else if (c == 0x22) {
                pageStart = a;
                pageEnd = b;
                page = a;
            } else if (c >= 0xB0 && c <= 0xB7) {
                page = c - 0xB0;
            } else if (c <= 0x0F) {
                column = column & 0xF0 | c;
            } else if (c >= 0x10 && c <= 0x1F) {
                column = column & 0x0F | (c & 0x0F) << 4;
            }
        }
    }

    private void data(byte b) {
        ram[page][column] = b;
        if (addressingMode == 2) {
            column = column >= 127 ? 0 : column + 1;
        } else {
            if (column >= columnEnd) {
                column = columnStart;
                page = page >= pageEnd ? pageStart : page + 1;
            } else {
                column++;
            }
        }
    }

    @Override
    public void writeRead(byte[] write, int writeLength, byte[] read, int readLength) {
        throw new AssertionError("an SSD1306 on I2C cannot be read");
    }
}
