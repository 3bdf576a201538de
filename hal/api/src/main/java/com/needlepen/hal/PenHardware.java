package com.needlepen.hal;

import java.util.Objects;

/**
 * Everything the firmware drives or reads, as one value handed to it by whoever wires a backend
 * (the tools module). The firmware never knows which backend it got.
 */
public record PenHardware(
        Clock clock,
        StrokeMotorDriver motor,
        IndexSensor index,
        CollarStepper collar,
        Panel panel,
        Indicators indicators,
        TextDisplay display,
        CartridgeSensor cartridge,
        AnalogSensors sensors,
        EnableTimer enableTimer,
        HardwareWatchdog watchdog,
        HandpieceMemory handpiece,
        BrakeMonitor brakeMonitor) {

    public PenHardware {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(motor, "motor");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(collar, "collar");
        Objects.requireNonNull(panel, "panel");
        Objects.requireNonNull(indicators, "indicators");
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(cartridge, "cartridge");
        Objects.requireNonNull(sensors, "sensors");
        Objects.requireNonNull(enableTimer, "enableTimer");
        Objects.requireNonNull(watchdog, "watchdog");
        Objects.requireNonNull(handpiece, "handpiece");
        Objects.requireNonNull(brakeMonitor, "brakeMonitor");
    }
}
