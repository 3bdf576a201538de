package com.needlepen.hal.pi4j;

import com.needlepen.config.HardwareSpec;
import com.needlepen.hal.Clock;
import com.needlepen.hal.HardwareWatchdog;
import com.needlepen.hal.IndexSensor;
import com.needlepen.hal.pi4j.bus.I2cChannel;
import com.needlepen.hal.pi4j.bus.SpiChannel;
import com.needlepen.hal.pi4j.bus.UartChannel;
import com.needlepen.hal.pi4j.io.PwmOutput;
import com.pi4j.context.Context;

/**
 * What opening a pen on a Pi takes from the machine: the Pi4J context its digital lines are made on, its buses, the
 * PWM, the index's kernel-stamped edges, the watchdog and the clock. {@link LinuxPlatform} is a Raspberry Pi's (Pi4J's
 * gpiod and linuxfs providers, named explicitly; the kernel's nodes); a test gives Pi4J's mock providers and register
 * models of the chips instead, so that everything above this interface is the code a Pi runs. Each method fails with
 * a {@code BackendException} naming what is missing and how to fix it.
 */
public interface Pi4jPlatform extends AutoCloseable {

    /** The Pi4J context the digital lines are created on. */
    Context gpio();

    /** An SPI device in {@code mode} (0 to 3). */
    SpiChannel spi(String id, HardwareSpec.Spi spi, int mode);

    /** The device at 7-bit {@code address} on {@code /dev/i2c-<bus>}. */
    I2cChannel i2c(String id, int bus, int address);

    /** A raw serial port. */
    UartChannel uart(String device, int baud);

    /** The stroke motor's hardware PWM, its duty 0 and its output on. */
    PwmOutput pwm(HardwareSpec.Motor motor);

    /** The index sensor's line, its edges stamped by the kernel, its reader started; active low (open-drain Hall). */
    IndexSensor index(int line);

    /** The hardware watchdog's node (not yet started: the firmware starts it). */
    HardwareWatchdog watchdog(String device);

    /** The clock everything is stamped with: CLOCK_MONOTONIC on a Pi, the same the kernel stamps edges with. */
    Clock clock();

    /**
     * Whether this platform's time is virtual: a test rig whose handpiece is simulated under the Pi's drivers. Then
     * the pen starts no service thread; the loop's runner advances the rig ({@link #advanceTo}) and the service polls
     * once a period, on the loop's thread. A Pi's time is real: false.
     */
    default boolean virtualTime() {
        return false;
    }

    /** A virtual-time rig's physics advanced to {@code nowNanos}; nothing on a Pi. */
    default void advanceTo(long nowNanos) {
    }

    /** Gives back what the platform itself holds (the Pi4J context, which puts every output to its shutdown state). */
    @Override
    void close();
}
