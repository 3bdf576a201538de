package com.needlepen.firmware.panel;

import com.needlepen.firmware.state.PenState;

import com.needlepen.firmware.collar.DepthPositioner;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.telemetry.TelemetrySample;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PenHardware;

/**
 * What the loop tells the world every tick: telemetry samples at the profile's rate while running,
 * and the pen's display a few times a second. Fills preallocated objects; allocates nothing.
 */
public final class RunOutputs {

    private static final long DISPLAY_PERIOD_NANOS = 200_000_000L;

    private final PenHardware hw;
    private final StrokeDrive drive;
    private final DepthPositioner positioner;
    private final TelemetrySink telemetry;
    private final long samplePeriodNanos;
    private final TelemetrySample sample = new TelemetrySample();
    private final StringBuilder text = new StringBuilder(64);
    private long nextSampleNanos;
    private long nextDisplayNanos;
    private long samplesOffered;
    private long samplesDropped;

    public RunOutputs(PenHardware hw, StrokeDrive drive, DepthPositioner positioner, TelemetrySink telemetry,
               double sampleRateHz) {
        this.hw = hw;
        this.drive = drive;
        this.positioner = positioner;
        this.telemetry = telemetry;
        this.samplePeriodNanos = Math.round(1e9 / sampleRateHz);
    }

    /** The first sample of a run comes one sample period after its start. */
    public void runStarted(long now) {
        nextSampleNanos = now + samplePeriodNanos;
    }

    public void sample(long now, PenState state, double depthMm, double rateHz) {
        if (state != PenState.RUNNING || now < nextSampleNanos) {
            return;
        }
        nextSampleNanos += samplePeriodNanos;
        sample.monotonicNanos = now;
        sample.utcEpochMillis = hw.clock().utcEpochMillis();
        sample.stateOrdinal = state.ordinal();
        sample.setDepthMm = depthMm;
        sample.collarSteps = hw.collar().positionSteps();
        sample.collarDepthMm = positioner.collarDepthMm();
        sample.setRateHz = rateHz;
        sample.actualRateHz = drive.measuredRateHz(now);
        sample.dutyFraction = drive.dutyFraction();
        sample.motorCurrentAmps = hw.sensors().motorCurrentAmps();
        sample.handpieceCelsius = hw.sensors().handpieceCelsius();
        sample.noseCelsius = drive.nose().celsius();
        sample.windingCelsius = drive.windingEstimate().celsius();
        sample.strokes = drive.strokes();
        samplesOffered++;
        if (!telemetry.offerSample(sample)) {
            samplesDropped++;
        }
    }

    public void display(long now, PenState state, double depthMm, double rateHz) {
        if (now < nextDisplayNanos) {
            return;
        }
        nextDisplayNanos = now + DISPLAY_PERIOD_NANOS;
        var display = hw.display();
        text.setLength(0);
        text.append(state.name());
        display.writeLine(0, text);
        text.setLength(0);
        StatusText.fixed(text.append("Depth "), depthMm, 2).append(" mm");
        display.writeLine(1, text);
        text.setLength(0);
        StatusText.fixed(text.append("Rate "), rateHz, 0).append(" Hz");
        display.writeLine(2, text);
    }

    public long samplesOffered() {
        return samplesOffered;
    }

    public long samplesDropped() {
        return samplesDropped;
    }
}
