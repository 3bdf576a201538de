package com.needlepen.hal.pi4j.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The PWM as the Pi's sysfs writer sees it, at 40 kHz (a 25 µs period): it keeps the duty last written (what a rig
 * hands its simulated motor driver), every duty written in order, and whether the output was switched off.
 */
public final class RecordingPwm implements PwmOutput {

    private final List<Long> duties = new ArrayList<>();
    private volatile long duty;
    private volatile boolean off;

    @Override
    public long periodNanos() {
        return 25_000;
    }

    @Override
    public synchronized void setDutyNanos(long dutyNanos) {
        duties.add(dutyNanos);
        duty = dutyNanos;
    }

    /** Switched off: no pulses, so no duty. */
    @Override
    public void off() {
        off = true;
        duty = 0;
    }

    /** The duty the output makes now, ns (0 once off). */
    public long duty() {
        return duty;
    }

    /** Every duty written, oldest first. */
    public synchronized List<Long> duties() {
        return List.copyOf(duties);
    }

    /** The last duty written, or -1 if none was. */
    public synchronized long last() {
        return duties.isEmpty() ? -1 : duties.get(duties.size() - 1);
    }

    public boolean isOff() {
        return off;
    }
}
