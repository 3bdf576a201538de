package com.needlepen.tools.calibration;

/** A gauge reading as the technician typed it: the collar's commanded depth and the peak measured there, mm. */
public record Reading(double commandedMm, double measuredMm) {
}
