package com.needlepen.config;

/** Stroke rates the practitioner may select, Hz (strokes per second = motor revolutions per second). */
public record RateSpec(double minHz, double maxHz, double stepHz) {
}
