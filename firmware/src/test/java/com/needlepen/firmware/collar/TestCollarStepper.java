package com.needlepen.firmware.collar;

import com.needlepen.hal.CollarStepper;
import com.needlepen.hal.HoldCurrent;
import java.util.ArrayList;
import java.util.List;

/**
 * A collar stepper a unit test moves by hand: it is wherever the test puts it, its home switch and
 * stall flag read what the test sets, and its position sensor agrees with the count, or (built
 * {@link #withItsOwnSensor}) reads {@link #sensed}, which the test sets apart from the count. It
 * records where it was sent and how fast; sent somewhere, it either starts moving until the test
 * {@link #arrive}s it, or (built {@link #standingStill} or {@link #withItsOwnSensor}) never moves by
 * itself.
 */
public final class TestCollarStepper implements CollarStepper {

    public long position;
    public boolean moving;
    public boolean pressed;
    public boolean stalled;
    public int stops;
    public final List<Long> targets = new ArrayList<>();
    public final List<Double> speeds = new ArrayList<>();
    /** What the position sensor reads when built {@link #withItsOwnSensor}; otherwise it reads {@link #position}. */
    public long sensed;
    private final boolean movesWhenSent;
    private final boolean sensorApart;

    private TestCollarStepper(boolean movesWhenSent, boolean sensorApart) {
        this.movesWhenSent = movesWhenSent;
        this.sensorApart = sensorApart;
    }

    /** Sent somewhere, it moves until the test arrives it. */
    public static TestCollarStepper movedByTheTest() {
        return new TestCollarStepper(true, false);
    }

    /** Sent somewhere, it records the move and stays where the test put it. */
    public static TestCollarStepper standingStill() {
        return new TestCollarStepper(false, false);
    }

    /**
     * Stays where the test puts it, its position sensor reading {@link #sensed} and its index phase the
     * same: for the collar position check, whose test sets the count and the sensor apart.
     */
    public static TestCollarStepper withItsOwnSensor() {
        return new TestCollarStepper(false, true);
    }

    /** The last move ends: the collar is where it was sent. */
    public void arrive() {
        position = targets.get(targets.size() - 1);
        moving = false;
    }

    @Override
    public void moveTo(long targetSteps, double maxStepsPerSecond, double accelStepsPerSecond2) {
        targets.add(targetSteps);
        speeds.add(maxStepsPerSecond);
        moving = movesWhenSent;
    }

    @Override
    public void stop() {
        stops++;
        moving = false;
    }

    @Override
    public boolean isMoving() {
        return moving;
    }

    @Override
    public long positionSteps() {
        return position;
    }

    @Override
    public long sensedPositionSteps() {
        return sensorApart ? sensed : position;
    }

    /**
     * What the position sensor reads relative to its scale's index: by default a nominal unit's at its
     * home switch on the sim profile (the index {@link CollarHoming#INDEX_FROM_SWITCH_MM} deeper), so
     * homing's zero is where the switch closed.
     */
    public long indexPhaseSteps = -Math.round(CollarHoming.INDEX_FROM_SWITCH_MM * 3200);

    @Override
    public long sensedIndexPhaseSteps() {
        return sensorApart ? sensed : indexPhaseSteps;
    }

    @Override
    public void setPositionSteps(long steps) {
        position = steps;
    }

    @Override
    public void setHoldCurrent(HoldCurrent holdCurrent) {
    }

    @Override
    public HoldCurrent holdCurrent() {
        return HoldCurrent.FULL;
    }

    @Override
    public boolean homeSwitchPressed() {
        return pressed;
    }

    @Override
    public boolean stallDetected() {
        return stalled;
    }

    /** The driver's fault bits a test set (CollarDriverFault). */
    public int driverFaults;

    @Override
    public int driverFaults() {
        return driverFaults;
    }
}
