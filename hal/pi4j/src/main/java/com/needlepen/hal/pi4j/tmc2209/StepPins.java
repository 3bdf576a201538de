package com.needlepen.hal.pi4j.tmc2209;

/**
 * The TMC2209's STEP and DIR inputs as the step thread drives them. Production writes two GPIO lines; tests count
 * the pulses and check their timing. Called only from the step thread, so an implementation needs no locking; it must
 * not allocate (it runs once per step, thousands of times a second).
 */
public interface StepPins {

    /**
     * Sets DIR: {@code true} moves the collar deeper (positive steps). Called before the first step of a move and
     * whenever the direction changes, never between the edges of a pulse (the TMC2209 wants DIR stable 20 ns before
     * and after the STEP edge: datasheet rev. 1.03, STEP/DIR timing).
     */
    void direction(boolean deeper);

    /**
     * One STEP pulse: a rising and a falling edge (the driver configures CHOPCONF.dedge = 0, so only the rising edge
     * steps; dedge is not compatible with multistep_filt). The TMC2209 takes pulses of 100 ns and more; two GPIO writes
     * are microseconds apart.
     */
    void step();
}
