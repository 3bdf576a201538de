package com.needlepen.hal.pi4j.i2c;

import com.needlepen.hal.TextDisplay;
import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.I2cChannel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The pen's 128x64 OLED (SSD1306 controller on I2C, address 0x3C) as a text display of {@value #LINES} lines of
 * {@value #COLUMNS} columns in the {@link Font5x7} font: each character a 6-pixel cell (5 columns and a gap), 21
 * cells = 126 pixels, one pixel margin either side; line n on page 2n (8 pixel rows), a blank page between lines.
 *
 * <p>The control tick calls {@link #writeLine}, which copies the text into a preallocated buffer and marks the line
 * dirty (no bus access, no allocation; an unchanged line is not marked). The backend's service thread calls
 * {@link #poll()}, which renders the dirty lines into the frame and sends at most {@value #CHUNKS_PER_POLL} chunk of
 * {@value #CHUNK_BYTES} columns per call (a 33-byte data write, about 0.8 ms at 400 kHz), so the display never holds
 * the bus long enough to let the current monitor's readings go stale; a 21-character line is four chunks.
 *
 * <p>I2C framing (SSD1306 datasheet rev 1.1 section 8.1.5): after the address, a control byte: 00h = the rest of the
 * transfer is commands (Co = 0, D/C# = 0), 40h = the rest is display data (D/C# = 1). Commands (datasheet Table 9-1;
 * the sequence of its "Software Initialization" flow chart and Application Note "Charge Pump Setting", 8Dh 14h
 * before AFh): AEh display off; D5h 80h clock divide 1, oscillator default; A8h 3Fh multiplex 64; D3h 00h no offset;
 * 40h start line 0; 8Dh 14h charge pump on; 20h 02h page addressing mode; A1h segment remap (column 127 = SEG0);
 * C8h COM scan from COM63; DAh 12h alternative COM pins (128x64 panels); 81h CFh contrast; D9h F1h pre-charge;
 * DBh 40h VCOMH deselect; A4h display follows RAM; A6h normal (not inverted); then the RAM cleared page by page, then
 * AFh display on. In page addressing mode B0h..B7h selects the page, 00h..0Fh and 10h..1Fh the column's low and
 * high nibble; data bytes fill columns left to right, bit 0 the top row.
 */
public final class Ssd1306Display implements TextDisplay {

    public static final int LINES = 4;
    public static final int COLUMNS = 21;
    static final int WIDTH = 128;
    static final int PAGES = 8;
    static final int CELL = 6;
    static final int MARGIN = 1;
    static final int CHUNK_BYTES = 32;
    static final int CHUNKS_PER_PAGE = WIDTH / CHUNK_BYTES;
    static final int CHUNKS_PER_POLL = 1;
    static final int CONTROL_COMMANDS = 0x00;
    static final int CONTROL_DATA = 0x40;

    /** The initialisation before the RAM is cleared; display on (AFh) follows the clear. */
    static final byte[] INIT = bytes(
            0xAE, 0xD5, 0x80, 0xA8, 0x3F, 0xD3, 0x00, 0x40, 0x8D, 0x14, 0x20, 0x02, 0xA1, 0xC8, 0xDA, 0x12,
            0x81, 0xCF, 0xD9, 0xF1, 0xDB, 0x40, 0xA4, 0xA6);
    static final int DISPLAY_ON = 0xAF;

    private static final VarHandle DIRTY;

    static {
        try {
            DIRTY = MethodHandles.lookup().findVarHandle(Ssd1306Display.class, "dirtyLines", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final I2cChannel channel;
    private final char[][] text = new char[LINES][COLUMNS];
    /** Bit n: line n changed since the service thread last rendered it (written with VarHandle volatile access). */
    @SuppressWarnings("unused")
    private int dirtyLines;

    // the service thread's own state
    private final char[] copy = new char[COLUMNS];
    private final byte[][] frame = new byte[PAGES][WIDTH];
    private final byte[] command = new byte[4];
    private final byte[] data = new byte[1 + CHUNK_BYTES];
    private long pendingChunks;
    private volatile boolean started;
    private volatile String lastFault = "";

    public Ssd1306Display(I2cChannel channel) {
        this.channel = channel;
        for (char[] line : text) {
            java.util.Arrays.fill(line, ' ');
        }
    }

    /**
     * Initialises the controller, clears its RAM and turns it on (about 30 ms of bus at 400 kHz): at boot, on the
     * service thread, before the first {@link #poll()}. Every line written with text on it is then sent again.
     */
    public void start() throws BusException {
        byte[] init = new byte[1 + INIT.length];
        init[0] = CONTROL_COMMANDS;
        System.arraycopy(INIT, 0, init, 1, INIT.length);
        channel.write(init, init.length);
        for (byte[] page : frame) {
            java.util.Arrays.fill(page, (byte) 0);
        }
        byte[] clear = new byte[1 + WIDTH];
        clear[0] = CONTROL_DATA;
        for (int page = 0; page < PAGES; page++) {
            address(page, 0);
            channel.write(clear, clear.length);
        }
        command[0] = CONTROL_COMMANDS;
        command[1] = (byte) DISPLAY_ON;
        channel.write(command, 2);
        pendingChunks = 0;
        // the RAM is blank now: only lines written with something on them need sending
        int written = 0;
        for (int line = 0; line < LINES; line++) {
            for (char c : text[line]) {
                if (c != ' ') {
                    written |= 1 << line;
                    break;
                }
            }
        }
        DIRTY.getAndBitwiseOr(this, written);
        started = true;
    }

    @Override
    public int lineCount() {
        return LINES;
    }

    @Override
    public int columnCount() {
        return COLUMNS;
    }

    @Override
    public void writeLine(int line, CharSequence text) {
        if (line < 0 || line >= LINES) {
            throw new IllegalArgumentException("display line " + line + " does not exist; allowed 0.." + (LINES - 1));
        }
        char[] target = this.text[line];
        boolean changed = false;
        for (int i = 0; i < COLUMNS; i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (target[i] != c) {
                target[i] = c;
                changed = true;
            }
        }
        if (changed) {
            DIRTY.getAndBitwiseOr(this, 1 << line);
        }
    }

    /**
     * Renders the lines written since the last poll and sends at most {@value #CHUNKS_PER_POLL} chunk of the frame;
     * a chunk that fails stays pending (its reason in {@link #lastFault()}). Does nothing before {@link #start()}.
     */
    public void poll() {
        if (!started) {
            return;
        }
        int dirty = (int) DIRTY.getAndSet(this, 0);
        for (int line = 0; line < LINES; line++) {
            if ((dirty & 1 << line) != 0) {
                render(line);
            }
        }
        for (int sent = 0; sent < CHUNKS_PER_POLL && pendingChunks != 0; sent++) {
            int chunk = Long.numberOfTrailingZeros(pendingChunks);
            try {
                send(chunk / CHUNKS_PER_PAGE, chunk % CHUNKS_PER_PAGE * CHUNK_BYTES);
                pendingChunks &= ~(1L << chunk);
            } catch (BusException e) {
                lastFault = e.getMessage();
                return;
            }
        }
    }

    private void render(int line) {
        char[] source = text[line];
        for (int i = 0; i < COLUMNS; i++) {
            copy[i] = source[i];
        }
        int page = pageOf(line);
        byte[] row = frame[page];
        java.util.Arrays.fill(row, (byte) 0);
        for (int i = 0; i < COLUMNS; i++) {
            int glyph = Font5x7.offset(copy[i]);
            int x = MARGIN + i * CELL;
            for (int c = 0; c < Font5x7.WIDTH; c++) {
                row[x + c] = Font5x7.column(glyph, c);
            }
        }
        pendingChunks |= ((1L << CHUNKS_PER_PAGE) - 1) << (page * CHUNKS_PER_PAGE);
    }

    private void send(int page, int column) throws BusException {
        address(page, column);
        data[0] = CONTROL_DATA;
        System.arraycopy(frame[page], column, data, 1, CHUNK_BYTES);
        channel.write(data, data.length);
    }

    private void address(int page, int column) throws BusException {
        command[0] = CONTROL_COMMANDS;
        command[1] = (byte) (0xB0 | page);
        command[2] = (byte) (column & 0x0F);
        command[3] = (byte) (0x10 | column >>> 4);
        channel.write(command, 4);
    }

    /** The page line {@code line} is drawn on. */
    static int pageOf(int line) {
        return 2 * line;
    }

    /** Whether every line written has reached the display. */
    public boolean flushed() {
        return pendingChunks == 0 && (int) DIRTY.getVolatile(this) == 0;
    }

    public String lastFault() {
        return lastFault;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
