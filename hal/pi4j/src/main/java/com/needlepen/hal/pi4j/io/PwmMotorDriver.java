package com.needlepen.hal.pi4j.io;

import com.needlepen.hal.StrokeMotorDriver;
import com.pi4j.io.gpio.digital.DigitalOutput;

/**
 * The stroke motor's H-bridge driver on a Pi: its enable on a GPIO output (high enables; the board's pull-down and
 * the hardware enable timer hold it off otherwise) and its PWM input on the hardware PWM (GPIO18), where a duty of 0
 * drives the winding at 0 V on the low sides: the powered brake. Disabled, the bridge is open and the normally-closed
 * brake switch, which follows the enable, shorts the winding.
 *
 * <p>The dead-man is enforced twice: {@link #refreshDeadman(long)} disables the driver if the refresh itself came too
 * late, and {@link #poll(long)}, on the backend's service thread, disables it when no refresh came within
 * {@link #deadmanTimeoutNanos()} (a control thread that hangs). The hardware enable timer, fed by the same tick,
 * is the third line and needs no program at all. Calls from the two threads are serialised on the driver.
 */
public final class PwmMotorDriver implements StrokeMotorDriver {

    private final DigitalOutput enableLine;
    private final PwmOutput pwm;
    private final long deadmanNanos;
    private boolean enabled;
    private boolean expired;
    private long lastRefreshNanos;
    private double duty;

    public PwmMotorDriver(DigitalOutput enableLine, PwmOutput pwm, long deadmanNanos) {
        this.enableLine = enableLine;
        this.pwm = pwm;
        this.deadmanNanos = deadmanNanos;
    }

    @Override
    public synchronized void enable(long nowNanos) {
        pwm.setDutyNanos(0); // braking until a duty is set
        duty = 0;
        lastRefreshNanos = nowNanos;
        expired = false;
        enableLine.high();
        enabled = true;
    }

    @Override
    public synchronized void disable() {
        enabled = false;
        duty = 0;
        try {
            enableLine.low();
        } finally {
            pwm.setDutyNanos(0);
        }
    }

    @Override
    public synchronized boolean isEnabled() {
        return enabled;
    }

    @Override
    public synchronized void setDutyFraction(double dutyFraction) {
        if (!enabled) {
            return;
        }
        // NaN brakes: a duty that is not a number is no reason to drive
        double d = dutyFraction > 0.0 ? Math.min(1.0, dutyFraction) : 0.0;
        pwm.setDutyNanos(Math.round(d * pwm.periodNanos()));
        duty = d;
    }

    @Override
    public synchronized double dutyFraction() {
        return enabled ? duty : 0.0;
    }

    @Override
    public synchronized void brake() {
        if (enabled) {
            pwm.setDutyNanos(0);
            duty = 0;
        }
    }

    @Override
    public synchronized void refreshDeadman(long nowNanos) {
        if (!enabled) {
            return;
        }
        if (nowNanos - lastRefreshNanos > deadmanNanos) {
            expire();
            return;
        }
        lastRefreshNanos = nowNanos;
    }

    /** The service thread's dead-man: disables a driver whose refresh is overdue at {@code nowNanos}. */
    public synchronized void poll(long nowNanos) {
        if (enabled && nowNanos - lastRefreshNanos > deadmanNanos) {
            expire();
        }
    }

    private void expire() {
        expired = true;
        disable();
    }

    @Override
    public long deadmanTimeoutNanos() {
        return deadmanNanos;
    }

    @Override
    public synchronized boolean deadmanExpired() {
        return expired;
    }
}
