package com.needlepen.firmware.panel;

import com.needlepen.firmware.state.PenState;

/** What an operator can ask of the control loop; the loop decides what each means in its state. */
public interface Commands {

    public void start(long nowNanos, boolean byFootswitch);

    /** Stops a run; {@code byFootswitch} stops only a run the footswitch started. */
    public void stop(long nowNanos, boolean byFootswitch);

    public void changeSettings(long nowNanos, double depthMm, double rateHz);

    public void selectPreset(long nowNanos, String name);

    public void acknowledge();

    /** Confirms what the display asks: a depth above the ceiling, or a cartridge without an id as new. */
    public void confirm(long nowNanos);

    public void endSession(long nowNanos);

    public void calibrate(long nowNanos);

    public void calibrationMove(long nowNanos, double nominalDepthMm);

    public void home(long nowNanos);

    public void jog(long nowNanos, double mm);

    public PenState state();

    public double depthMm();

    public double rateHz();
}
