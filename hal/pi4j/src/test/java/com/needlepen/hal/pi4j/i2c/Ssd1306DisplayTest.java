package com.needlepen.hal.pi4j.i2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.needlepen.hal.pi4j.bus.BusException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Ssd1306DisplayTest {

    private Ssd1306Model panel;
    private Ssd1306Display display;

    @BeforeEach
    void setUp() {
        panel = new Ssd1306Model();
        display = new Ssd1306Display(panel);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private void flush() {
        for (int i = 0; i < 64 && !display.flushed(); i++) {
            display.poll();
        }
        assertThat(display.flushed()).isTrue();
    }

    @Test
    void startSendsTheInitSequenceClearsTheRamThenTurnsTheDisplayOn() throws BusException {
        display.start();
        assertThat(panel.writes.get(0)).containsExactly(bytes(0x00,
                0xAE,             // display off
                0xD5, 0x80,       // clock divide 1, default oscillator
                0xA8, 0x3F,       // multiplex 64
                0xD3, 0x00,       // no display offset
                0x40,             // start line 0
                0x8D, 0x14,       // charge pump on
                0x20, 0x02,       // page addressing mode
                0xA1, 0xC8,       // segment remap, COM scan from COM63
                0xDA, 0x12,       // alternative COM pins (128x64)
                0x81, 0xCF,       // contrast
                0xD9, 0xF1,       // pre-charge
                0xDB, 0x40,       // VCOMH deselect
                0xA4, 0xA6));     // follow RAM, not inverted
        for (int page = 0; page < 8; page++) {
            assertThat(panel.writes.get(1 + 2 * page)).containsExactly(bytes(0x00, 0xB0 + page, 0x00, 0x10));
            byte[] clear = panel.writes.get(2 + 2 * page);
            assertThat(clear).hasSize(129);
            assertThat(clear[0]).isEqualTo((byte) 0x40);
            assertThat(Arrays.copyOfRange(clear, 1, 129)).containsOnly(0);
        }
        assertThat(panel.writes.get(17)).containsExactly(bytes(0x00, 0xAF));
        assertThat(panel.writes).hasSize(18);
        assertThat(panel.on).isTrue();
        assertThat(panel.chargePumpOnBeforeDisplayOn).isTrue();
        assertThat(panel.addressingMode).isEqualTo(2);
        for (byte[] page : panel.ram) {
            assertThat(page).containsOnly(0);
        }
    }

    @Test
    void writeLineTouchesNoBus() throws BusException {
        display.start();
        int writes = panel.writes.size();
        display.writeLine(0, "RUNNING");
        display.writeLine(1, "Depth 1.25 mm");
        assertThat(panel.writes).hasSize(writes);
        assertThat(display.flushed()).isFalse();
    }

    @Test
    void aLinesPageDataIsItsGlyphsInSixPixelCellsOneFromTheLeft() throws BusException {
        display.start();
        display.writeLine(0, "A0");
        int before = panel.writes.size();
        display.poll();
        // one chunk: the page and column address, then 32 columns of data
        assertThat(panel.writes.get(before)).containsExactly(bytes(0x00, 0xB0, 0x00, 0x10));
        assertThat(panel.writes.get(before + 1)).hasSize(33).startsWith(bytes(0x40,
                0x00,                               // the margin
                0x7E, 0x11, 0x11, 0x11, 0x7E, 0x00, // 'A' and its gap
                0x3E, 0x51, 0x49, 0x45, 0x3E, 0x00, // '0'
                0x00, 0x00));                       // blanks
        assertThat(panel.writes).hasSize(before + 2);
        flush();
        assertThat(Arrays.copyOfRange(panel.ram[0], 0, 13)).containsExactly(bytes(
                0x00, 0x7E, 0x11, 0x11, 0x11, 0x7E, 0x00, 0x3E, 0x51, 0x49, 0x45, 0x3E, 0x00));
    }

    @Test
    void aLineIsFourChunksOfThirtyTwoColumnsOnePerPoll() throws BusException {
        display.start();
        display.writeLine(3, "F19 sensor");
        int before = panel.writes.size();
        for (int chunk = 0; chunk < 4; chunk++) {
            assertThat(display.flushed()).isFalse();
            display.poll();
            int column = chunk * 32;
            assertThat(panel.writes.get(before + 2 * chunk))
                    .containsExactly(bytes(0x00, 0xB6, column & 0x0F, 0x10 | column >> 4)); // line 3 on page 6
        }
        assertThat(display.flushed()).isTrue();
        assertThat(Ssd1306Display.pageOf(3)).isEqualTo(6);
        display.poll();
        assertThat(panel.writes).hasSize(before + 8);
        assertThat(decode(6)).isEqualTo("F19 sensor");
    }

    @Test
    void writeLineAllocatesNothing() throws BusException {
        display.start();
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        StringBuilder text = new StringBuilder(64);
        for (int i = 0; i < 20_000; i++) { // warm up
            text.setLength(0);
            text.append("Rate ").append(i % 150).append(" Hz");
            display.writeLine(2, text);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            text.setLength(0);
            text.append("Depth ").append(i % 150).append(" mm");
            display.writeLine(1, text);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(allocated).isLessThan(1024);
    }

    @Test
    void anUnchangedLineIsNotSentAgain() throws BusException {
        display.start();
        display.writeLine(2, "Rate 120 Hz");
        flush();
        int writes = panel.writes.size();
        display.writeLine(2, "Rate 120 Hz");
        display.poll();
        assertThat(panel.writes).hasSize(writes);
    }

    @Test
    void whatTheFirmwareWritesReadsBack() throws BusException {
        display.start();
        display.writeLine(0, "RUNNING");
        display.writeLine(1, "Depth 1.25 mm");
        display.writeLine(2, "Rate 120 Hz");
        display.writeLine(3, "CONFIRM: new cart?");
        flush();
        assertThat(decode(0)).isEqualTo("RUNNING");
        assertThat(decode(2)).isEqualTo("Depth 1.25 mm");
        assertThat(decode(4)).isEqualTo("Rate 120 Hz");
        assertThat(decode(6)).isEqualTo("CONFIRM: new cart?");
        for (int page : new int[] {1, 3, 5, 7}) {
            assertThat(panel.ram[page]).containsOnly(0); // the blank pages between lines
        }
        display.writeLine(3, "F06 handpiece at or above the temperature cut-off");
        flush();
        assertThat(decode(6)).isEqualTo("F06 handpiece at or a"); // cut to 21 columns
    }

    @Test
    void theDegreeSignHasAGlyphAndAnUnknownCharacterIsAQuestionMark() throws BusException {
        display.start();
        display.writeLine(0, "41\u00B0C \u2603");
        flush();
        assertThat(Arrays.copyOfRange(panel.ram[0], 13, 18)).containsExactly(bytes(0x00, 0x06, 0x09, 0x09, 0x06));
        assertThat(decode(0)).isEqualTo("41\u00B0C ?");
    }

    @Test
    void aFailedChunkStaysPendingAndIsSentAtTheNextPoll() throws BusException {
        display.start();
        display.writeLine(0, "STOPPING");
        panel.failNext = 1;
        display.poll();
        assertThat(display.lastFault()).isEqualTo("no ACK from 0x3c (injected)");
        assertThat(display.flushed()).isFalse();
        flush();
        assertThat(decode(0)).isEqualTo("STOPPING");
    }

    @Test
    void nothingIsSentBeforeStartAndWhatWasWrittenBeforeIsSentAfter() throws BusException {
        display.writeLine(1, "IDLE");
        display.poll();
        assertThat(panel.writes).isEmpty();
        display.start();
        int writes = panel.writes.size();
        flush();
        assertThat(panel.writes).hasSize(writes + 8); // line 1's four chunks only: the others are blank already
        assertThat(decode(2)).isEqualTo("IDLE");
    }

    @Test
    void aLineThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> display.writeLine(4, "x")).hasMessage("display line 4 does not exist; allowed 0..3");
        assertThat(display.lineCount()).isEqualTo(4);
        assertThat(display.columnCount()).isEqualTo(21);
    }

    @Test
    void everyPrintableGlyphIsDrawnDistinctAndWithinSevenRows() {
        assertThat(Font5x7.glyphCount()).isEqualTo(96);
        Set<String> seen = new HashSet<>();
        for (char c = 0x21; c <= 0x7E; c++) {
            byte[] glyph = glyph(c);
            assertThat(glyph).as("glyph of '%s'", c).isNotEqualTo(new byte[5]);
            for (byte b : glyph) {
                assertThat(b & 0x80).as("glyph of '%s' uses the eighth row", c).isZero();
            }
            assertThat(seen.add(Arrays.toString(glyph))).as("glyph of '%s' is another's", c).isTrue();
        }
        assertThat(seen).doesNotContain(Arrays.toString(glyph(Font5x7.DEGREE)));
    }

    private static byte[] glyph(char c) {
        byte[] g = new byte[5];
        int offset = Font5x7.offset(c);
        for (int i = 0; i < 5; i++) {
            g[i] = Font5x7.column(offset, i);
        }
        return g;
    }

    /** Reads a text line back from the panel's RAM, cell by cell (6 pixels from column 1), through the font. */
    private String decode(int page) {
        StringBuilder sb = new StringBuilder();
        for (int cell = 0; cell < 21; cell++) {
            byte[] seen = Arrays.copyOfRange(panel.ram[page], 1 + cell * 6, 6 + cell * 6);
            assertThat(panel.ram[page][6 + cell * 6]).as("gap after cell %d", cell).isZero();
            char found = 0;
            for (char c = 0x20; c <= 0x7E && found == 0; c++) {
                if (Arrays.equals(glyph(c), seen)) {
                    found = c;
                }
            }
            if (found == 0 && Arrays.equals(glyph(Font5x7.DEGREE), seen)) {
                found = Font5x7.DEGREE;
            }
            assertThat((int) found).as("cell %d on page %d holds no glyph", cell, page).isNotZero();
            sb.append(found);
        }
        assertThat(panel.ram[page][0]).isZero();
        return sb.toString().stripTrailing();
    }
}
