package com.needlepen.hal;

/** What the buzzer sounds. */
public enum BuzzerPattern {
    SILENT,
    /** One short beep: an input was accepted. */
    ACK,
    /** Two short beeps: an input was refused. */
    REFUSED,
    /** Three short beeps: something the practitioner must know, e.g. the rate lowered by heat. */
    WARNING,
    /** Continuous alarm: a fault. */
    ALARM
}
