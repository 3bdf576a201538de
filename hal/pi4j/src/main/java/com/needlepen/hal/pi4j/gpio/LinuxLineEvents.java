package com.needlepen.hal.pi4j.gpio;

import com.needlepen.hal.pi4j.linux.LibC;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One input line's edge events from the Linux GPIO character device, through the v2 uAPI
 * ({@code GPIO_V2_GET_LINE_IOCTL}; why v2 and not Pi4J's libgpiod v1 classes: {@link GpioV2}).
 *
 * <p>It finds the SoC's GPIO chip by its label, not by its number: the chip whose label contains
 * {@code "pinctrl"} ({@code pinctrl-bcm2711} on a Pi 4, {@code pinctrl-rp1} on a Pi 5; {@code /dev/gpiochip0} on
 * the one, {@code gpiochip4} or {@code gpiochip0} on the other depending on the kernel), and requests the line
 * as an input with both edges detected, the chosen bias, no debounce and the default (CLOCK_MONOTONIC) event
 * clock, asking for the kernel's largest event buffer ({@link GpioV2#EVENT_BUFFER_MAX}, 1,024 events: at 150 Hz,
 * two edges a revolution, 3.4 s of events before the first is dropped). Kernel debounce is not used on
 * purpose: a debounced line's events are stamped in a workqueue after the debounce period
 * ({@code debounce_work_func} in gpiolib-cdev.c), not in the hard interrupt.
 *
 * <p>Events are read with {@code poll(2)} (bounded by the caller's timeout, so the reading thread can be
 * stopped) and {@code read(2)} into one preallocated native buffer, decoded without allocating.
 *
 * <p>What goes wrong at start is one line naming the device node and the fix: no {@code /dev/gpiochip*}, no
 * permission (the user is not in group {@code gpio}), no pinctrl chip, the line held by another consumer.
 */
public final class LinuxLineEvents implements LineEventSource {

    /** Consumer label the kernel shows for the line ({@code gpioinfo}). */
    public static final String CONSUMER = "needlepen-index";
    /** Events read per {@code read(2)} at most. */
    static final int BATCH = 64;

    /** The line's pull resistor. */
    public enum Bias {
        /** Leave the pad's bias as it is (as configured by the device tree or {@code config.txt}). */
        AS_IS(0L),
        DISABLED(GpioV2.FLAG_BIAS_DISABLED),
        PULL_UP(GpioV2.FLAG_BIAS_PULL_UP),
        PULL_DOWN(GpioV2.FLAG_BIAS_PULL_DOWN);

        final long flag;

        Bias(long flag) {
            this.flag = flag;
        }
    }

    private final String where;
    private final int lineFd;
    private final boolean initialHigh;
    private final Memory events = new Memory((long) BATCH * GpioV2.EVENT_SIZE);
    private final ByteBuffer view = events.getByteBuffer(0, events.size()).order(ByteOrder.nativeOrder());
    private final Memory pollFd = new Memory(8); // struct pollfd { int fd; short events; short revents; }
    private volatile boolean closed;

    private LinuxLineEvents(String where, int lineFd, boolean initialHigh) {
        this.where = where;
        this.lineFd = lineFd;
        this.initialHigh = initialHigh;
    }

    /**
     * Requests line {@code offset} of the SoC's pinctrl GPIO chip found under {@code /dev}.
     *
     * @throws IOException one line naming the device node and the fix when it cannot
     */
    public static LinuxLineEvents openPinctrlLine(int offset, Bias bias) throws IOException {
        return open(Path.of("/dev"), offset, bias, GpioV2.EVENT_BUFFER_MAX);
    }

