package com.needlepen.hal.pi4j.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A hardware PWM channel through the kernel's sysfs PWM interface ({@code /sys/class/pwm/pwmchipN/pwmM}), written
 * directly rather than through Pi4J's {@code Pwm}: Pi4J 3.0.x's {@code Pwm} takes its duty as a whole percent and
 * writes period and duty with the output disabled on every {@code on()}. At the control loop's 1 kHz that is a
 * switched-off bridge in every tick and a duty that moves in 1 % steps (0.12 V of 12 V: about 1.3 Hz of stroke rate
 * at the top of the range, more than the regulator's whole error band at 150 Hz), so the regulator would hunt
 * between two steps and the motor would see a kilohertz glitch. Here the duty is written as nanoseconds of the
 * period (25,000 at 40 kHz: 0.004 % steps) into {@code duty_cycle} with one {@code pwrite} per change, the file
 * kept open, the output left enabled, nothing allocated.
 *
 * <p>Opening exports the channel if it is not yet (udev then gives the files to the gpio group, which takes a
 * moment), sets the period, a duty of 0 and enables it. A missing chip names the overlay to add to
 * {@code config.txt}; a file that cannot be written names the group the service's user must be in.
 */
public final class SysfsPwm implements PwmOutput, AutoCloseable {

    private final Path channelDir;
    private final long periodNanos;
    private final FileChannel duty;
    private final FileChannel enable;
    private final byte[] digits = new byte[20];
    private final ByteBuffer buffer = ByteBuffer.wrap(digits);
    private long lastDuty = -1;

    private SysfsPwm(Path channelDir, long periodNanos, FileChannel duty, FileChannel enable) {
        this.channelDir = channelDir;
        this.periodNanos = periodNanos;
        this.duty = duty;
        this.enable = enable;
    }

    /**
     * Opens channel {@code channel} of {@code pwmchipN} under {@code sysClassPwm} ({@code /sys/class/pwm} on a Pi)
     * at {@code frequencyHz}, its duty 0 and its output enabled.
     *
     * @throws IllegalStateException with what is missing and how to fix it
     */
    public static SysfsPwm open(Path sysClassPwm, int chip, int channel, int frequencyHz) {
        Path chipDir = sysClassPwm.resolve("pwmchip" + chip);
        if (!Files.isDirectory(chipDir)) {
            throw new IllegalStateException(chipDir + " does not exist: the PWM overlay is not loaded; add"
                    + " 'dtoverlay=pwm,pin=18,func=2' (Pi 4) or 'dtoverlay=pwm-2chan' (Pi 5) to /boot/firmware/config.txt"
                    + " and reboot (docs/wiring.md)");
        }
        Path channelDir = chipDir.resolve("pwm" + channel);
        try {
            if (!Files.isDirectory(channelDir)) {
                Files.writeString(chipDir.resolve("export"), Integer.toString(channel));
                waitForFiles(channelDir);
            }
            long period = Math.round(1e9 / frequencyHz);
            FileChannel duty = FileChannel.open(channelDir.resolve("duty_cycle"), StandardOpenOption.WRITE);
            FileChannel enable = FileChannel.open(channelDir.resolve("enable"), StandardOpenOption.WRITE);
            SysfsPwm pwm = new SysfsPwm(channelDir, period, duty, enable);
            // the duty must never exceed the period: 0 first, then the period, then on
            pwm.write(duty, 0);
            try (FileChannel p = FileChannel.open(channelDir.resolve("period"), StandardOpenOption.WRITE)) {
                pwm.write(p, period);
            }
            pwm.lastDuty = 0;
            pwm.write(enable, 1);
            return pwm;
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot set up " + channelDir + ": " + e.getMessage()
                    + " (the service's user must be in the gpio group, which udev gives the PWM files to)", e);
        }
    }

    private static void waitForFiles(Path channelDir) throws IOException {
        long until = System.nanoTime() + 2_000_000_000L;
        Path duty = channelDir.resolve("duty_cycle");
        while (!Files.isWritable(duty)) {
            if (System.nanoTime() > until) {
                throw new IOException(duty + " did not become writable within 2 s of the export");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + duty, e);
            }
        }
    }

    @Override
    public long periodNanos() {
        return periodNanos;
    }

    @Override
    public void setDutyNanos(long dutyNanos) {
        long d = Math.max(0, Math.min(periodNanos, dutyNanos));
        if (d == lastDuty) {
            return;
        }
        write(duty, d);
        lastDuty = d;
    }

    @Override
    public void off() {
        setDutyNanos(0);
        write(enable, 0);
    }

    /** Writes {@code value} in decimal at the file's start, as one write (what a sysfs attribute takes). */
    private void write(FileChannel file, long value) {
        int n = 0;
        long v = value;
        do {
            digits[digits.length - 1 - n++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        buffer.limit(digits.length).position(digits.length - n);
        try {
            file.write(buffer, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value + " to " + channelDir, e);
        }
    }

    @Override
    public void close() {
        try {
            off();
        } catch (UncheckedIOException e) {
            // closing anyway: the enable line, not the PWM, is what keeps the motor off
        }
        try {
            duty.close();
            enable.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
