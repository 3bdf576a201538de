package com.needlepen.hal.pi4j.tmc2209;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

/**
 * STEP and DIR on two Pi4J digital outputs (gpiod). Each write is one {@code GpioLine.setValue} through Pi4J's gpiod
 * library, a few microseconds of ioctl; Pi4J 3.0.4's {@code DigitalOutputBase.state} builds a state-change event only
 * when the output has listeners or bindings, so with none (the backend adds none to these two) a step allocates
 * nothing. The backend creates both outputs LOW; a pulse is a write HIGH then LOW (CHOPCONF.dedge is 0: the rising
 * edge steps).
 */
public final class Pi4jStepPins implements StepPins {

    private final DigitalOutput step;
    private final DigitalOutput dir;
    private final DigitalState deeperState;
    private final DigitalState shallowerState;

    /**
     * @param deeperIsHigh whether DIR high moves the collar deeper (the motor's wiring and GCONF.shaft = 0 decide it;
     *                     the profile states it)
     */
    public Pi4jStepPins(DigitalOutput step, DigitalOutput dir, boolean deeperIsHigh) {
        this.step = step;
        this.dir = dir;
        this.deeperState = deeperIsHigh ? DigitalState.HIGH : DigitalState.LOW;
        this.shallowerState = deeperIsHigh ? DigitalState.LOW : DigitalState.HIGH;
    }

    @Override
    public void direction(boolean deeper) {
        dir.state(deeper ? deeperState : shallowerState);
    }

    @Override
    public void step() {
        step.high();
        step.low();
    }
}
