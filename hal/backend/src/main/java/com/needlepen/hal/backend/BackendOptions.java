package com.needlepen.hal.backend;

/**
 * What opening a pen needs beyond its profile.
 *
 * @param unitSerial     the unit (a profile describes a model; many units share it)
 * @param needleCount    needles of the inserted cartridge, for a simulated skin load
 * @param seed           noise seed of a simulated run (ignored by real hardware)
 * @param utcEpochMillis the simulated pen's UTC at power-on (ignored by real hardware, which has a clock)
 */
public record BackendOptions(String unitSerial, int needleCount, long seed, long utcEpochMillis) {
}
