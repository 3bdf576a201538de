package com.needlepen.firmware.telemetry;

/**
 * One telemetry sample, as plain fields so the control loop can fill a preallocated instance and
 * the sink can copy it into its ring without allocating.
 */
public final class TelemetrySample {
    public long monotonicNanos;
    public long utcEpochMillis;
    public int stateOrdinal;
    public double setDepthMm;
    public long collarSteps;
    public double collarDepthMm;
    public double setRateHz;
    public double actualRateHz;
    public double dutyFraction;
    public double motorCurrentAmps;
    public double handpieceCelsius;
    /** The applied part's temperature as the firmware estimates it (NoseTemperature), °C. */
    public double noseCelsius;
    /** The winding's temperature as the firmware estimates it while running (WindingEstimate, H33), °C. */
    public double windingCelsius;
    public long strokes;

    public void copyFrom(TelemetrySample o) {
        monotonicNanos = o.monotonicNanos;
        utcEpochMillis = o.utcEpochMillis;
        stateOrdinal = o.stateOrdinal;
        setDepthMm = o.setDepthMm;
        collarSteps = o.collarSteps;
        collarDepthMm = o.collarDepthMm;
        setRateHz = o.setRateHz;
        actualRateHz = o.actualRateHz;
        dutyFraction = o.dutyFraction;
        motorCurrentAmps = o.motorCurrentAmps;
        handpieceCelsius = o.handpieceCelsius;
        noseCelsius = o.noseCelsius;
        windingCelsius = o.windingCelsius;
        strokes = o.strokes;
    }
}