    static LinuxLineEvents open(Path devDir, int offset, Bias bias, int eventBufferSize) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("GPIO line offset " + offset + " is negative: the BCM GPIO number is expected");
        }
        if (eventBufferSize < 1 || eventBufferSize > GpioV2.EVENT_BUFFER_MAX) {
            throw new IllegalArgumentException("event buffer of " + eventBufferSize + " events: the kernel allows 1.." + GpioV2.EVENT_BUFFER_MAX);
        }
        List<Path> nodes = chipNodes(devDir);
        if (nodes.isEmpty()) {
            throw new IOException("no GPIO character device " + devDir.resolve("gpiochip*")
                    + ": not a Raspberry Pi, or a kernel without CONFIG_GPIO_CDEV (use Raspberry Pi OS's kernel)");
        }
        List<String> labels = new ArrayList<>();
        for (Path node : nodes) {
            int fd = openNode(node);
            try {
                GpioV2.ChipInfo info = chipInfo(fd, node);
                String label = info.labelText();
                labels.add(label);
                if (isSocChip(label)) {
                    if (offset >= info.lines) {
                        throw new IllegalArgumentException("GPIO line " + offset + " does not exist on " + node + " ("
                                + label + ", lines 0.." + (info.lines - 1) + ")");
                    }
                    return requestLine(fd, node, label, offset, bias, eventBufferSize);
                }
            } finally {
                closeQuietly(fd);
            }
        }
        throw new IOException("no GPIO chip labelled pinctrl-* among " + describe(nodes, labels)
                + ": expected pinctrl-bcm2711 (Pi 4) or pinctrl-rp1 (Pi 5)");
    }

    /**
     * Whether a chip's label names the SoC's own GPIO block: {@code pinctrl-bcm2711} (Pi 4), {@code pinctrl-bcm2835}
     * (earlier Pis), {@code pinctrl-rp1} (Pi 5); not the firmware's expander ({@code raspberrypi-exp-gpio}) nor the
     * Pi 5's {@code gpio-brcmstb@...} banks.
     */
    static boolean isSocChip(String label) {
        return label.startsWith("pinctrl-");
    }

    private static List<Path> chipNodes(Path devDir) throws IOException {
        if (!Files.isDirectory(devDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(devDir)) {
            return s.filter(p -> p.getFileName().toString().matches("gpiochip\\d+"))
                    .sorted((a, b) -> Integer.compare(chipNumber(a), chipNumber(b)))
                    .toList();
        }
    }

    private static int chipNumber(Path p) {
        return Integer.parseInt(p.getFileName().toString().substring("gpiochip".length()));
    }

    private static int openNode(Path node) throws IOException {
        try {
            return LibC.open(node.toString(), LibC.O_RDWR | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException(openFailure(node.toString(), e.getErrorCode()), e);
        }
    }

    /** The one-line message for a failed {@code open(2)} of a GPIO chip node. */
    static String openFailure(String node, int errno) {
        return switch (errno) {
            case LibC.EACCES, LibC.EPERM -> "permission denied opening " + node
                    + ": the service user must be in group gpio (sudo usermod -aG gpio USER; the needlepen package's user is)";
            case LibC.ENOENT, LibC.ENODEV -> node + " does not exist: not a Raspberry Pi, or the GPIO driver is not loaded";
            default -> "cannot open " + node + " (errno " + errno + ")";
        };
    }

    private static GpioV2.ChipInfo chipInfo(int fd, Path node) throws IOException {
        GpioV2.ChipInfo info = new GpioV2.ChipInfo();
        try {
            LibC.ioctl(fd, GpioV2.GET_CHIPINFO_IOCTL, info.getPointer());
        } catch (LastErrorException e) {
            throw new IOException("GPIO_GET_CHIPINFO_IOCTL failed on " + node + " (errno " + e.getErrorCode() + ")", e);
        }
        info.read();
        return info;
    }

    private static LinuxLineEvents requestLine(int chipFd, Path node, String label, int offset, Bias bias,
                                               int eventBufferSize) throws IOException {
        String where = "line " + offset + " of " + node + " (" + label + ")";
        GpioV2.LineRequest req = new GpioV2.LineRequest();
        req.offsets[0] = offset;
        req.num_lines = 1;
        req.consumer(CONSUMER);
        req.config.flags = requestFlags(bias);
        req.config.num_attrs = 0; // no debounce: it would move the stamp out of the hard interrupt
        req.event_buffer_size = eventBufferSize;
        req.write();
        try {
            LibC.ioctl(chipFd, GpioV2.GET_LINE_IOCTL, req.getPointer());
        } catch (LastErrorException e) {
            throw new IOException(requestFailure(where, e.getErrorCode()), e);
        }
        req.read();
        int lineFd = req.fd;
        try {
            GpioV2.LineValues values = new GpioV2.LineValues();
            values.mask = 1L;
            values.write();
            LibC.ioctl(lineFd, GpioV2.LINE_GET_VALUES_IOCTL, values.getPointer());
            values.read();
            return new LinuxLineEvents(where, lineFd, (values.bits & 1L) != 0);
        } catch (LastErrorException e) {
            closeQuietly(lineFd);
            throw new IOException("cannot read the level of " + where + " (errno " + e.getErrorCode() + ")", e);
        }
    }

    /** The request's flags: input, both edges, the bias; never ACTIVE_LOW (the sensor's polarity is ours), never an event clock. */
    static long requestFlags(Bias bias) {
        return GpioV2.FLAG_INPUT | GpioV2.FLAG_EDGE_RISING | GpioV2.FLAG_EDGE_FALLING | bias.flag;
    }

    /** The one-line message for a refused {@code GPIO_V2_GET_LINE_IOCTL}. */
    static String requestFailure(String where, int errno) {
        return switch (errno) {
            case LibC.EBUSY -> where + " is in use by another consumer (gpioinfo names it): remove the overlay or program that holds it";
            case LibC.EINVAL -> "the kernel refused to request " + where
                    + " (no such line, or a kernel older than 5.10 without the GPIO v2 uAPI)";
            case LibC.EACCES, LibC.EPERM -> "permission denied requesting " + where + ": the service user must be in group gpio";
            default -> "cannot request " + where + " (errno " + errno + ")";
        };
    }

    @Override
    public boolean initialLevelHigh() {
        return initialHigh;
    }

    @Override
    public int read(long[] timestampsNanos, int[] ids, int[] lineSeqnos, int max, long timeoutNanos) throws IOException {
        if (closed) {
            throw new IOException(where + " is closed");
        }
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(0L, (timeoutNanos + 999_999L) / 1_000_000L));
        pollFd.setInt(0, lineFd);
        pollFd.setShort(4, LibC.POLLIN);
        pollFd.setShort(6, (short) 0);
        try {
            if (LibC.poll(pollFd, 1, timeoutMillis) == 0) {
                return 0;
            }
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EINTR) {
                return 0;
            }
            throw new IOException("poll(2) on " + where + " failed (errno " + e.getErrorCode() + ")", e);
        }
        short revents = pollFd.getShort(6);
        if ((revents & LibC.POLLIN) == 0) {
            throw new IOException(where + " reported " + String.format(Locale.ROOT, "revents 0x%x", revents)
                    + " (the GPIO chip was removed?)");
        }
        int n = Math.min(Math.min(max, BATCH), Math.min(timestampsNanos.length, Math.min(ids.length, lineSeqnos.length)));
        long bytes;
        try {
            bytes = LibC.read(lineFd, events, (long) n * GpioV2.EVENT_SIZE);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EINTR || e.getErrorCode() == LibC.EAGAIN) {
                return 0;
            }
            throw new IOException("read(2) on " + where + " failed (errno " + e.getErrorCode() + ")", e);
        }
        int count = (int) (bytes / GpioV2.EVENT_SIZE);
        for (int i = 0; i < count; i++) {
            timestampsNanos[i] = GpioV2.decodeTimestamp(view, i);
            ids[i] = GpioV2.decodeId(view, i);
            lineSeqnos[i] = GpioV2.decodeLineSeqno(view, i);
        }
        return count;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly(lineFd);
        }
    }

    @Override
    public String toString() {
        return where;
    }

    private static void closeQuietly(int fd) {
        try {
            LibC.close(fd);
        } catch (LastErrorException ignored) {
            // nothing left to release
        }
    }

    private static String describe(List<Path> nodes, List<String> labels) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(nodes.get(i)).append(" (").append(i < labels.size() ? labels.get(i) : "?").append(')');
        }
        return b.toString();
    }
}
