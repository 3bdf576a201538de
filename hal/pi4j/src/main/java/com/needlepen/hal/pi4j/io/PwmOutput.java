package com.needlepen.hal.pi4j.io;

/**
 * A hardware PWM channel as the stroke motor driver uses it: a fixed period, a duty in nanoseconds, on or off.
 * Production writes the kernel's sysfs PWM files ({@link SysfsPwm}); tests record what was written.
 */
public interface PwmOutput {
    /** The period, ns. */
    long periodNanos();

    /** Sets the high time, 0 to the period, ns. Allocates nothing. */
    void setDutyNanos(long dutyNanos);

    /** Turns the output off (the line low). */
    void off();
}
