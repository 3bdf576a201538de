package com.needlepen.hal.pi4j.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The JNA layouts against include/uapi/linux/gpio.h (sizes and offsets computed by hand from the header's
 * field list; the header pads every struct to 8-byte alignment itself), and the ioctl numbers against
 * {@code _IOC} of asm-generic/ioctl.h. In process: no ioctl is called.
 */
class GpioV2LayoutTest {

    @Test
    void structureSizesMatchTheHeader() {
        assertThat(new GpioV2.LineRequest().size()).isEqualTo(592).isEqualTo(GpioV2.LINE_REQUEST_SIZE);
        assertThat(new GpioV2.LineEvent().size()).isEqualTo(48).isEqualTo(GpioV2.EVENT_SIZE);
        assertThat(new GpioV2.ChipInfo().size()).isEqualTo(68).isEqualTo(GpioV2.CHIP_INFO_SIZE);
        assertThat(new GpioV2.LineValues().size()).isEqualTo(16).isEqualTo(GpioV2.LINE_VALUES_SIZE);
        assertThat(new GpioV2.LineAttribute().size()).isEqualTo(16);
        assertThat(new GpioV2.LineConfigAttribute().size()).isEqualTo(24);
        // flags 8 + num_attrs 4 + padding 20 + 10 attrs of 24
        assertThat(new GpioV2.LineConfig().size()).isEqualTo(272);
    }

    @Test
    void lineRequestFieldOffsets() {
        GpioV2.LineRequest r = new GpioV2.LineRequest();
        assertThat(r.offsetOf("offsets")).isZero();
        assertThat(r.offsetOf("consumer")).isEqualTo(256);
        assertThat(r.offsetOf("config")).isEqualTo(288);
        assertThat(r.offsetOf("num_lines")).isEqualTo(560);
        assertThat(r.offsetOf("event_buffer_size")).isEqualTo(564);
        assertThat(r.offsetOf("padding")).isEqualTo(568);
        assertThat(r.offsetOf("fd")).isEqualTo(588);
    }

    @Test
    void lineEventFieldOffsetsAreTheDecodersOffsets() {
        GpioV2.LineEvent e = new GpioV2.LineEvent();
        assertThat(e.offsetOf("timestamp_ns")).isEqualTo(GpioV2.EVENT_TIMESTAMP_OFFSET).isZero();
        assertThat(e.offsetOf("id")).isEqualTo(GpioV2.EVENT_ID_OFFSET).isEqualTo(8);
        assertThat(e.offsetOf("offset")).isEqualTo(GpioV2.EVENT_LINE_OFFSET).isEqualTo(12);
        assertThat(e.offsetOf("seqno")).isEqualTo(GpioV2.EVENT_SEQNO_OFFSET).isEqualTo(16);
        assertThat(e.offsetOf("line_seqno")).isEqualTo(GpioV2.EVENT_LINE_SEQNO_OFFSET).isEqualTo(20);
        assertThat(e.offsetOf("padding")).isEqualTo(24);
    }

    @Test
    void ioctlNumbers() {
        // the values the kernel headers give on arm64 and x86-64
        assertThat(GpioV2.GET_CHIPINFO_IOCTL).isEqualTo(0x8044B401L);
        assertThat(GpioV2.GET_LINE_IOCTL).isEqualTo(0xC250B407L);
        assertThat(GpioV2.LINE_GET_VALUES_IOCTL).isEqualTo(0xC010B40EL);
    }

    @Test
    void flagsAreTheHeadersBits() {
        assertThat(GpioV2.FLAG_INPUT).isEqualTo(0x4);
        assertThat(GpioV2.FLAG_EDGE_RISING).isEqualTo(0x10);
        assertThat(GpioV2.FLAG_EDGE_FALLING).isEqualTo(0x20);
        assertThat(GpioV2.FLAG_BIAS_PULL_UP).isEqualTo(0x100);
        assertThat(GpioV2.FLAG_BIAS_PULL_DOWN).isEqualTo(0x200);
        assertThat(GpioV2.FLAG_BIAS_DISABLED).isEqualTo(0x400);
        assertThat(GpioV2.FLAG_EVENT_CLOCK_REALTIME).isEqualTo(0x800);
        assertThat(GpioV2.FLAG_EVENT_CLOCK_HTE).isEqualTo(0x1000);
        assertThat(GpioV2.EVENT_BUFFER_MAX).isEqualTo(1024);
    }

    @Test
    void theIndexLineIsRequestedAsAnInputOnBothEdgesWithTheMonotonicClockAndNoActiveLow() {
        long flags = LinuxLineEvents.requestFlags(LinuxLineEvents.Bias.PULL_UP);
        assertThat(flags).isEqualTo(0x4L | 0x10L | 0x20L | 0x100L);
        assertThat(flags & (GpioV2.FLAG_EVENT_CLOCK_REALTIME | GpioV2.FLAG_EVENT_CLOCK_HTE)).isZero();
        assertThat(flags & GpioV2.FLAG_ACTIVE_LOW).isZero();
        assertThat(LinuxLineEvents.requestFlags(LinuxLineEvents.Bias.AS_IS)).isEqualTo(0x34L);
    }

    @Test
    void aWrittenLineRequestHasItsFieldsWhereTheKernelReadsThem() {
        GpioV2.LineRequest r = new GpioV2.LineRequest();
        r.offsets[0] = 17;
        r.num_lines = 1;
        r.consumer(LinuxLineEvents.CONSUMER);
        r.config.flags = LinuxLineEvents.requestFlags(LinuxLineEvents.Bias.PULL_UP);
        r.event_buffer_size = GpioV2.EVENT_BUFFER_MAX;
        r.write();
        ByteBuffer b = r.getPointer().getByteBuffer(0, 592).order(ByteOrder.nativeOrder());

        assertThat(b.getInt(0)).isEqualTo(17);
        byte[] consumer = new byte[32];
        b.get(256, consumer);
        assertThat(GpioV2.cString(consumer)).isEqualTo("needlepen-index");
        assertThat(b.getLong(288)).isEqualTo(0x134L);
        assertThat(b.getInt(296)).isZero(); // num_attrs: no debounce attribute
        assertThat(b.getInt(560)).isEqualTo(1);
        assertThat(b.getInt(564)).isEqualTo(1024);
        for (int off = 568; off < 588; off += 4) {
            assertThat(b.getInt(off)).as("padding at %d must be zero (the kernel refuses it otherwise)", off).isZero();
        }
    }

    @Test
    void aChipInfoLabelIsReadFromItsBytes() {
        Memory m = new Memory(68);
        m.clear();
        m.setString(0, "gpiochip0", "US-ASCII");
        m.setString(32, "pinctrl-bcm2711", "US-ASCII");
        m.setInt(64, 58);
        GpioV2.ChipInfo info = new GpioV2.ChipInfo(m);
        info.read();

        assertThat(info.nameText()).isEqualTo("gpiochip0");
        assertThat(info.labelText()).isEqualTo("pinctrl-bcm2711");
        assertThat(info.lines).isEqualTo(58);
    }
}
