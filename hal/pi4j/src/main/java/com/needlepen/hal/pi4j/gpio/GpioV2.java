package com.needlepen.hal.pi4j.gpio;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.nio.ByteBuffer;

/**
 * The Linux GPIO character device's v2 uAPI as this module uses it: constants, ioctl numbers and the JNA
 * layouts of the structures, transcribed from {@code include/uapi/linux/gpio.h} (torvalds/linux; the v2 ABI
 * exists since Linux 5.10, the event-clock flags since 5.11 and 5.19). Sizes are asserted by
 * {@code GpioV2LayoutTest}: {@code struct gpio_v2_line_request} 592 bytes, {@code gpio_v2_line_event} 48.
 *
 * <p><b>Why v2 through JNA, not Pi4J's gpiod library classes.</b> Pi4J 3.0.x's
 * {@code com.pi4j.library.gpiod.internal} binds libgpiod v1, whose line events travel through the kernel's
 * uAPI v1 ({@code GPIO_GET_LINEEVENT_IOCTL}): a fixed 16-event kernel buffer that, when full, drops events
 * without a trace ({@code struct gpioevent_data} has no sequence number), and its methods are package-private
 * natives not meant for use outside the plugin. The v2 uAPI ({@code GPIO_V2_GET_LINE_IOCTL}) stamps every
 * event with a {@code seqno} and a per-line {@code line_seqno}, so a dropped event shows as a gap, and takes an
 * {@code event_buffer_size} the kernel honours up to {@link #EVENT_BUFFER_MAX} (it caps larger requests at
 * {@code GPIO_V2_LINES_MAX * 16}: {@code linereq_create} in {@code drivers/gpio/gpiolib-cdev.c}). JNA is on the
 * class path already (Pi4J's linuxfs plugin brings it), so this costs no dependency.
 *
 * <p><b>The event clock.</b> No {@code GPIO_V2_LINE_FLAG_EVENT_CLOCK_*} flag is ever set, so the kernel
 * stamps events with {@code ktime_get_ns()}, i.e. CLOCK_MONOTONIC ({@code line_event_timestamp} in
 * gpiolib-cdev.c), the clock {@link System#nanoTime()} reads on Linux (see {@link KernelIndexSensor}).
 * {@code EVENT_CLOCK_REALTIME} would make the stamps jump with NTP; {@code EVENT_CLOCK_HTE} needs a
 * hardware timestamp engine the Pi does not have.
 */
public final class GpioV2 {

    private GpioV2() {
    }

    /** {@code GPIO_MAX_NAME_SIZE}: the length of name, label and consumer arrays. */
    public static final int MAX_NAME_SIZE = 32;
    /** {@code GPIO_V2_LINES_MAX}. */
    public static final int LINES_MAX = 64;
    /** {@code GPIO_V2_LINE_NUM_ATTRS_MAX}. */
    public static final int NUM_ATTRS_MAX = 10;
    /** The largest event buffer the kernel allocates for a line request: {@code GPIO_V2_LINES_MAX * 16}. */
    public static final int EVENT_BUFFER_MAX = LINES_MAX * 16;

    // enum gpio_v2_line_flag (_BITULL(n))
    public static final long FLAG_USED = 1L << 0;
    public static final long FLAG_ACTIVE_LOW = 1L << 1;
    public static final long FLAG_INPUT = 1L << 2;
    public static final long FLAG_OUTPUT = 1L << 3;
    public static final long FLAG_EDGE_RISING = 1L << 4;
    public static final long FLAG_EDGE_FALLING = 1L << 5;
    public static final long FLAG_OPEN_DRAIN = 1L << 6;
    public static final long FLAG_OPEN_SOURCE = 1L << 7;
    public static final long FLAG_BIAS_PULL_UP = 1L << 8;
    public static final long FLAG_BIAS_PULL_DOWN = 1L << 9;
    public static final long FLAG_BIAS_DISABLED = 1L << 10;
    /** Never set here: wall-clock stamps (listed so a test can assert it is absent). */
    public static final long FLAG_EVENT_CLOCK_REALTIME = 1L << 11;
    /** Never set here: hardware timestamp engine stamps. */
    public static final long FLAG_EVENT_CLOCK_HTE = 1L << 12;

