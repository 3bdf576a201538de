package com.needlepen.hal;

/** What the buzzer sounds. */
public enum BuzzerPattern {
    SILENT,
    /** One short beep: an input was accepted. */
    ACK,
    /** Two short beeps: an input was refused. */
    REFUSED,
    /** Continuous alarm: a fault. */
    ALARM
}
