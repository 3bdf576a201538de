package com.needlepen.config;

/** A cartridge type: its needle count limits the rate and depth it may be used at. */
public record CartridgeType(String name, int needles, double maxRateHz, double maxDepthMm) {
}
