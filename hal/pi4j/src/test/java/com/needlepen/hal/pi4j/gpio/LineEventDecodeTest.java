package com.needlepen.hal.pi4j.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A {@code struct gpio_v2_line_event} as a little-endian kernel (aarch64, x86-64) writes it, byte by byte,
 * decoded by the reader's allocation-free decoder and by the JNA structure, which must agree.
 */
class LineEventDecodeTest {

    // timestamp_ns 0x0000_0123_4567_89AB, id 2 (falling), offset 17, seqno 0x1_0005, line_seqno 0xFFFF_FFFE,
    // then 24 bytes of padding
    private static final String FALLING_EVENT = "ab89674523010000" + "02000000" + "11000000" + "05000100" + "feffffff"
            + "000000000000000000000000000000000000000000000000";
    // timestamp_ns 1_000_000_000 (0x3B9ACA00), id 1 (rising), offset 17, seqno 7, line_seqno 7
    private static final String RISING_EVENT = "00ca9a3b00000000" + "01000000" + "11000000" + "07000000" + "07000000"
            + "000000000000000000000000000000000000000000000000";

    private static ByteBuffer littleEndian(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void theRawBytesAreFortyEightPerEvent() {
        assertThat(HexFormat.of().parseHex(FALLING_EVENT)).hasSize(GpioV2.EVENT_SIZE);
        assertThat(HexFormat.of().parseHex(RISING_EVENT)).hasSize(GpioV2.EVENT_SIZE);
    }

    @Test
    void theDecoderReadsEachFieldOfTheSecondEventInABuffer() {
        ByteBuffer two = littleEndian(RISING_EVENT + FALLING_EVENT);

        assertThat(GpioV2.decodeTimestamp(two, 0)).isEqualTo(1_000_000_000L);
        assertThat(GpioV2.decodeId(two, 0)).isEqualTo(GpioV2.EVENT_RISING_EDGE);
        assertThat(GpioV2.decodeLineSeqno(two, 0)).isEqualTo(7);

        assertThat(GpioV2.decodeTimestamp(two, 1)).isEqualTo(0x0000_0123_4567_89ABL);
        assertThat(GpioV2.decodeId(two, 1)).isEqualTo(GpioV2.EVENT_FALLING_EDGE);
        assertThat(GpioV2.decodeOffset(two, 1)).isEqualTo(17);
        assertThat(GpioV2.decodeSeqno(two, 1)).isEqualTo(0x1_0005);
        assertThat(Integer.toUnsignedLong(GpioV2.decodeLineSeqno(two, 1))).isEqualTo(0xFFFF_FFFEL);
    }

    @Test
    void theJnaStructureReadsTheSameBytesAsTheDecoder() {
        // JNA lays the structure out in the machine's order; this machine and the Pi are both little-endian
        assertThat(ByteOrder.nativeOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        byte[] raw = HexFormat.of().parseHex(FALLING_EVENT);
        Memory m = new Memory(raw.length);
        m.write(0, raw, 0, raw.length);
        GpioV2.LineEvent e = new GpioV2.LineEvent(m);
        ByteBuffer view = m.getByteBuffer(0, raw.length).order(ByteOrder.nativeOrder());

        assertThat(e.timestamp_ns).isEqualTo(GpioV2.decodeTimestamp(view, 0)).isEqualTo(0x0000_0123_4567_89ABL);
        assertThat(e.id).isEqualTo(GpioV2.decodeId(view, 0)).isEqualTo(2);
        assertThat(e.offset).isEqualTo(GpioV2.decodeOffset(view, 0)).isEqualTo(17);
        assertThat(e.seqno).isEqualTo(GpioV2.decodeSeqno(view, 0));
        assertThat(e.line_seqno).isEqualTo(GpioV2.decodeLineSeqno(view, 0)).isEqualTo(0xFFFF_FFFE);
    }
}