    // enum gpio_v2_line_attr_id
    public static final int ATTR_ID_FLAGS = 1;
    public static final int ATTR_ID_OUTPUT_VALUES = 2;
    public static final int ATTR_ID_DEBOUNCE = 3;

    // enum gpio_v2_line_event_id
    public static final int EVENT_RISING_EDGE = 1;
    public static final int EVENT_FALLING_EDGE = 2;

    /** {@code sizeof(struct gpio_v2_line_event)}. */
    public static final int EVENT_SIZE = 48;
    /** {@code sizeof(struct gpio_v2_line_request)}. */
    public static final int LINE_REQUEST_SIZE = 592;
    /** {@code sizeof(struct gpiochip_info)}. */
    public static final int CHIP_INFO_SIZE = 68;
    /** {@code sizeof(struct gpio_v2_line_values)}. */
    public static final int LINE_VALUES_SIZE = 16;

    // asm-generic/ioctl.h, as arm64 and x86-64 use it: nr 8 bits, type 8, size 14, dir 2
    private static final int IOC_WRITE = 1;
    private static final int IOC_READ = 2;

    /** {@code _IOC(dir, type, nr, size)} of asm-generic/ioctl.h. */
    static long ioc(int dir, int type, int nr, int size) {
        return ((long) dir << 30) | ((long) size << 16) | ((long) type << 8) | nr;
    }

    /** {@code GPIO_GET_CHIPINFO_IOCTL = _IOR(0xB4, 0x01, struct gpiochip_info)}. */
    public static final long GET_CHIPINFO_IOCTL = ioc(IOC_READ, 0xB4, 0x01, CHIP_INFO_SIZE);
    /** {@code GPIO_V2_GET_LINE_IOCTL = _IOWR(0xB4, 0x07, struct gpio_v2_line_request)}. */
    public static final long GET_LINE_IOCTL = ioc(IOC_READ | IOC_WRITE, 0xB4, 0x07, LINE_REQUEST_SIZE);
    /** {@code GPIO_V2_LINE_GET_VALUES_IOCTL = _IOWR(0xB4, 0x0E, struct gpio_v2_line_values)}. */
    public static final long LINE_GET_VALUES_IOCTL = ioc(IOC_READ | IOC_WRITE, 0xB4, 0x0E, LINE_VALUES_SIZE);

    /** {@code struct gpiochip_info}: name, label, lines. */
    @Structure.FieldOrder({"name", "label", "lines"})
    public static final class ChipInfo extends Structure {
        public byte[] name = new byte[MAX_NAME_SIZE];
        public byte[] label = new byte[MAX_NAME_SIZE];
        public int lines;

        public ChipInfo() {
        }

        public ChipInfo(Pointer p) {
            super(p);
        }

        public String labelText() {
            return cString(label);
        }

        public String nameText() {
            return cString(name);
        }
    }

    /**
     * {@code struct gpio_v2_line_attribute}: id, padding, and a 64-bit union (flags, values, or
     * {@code debounce_period_us} in its low 32 bits), held here as one {@code long}.
     */
    @Structure.FieldOrder({"id", "padding", "value"})
    public static final class LineAttribute extends Structure {
        public int id;
        public int padding;
        public long value;
    }

    /** {@code struct gpio_v2_line_config_attribute}: an attribute and the mask of lines it applies to. */
    @Structure.FieldOrder({"attr", "mask"})
    public static final class LineConfigAttribute extends Structure {
        public LineAttribute attr = new LineAttribute();
        public long mask;
    }

