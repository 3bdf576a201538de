package com.needlepen.config;

/** A treatment-area preset: a name for a depth and rate. */
public record Preset(String name, double depthMm, double rateHz) {
}
