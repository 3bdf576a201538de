package com.needlepen.hal;

/** What the status LED shows. */
public enum LedPattern {
    OFF,
    /** Slow blue blink: homing or busy. */
    BUSY,
    /** Steady green: ready, needles still. */
    READY,
    /** Steady amber: needles moving. */
    RUNNING,
    /** Fast red blink: a latched fault. */
    FAULT
}
