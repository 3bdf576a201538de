package com.needlepen.hal.pi4j;

import com.needlepen.config.HardwareSpec;
import com.needlepen.hal.Clock;
import com.needlepen.hal.HardwareWatchdog;
import com.needlepen.hal.IndexSensor;
import com.needlepen.hal.backend.BackendException;
import com.needlepen.hal.pi4j.bus.I2cChannel;
import com.needlepen.hal.pi4j.bus.LinuxSerialPort;
import com.needlepen.hal.pi4j.bus.Pi4jI2cChannel;
import com.needlepen.hal.pi4j.bus.Pi4jSpiChannel;
import com.needlepen.hal.pi4j.bus.SpiChannel;
import com.needlepen.hal.pi4j.bus.UartChannel;
import com.needlepen.hal.pi4j.gpio.KernelIndexSensor;
import com.needlepen.hal.pi4j.gpio.LinuxLineEvents;
import com.needlepen.hal.pi4j.io.PiClock;
import com.needlepen.hal.pi4j.io.PwmOutput;
import com.needlepen.hal.pi4j.io.SysfsPwm;
import com.needlepen.hal.pi4j.watchdog.LinuxWatchdog;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.spi.SpiMode;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A Raspberry Pi 4 or 5 as the backend uses it. The Pi4J context is built from named providers, not discovered: gpiod
 * for digital lines (the chip labelled "pinctrl" on both boards), linuxfs for SPI and I2C; Pi4J's mock plugin is not
 * on a production class path and could not be picked if it were. The PWM is written through sysfs ({@code SysfsPwm}:
 * why not Pi4J's), the index's edges come through the GPIO uAPI v2 ({@code KernelIndexSensor}), the TMC2209's UART
 * through termios ({@code LinuxSerialPort}), the watchdog through its node ({@code LinuxWatchdog}).
 */
public final class LinuxPlatform implements Pi4jPlatform {

    private final Context context;
    private final Clock clock = new PiClock();

    public LinuxPlatform() {
        try {
            this.context = Pi4J.newContextBuilder().noAutoDetect()
                    .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance(),
                            LinuxFsSpiProvider.newInstance(), LinuxFsI2CProvider.newInstance())
                    .build();
        } catch (RuntimeException | LinkageError e) {
            throw new BackendException("Pi4J's gpiod and linuxfs providers cannot start: " + e.getMessage()
                    + " (the package's lib/ must hold pi4j-plugin-gpiod, pi4j-library-gpiod and pi4j-plugin-linuxfs)");
        }
    }

    @Override
    public Context gpio() {
        return context;
    }

    @Override
    public SpiChannel spi(String id, HardwareSpec.Spi spi, int mode) {
        try {
            return Pi4jSpiChannel.open(context, id, spi.bus(), spi.chipSelect(), spi.clockHz(), SpiMode.getByNumber(mode));
        } catch (RuntimeException e) {
            throw new BackendException(id + " on /dev/spidev" + spi.bus() + "." + spi.chipSelect() + " cannot be opened: "
                    + e.getMessage() + " (dtparam=spi=on in /boot/firmware/config.txt; the user in group spi)");
        }
    }

    @Override
    public I2cChannel i2c(String id, int bus, int address) {
        try {
            return Pi4jI2cChannel.open(context, id, bus, address);
        } catch (RuntimeException e) {
            throw new BackendException(String.format("%s at 0x%02x on /dev/i2c-%d cannot be opened: %s (dtparam=i2c_arm=on"
                    + " in /boot/firmware/config.txt; the user in group i2c)", id, address, bus, e.getMessage()));
        }
    }

    @Override
    public UartChannel uart(String device, int baud) {
        try {
            return LinuxSerialPort.open(device, baud);
        } catch (RuntimeException e) {
            throw new BackendException(e.getMessage());
        }
    }

    @Override
    public PwmOutput pwm(HardwareSpec.Motor motor) {
        try {
            return SysfsPwm.open(Path.of("/sys/class/pwm"), motor.pwmChip(), motor.pwmChannel(), motor.pwmFrequencyHz());
        } catch (RuntimeException e) {
            throw new BackendException(e.getMessage());
        }
    }

    @Override
    public IndexSensor index(int line) {
        try {
            return KernelIndexSensor.openPinctrl(line, KernelIndexSensor.ActiveEdge.FALLING, LinuxLineEvents.Bias.PULL_UP);
        } catch (IOException e) {
            throw new BackendException(e.getMessage());
        }
    }

    @Override
    public HardwareWatchdog watchdog(String device) {
        return new LinuxWatchdog(device, com.needlepen.hal.pi4j.watchdog.LinuxWatchdogDevice::open,
                LinuxWatchdog.BCM2835_MAX_TIMEOUT_SECONDS);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        context.shutdown();
    }
}
