package com.needlepen.hal;

/**
 * The stepper linear actuator (captive lead screw) that moves the depth collar, and the home switch
 * at the shallow end of its travel.
 *
 * <p>Positions are in microsteps of the driver, counted by the driver from the position it was told
 * with {@link #setPositionSteps(long)}; positive is deeper. How steps relate to true depth is the
 * calibration's business, not this interface's.
 */
public interface CollarStepper {

    /**
     * Starts a move to {@code targetSteps} with the given limits (steps per second, steps per second
     * squared) and returns at once; the driver generates the steps.
     */
    void moveTo(long targetSteps, double maxStepsPerSecond, double accelStepsPerSecond2);

    /** Stops as fast as the acceleration limit allows. */
    void stop();

    /** Whether a move is in progress. */
    boolean isMoving();

    /** The driver's step count now. */
    long positionSteps();

    /**
     * Redefines the current position as {@code steps} (after homing, usually 0). No motion. The
     * position sensor's reading ({@link #sensedPositionSteps()}) is redefined to the same value.
     */
    void setPositionSteps(long steps);

    /**
     * Where the collar's position sensor says the collar is, in the driver's microsteps at the
     * nominal steps per mm, counted from where {@link #setPositionSteps(long)} last put it; positive
     * is deeper.
     *
     * <p>The sensor measures the collar itself, independent of the step count: a linear encoder on
     * the collar wired to the stepper driver's encoder input (TMC5160 {@code X_ENC}, its
     * {@code ENC_CONST} set to the nominal microsteps per encoder count), so it sees the collar move
     * when steps are not to blame (the thread walked by vibration, a knock, a load) and stands still
     * when steps are issued but the collar does not follow. It reads to the encoder's count (a few
     * microns), with that count's noise and the scale's non-linearity; it is not a depth (the
     * calibration is). A backend must provide it: collar position feedback is a hardware
     * requirement (docs/safety.md).
     */
    long sensedPositionSteps();

    /**
     * Where the collar is relative to the nearest index mark of its position sensor's scale, in the
     * driver's microsteps at the nominal steps per mm, in [-half a pole pair, +half a pole pair);
     * positive is deeper. The scale is fixed to the collar, so this is absolute: it does not depend
     * on where {@link #setPositionSteps(long)} put the count, nor on the home switch. On an AS5311
     * class magnetic strip it is the sensor's absolute position within its 2 mm pole pair (read
     * over its SSI output), with an index mark once a pole pair; the encoder's count noise and
     * non-linearity apply as to {@link #sensedPositionSteps()}. Homing reads it where the home switch
     * closes and takes its zero from the scale, so a home switch whose trip point drifts (wear,
     * temperature) does not move the depth (docs/safety.md H50); the scale's index must sit a set
     * distance deeper than the switch's nominal trip point (a hardware requirement).
     */
    long sensedIndexPhaseSteps();

    /** Sets the standstill current. */
    void setHoldCurrent(HoldCurrent holdCurrent);

    /** The standstill current last set. */
    HoldCurrent holdCurrent();

    /** Whether the home switch is pressed (the collar is at its shallow end). */
    boolean homeSwitchPressed();

    /**
     * Whether the driver has seen the motor stall (lost steps) since the last
     * {@link #setPositionSteps(long)}: TMC5160/TMC2209 StallGuard or an encoder deviation. Latched:
     * once steps are lost the count cannot be trusted until the collar is homed again. A driver
     * that cannot tell always answers false.
     */
    boolean stallDetected();

    /**
     * The faults the driver reports now, as {@link CollarDriverFault#bit()}s; 0 when it reports none.
     * {@link CollarDriverFault#POSITION_LOST} stays set until the next {@link #setPositionSteps(long)} (homing).
     * A driver that cannot tell a fault answers 0 for it.
     */
    int driverFaults();
}
