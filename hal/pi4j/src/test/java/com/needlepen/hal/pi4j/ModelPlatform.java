package com.needlepen.hal.pi4j;

import com.needlepen.config.HardwareSpec;
import com.needlepen.hal.Clock;
import com.needlepen.hal.HardwareWatchdog;
import com.needlepen.hal.IndexSensor;
import com.needlepen.hal.backend.BackendException;
import com.needlepen.hal.pi4j.bus.I2cChannel;
import com.needlepen.hal.pi4j.bus.SpiChannel;
import com.needlepen.hal.pi4j.bus.UartChannel;
import com.needlepen.hal.pi4j.expander.ExpanderModels;
import com.needlepen.hal.pi4j.gpio.GpioModels;
import com.needlepen.hal.pi4j.i2c.I2cModels;
import com.needlepen.hal.pi4j.io.PwmOutput;
import com.needlepen.hal.pi4j.io.RecordingPwm;
import com.needlepen.hal.pi4j.scale.As5311Model;
import com.needlepen.hal.pi4j.tmc5160.Tmc5160Models;
import com.needlepen.hal.pi4j.watchdog.WatchdogModels;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.HashSet;
import java.util.Set;

/**
 * A Pi made of Pi4J's mock GPIO providers and register models of the chips: what a test opens a whole {@link Pi4jPen}
 * on. The pen's code above {@link Pi4jPlatform} is the code a Pi runs.
 */
final class ModelPlatform implements Pi4jPlatform {

    static final long EUI48 = 0x0004A3C0FFEEL;
    final Context context = Pi4J.newContextBuilder()
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
    /** The Pi's own clock: System.nanoTime, the system's UTC. */
    final Clock clock = new com.needlepen.hal.pi4j.io.PiClock();
    final As5311Model scale = new As5311Model();
    final I2cChannel expander = ExpanderModels.chip(0);
    final WatchdogModels.Recording watchdog = WatchdogModels.recording();
    /** Parts a test made absent: their channel does not answer. */
    final Set<String> absent = new HashSet<>();
    final RecordingPwm pwm = new RecordingPwm();
    boolean closed;

    @Override
    public Context gpio() {
        return context;
    }

    @Override
    public SpiChannel spi(String id, HardwareSpec.Spi spi, int mode) {
        return switch (id) {
            case "collar-driver" -> absent.contains(id) ? (tx, rx, n) -> {
                throw new com.needlepen.hal.pi4j.bus.BusException("SPI transfer failed (absent)");
            } : Tmc5160Models.chip(512.0 / 3200.0);
            case "collar-scale" -> scale;
            default -> throw new BackendException("no SPI device " + id + " on this model Pi");
        };
    }

    @Override
    public I2cChannel i2c(String id, int bus, int address) {
        I2cChannel c = switch (id) {
            case "current-monitor" -> I2cModels.ina226(address, System::nanoTime, 0.01, 0.25, 12.0);
            case "thermometer" -> I2cModels.tmp117(address, System::nanoTime, 31.0);
            case "handpiece-id" -> I2cModels.eeprom(EUI48);
            case "display" -> I2cModels.ssd1306();
            case "panel-expander" -> expander;
            default -> throw new BackendException("no I2C device " + id + " on this model Pi");
        };
        if (absent.contains(id)) {
            return new I2cChannel() {
                @Override
                public int address() {
                    return address;
                }

                @Override
                public void write(byte[] data, int length) throws com.needlepen.hal.pi4j.bus.BusException {
                    throw new com.needlepen.hal.pi4j.bus.BusException(String.format("no ACK from 0x%02x", address));
                }

                @Override
                public void writeRead(byte[] w, int wl, byte[] r, int rl) throws com.needlepen.hal.pi4j.bus.BusException {
                    throw new com.needlepen.hal.pi4j.bus.BusException(String.format("no ACK from 0x%02x", address));
                }
            };
        }
        return c;
    }

    @Override
    public UartChannel uart(String device, int baud) {
        throw new BackendException("no UART on this model Pi");
    }

    @Override
    public PwmOutput pwm(HardwareSpec.Motor motor) {
        pwm.setDutyNanos(0);
        return pwm;
    }

    @Override
    public IndexSensor index(int line) {
        return GpioModels.idleIndex();
    }

    @Override
    public HardwareWatchdog watchdog(String device) {
        return watchdog.watchdog();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        closed = true;
        context.shutdown();
    }
}