    /** {@code struct gpio_v2_line_config}: default flags, attribute count, padding[5], attrs[10]. */
    @Structure.FieldOrder({"flags", "num_attrs", "padding", "attrs"})
    public static final class LineConfig extends Structure {
        public long flags;
        public int num_attrs;
        public int[] padding = new int[5];
        public LineConfigAttribute[] attrs = (LineConfigAttribute[]) new LineConfigAttribute().toArray(NUM_ATTRS_MAX);
    }

    /**
     * {@code struct gpio_v2_line_request}: offsets[64], consumer[32], config, num_lines, event_buffer_size,
     * padding[5], fd (592 bytes).
     */
    @Structure.FieldOrder({"offsets", "consumer", "config", "num_lines", "event_buffer_size", "padding", "fd"})
    public static final class LineRequest extends Structure {
        public int[] offsets = new int[LINES_MAX];
        public byte[] consumer = new byte[MAX_NAME_SIZE];
        public LineConfig config = new LineConfig();
        public int num_lines;
        public int event_buffer_size;
        public int[] padding = new int[5];
        public int fd;

        /** Sets the consumer label the kernel shows in {@code gpioinfo} (truncated to 31 bytes, NUL-terminated). */
        public void consumer(String label) {
            byte[] b = label.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.util.Arrays.fill(consumer, (byte) 0);
            System.arraycopy(b, 0, consumer, 0, Math.min(b.length, MAX_NAME_SIZE - 1));
        }

        /** Byte offset of a field, for the layout test. */
        public int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** {@code struct gpio_v2_line_values}: bits and mask. */
    @Structure.FieldOrder({"bits", "mask"})
    public static final class LineValues extends Structure {
        public long bits;
        public long mask;
    }

    /**
     * {@code struct gpio_v2_line_event}: timestamp_ns, id, offset, seqno, line_seqno, padding[6] (48 bytes).
     * The reader does not use this class on its hot path ({@link #decodeTimestamp} and friends read the
     * same bytes from a buffer without allocating); it is the layout's reference, checked against them.
     */
    @Structure.FieldOrder({"timestamp_ns", "id", "offset", "seqno", "line_seqno", "padding"})
    public static final class LineEvent extends Structure {
        public long timestamp_ns;
        public int id;
        public int offset;
        public int seqno;
        public int line_seqno;
        public int[] padding = new int[6];

        public LineEvent() {
        }

        public LineEvent(Pointer p) {
            super(p);
            read();
        }

        public int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    // byte offsets inside struct gpio_v2_line_event (asserted against LineEvent by the layout test)
    static final int EVENT_TIMESTAMP_OFFSET = 0;
    static final int EVENT_ID_OFFSET = 8;
    static final int EVENT_LINE_OFFSET = 12;
    static final int EVENT_SEQNO_OFFSET = 16;
    static final int EVENT_LINE_SEQNO_OFFSET = 20;

    /** The {@code timestamp_ns} of the {@code index}-th event in {@code events} (a buffer in the machine's byte order). */
    public static long decodeTimestamp(ByteBuffer events, int index) {
        return events.getLong(index * EVENT_SIZE + EVENT_TIMESTAMP_OFFSET);
    }

    /** The {@code id} (rising 1, falling 2) of the {@code index}-th event. */
    public static int decodeId(ByteBuffer events, int index) {
        return events.getInt(index * EVENT_SIZE + EVENT_ID_OFFSET);
    }

    /** The {@code offset} (the line) of the {@code index}-th event. */
    public static int decodeOffset(ByteBuffer events, int index) {
        return events.getInt(index * EVENT_SIZE + EVENT_LINE_OFFSET);
    }

    /** The {@code seqno} of the {@code index}-th event (unsigned 32 bits, held in an int). */
    public static int decodeSeqno(ByteBuffer events, int index) {
        return events.getInt(index * EVENT_SIZE + EVENT_SEQNO_OFFSET);
    }

    /** The {@code line_seqno} of the {@code index}-th event (unsigned 32 bits, held in an int). */
    public static int decodeLineSeqno(ByteBuffer events, int index) {
        return events.getInt(index * EVENT_SIZE + EVENT_LINE_SEQNO_OFFSET);
    }

    static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
