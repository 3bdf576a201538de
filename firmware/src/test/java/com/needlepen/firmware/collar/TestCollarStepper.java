package com.needlepen.firmware.collar;

import com.needlepen.hal.CollarStepper;
import com.needlepen.hal.HoldCurrent;
import java.util.ArrayList;
import java.util.List;

/**
 * A collar stepper a unit test moves by hand: it is wherever the test puts it, its home switch and
 * stall flag read what the test sets, and its position sensor agrees with the count (not what these
 * tests are about). It records where it was sent and how fast; sent somewhere, it either starts
 * moving until the test {@link #arrive}s it, or (built {@link #standingStill}) never moves by
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
    private final boolean movesWhenSent;

    private TestCollarStepper(boolean movesWhenSent) {
        this.movesWhenSent = movesWhenSent;
    }

    /** Sent somewhere, it moves until the test arrives it. */
    public static TestCollarStepper movedByTheTest() {
        return new TestCollarStepper(true);
    }

    /** Sent somewhere, it records the move and stays where the test put it. */
    public static TestCollarStepper standingStill() {
        return new TestCollarStepper(false);
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
        return position;
    }

    /**
     * What the position sensor reads relative to its scale's index: by default a nominal unit's at its
     * home switch on the sim profile (the index {@link CollarHoming#INDEX_FROM_SWITCH_MM} deeper), so
     * homing's zero is where the switch closed.
     */
    public long indexPhaseSteps = -Math.round(CollarHoming.INDEX_FROM_SWITCH_MM * 3200);

    @Override
    public long sensedIndexPhaseSteps() {
        return indexPhaseSteps;
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
}
