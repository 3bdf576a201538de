package com.needlepen.firmware;

/** What an operator can ask of the control loop; the loop decides what each means in its state. */
interface Commands {

    void start(long nowNanos, boolean byFootswitch);

    /** Stops a run; {@code byFootswitch} stops only a run the footswitch started. */
    void stop(long nowNanos, boolean byFootswitch);

    void changeSettings(long nowNanos, double depthMm, double rateHz);

    void selectPreset(long nowNanos, String name);

    void acknowledge();

    /** Confirms what the display asks: a depth above the ceiling, or a cartridge without an id as new. */
    void confirm(long nowNanos);

    void endSession(long nowNanos);

    void calibrate(long nowNanos);

    void calibrationMove(long nowNanos, double nominalDepthMm);

    void home(long nowNanos);

    void jog(long nowNanos, double mm);

    PenState state();

    double depthMm();

    double rateHz();
}
