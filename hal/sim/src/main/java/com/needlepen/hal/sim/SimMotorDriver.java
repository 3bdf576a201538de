package com.needlepen.hal.sim;

import com.needlepen.hal.StrokeMotorDriver;

/**
 * The simulated H-bridge, an integrated one: enabled, it drives at its duty or brakes on its low
 * sides; disabled (its enable line low), it is open, neither driving nor braking, and so is it
 * whenever it has no supply ({@link SimPen} decides the winding's circuit: then only the brake
 * switch brakes). Like the real driver's HAL it falls back to disabled when its dead-man is not
 * refreshed in time; the plant checks that at every physics step, so a firmware that stops ticking
 * is caught within one substep of the timeout.
 */
final class SimMotorDriver implements StrokeMotorDriver {

    private final long deadmanNanos;
    private boolean enabled;
    private boolean braking = true;
    private double duty;
    private long lastRefreshNanos;
    private boolean deadmanExpired;

    SimMotorDriver(long deadmanNanos) {
        this.deadmanNanos = deadmanNanos;
    }

    @Override
    public void enable(long nowNanos) {
        enabled = true;
        braking = true;
        duty = 0.0;
        deadmanExpired = false;
        lastRefreshNanos = nowNanos;
    }

    /** Drops the enable line: the bridge opens (it does not brake); {@link SimPen} leaves the brake to the brake switch. */
    @Override
    public void disable() {
        enabled = false;
        braking = true;
        duty = 0.0;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setDutyFraction(double dutyFraction) {
        if (!enabled) {
            return;
        }
        braking = false;
        duty = Math.max(0.0, Math.min(1.0, dutyFraction));
    }

    @Override
    public double dutyFraction() {
        return enabled && !braking ? duty : 0.0;
    }

    @Override
    public void brake() {
        braking = true;
        duty = 0.0;
    }

    @Override
    public void refreshDeadman(long nowNanos) {
        lastRefreshNanos = nowNanos;
    }

    @Override
    public long deadmanTimeoutNanos() {
        return deadmanNanos;
    }

    @Override
    public boolean deadmanExpired() {
        return deadmanExpired;
    }

    /** Called by the plant at every physics step: the dead-man is enforced by the hardware, not the firmware. */
    void checkDeadman(long nowNanos) {
        if (enabled && nowNanos - lastRefreshNanos > deadmanNanos) {
            disable();
            deadmanExpired = true;
        }
    }

    /**
     * Voltage the bridge puts across the winding while it is powered and enabled: duty times supply
     * while driving, 0 (its low sides shorting the winding) while braking; a shorted transistor
     * drives at {@link #SHORTED_DUTY} at least, enabled or not.
     */
    double terminalVolts(double supplyVolts) {
        if (shorted) {
            return Math.max(SHORTED_DUTY, enabled && !braking ? duty : 0.0) * supplyVolts;
        }
        return enabled && !braking ? (pwmStuckHigh ? 1.0 : dutyStuck ? STUCK_DUTY : duty) * supplyVolts : 0.0;
    }

    /** The duty a latched PWM compare register holds ({@link SimFault#DUTY_STUCK}). */
    static final double STUCK_DUTY = 0.6;
    private boolean dutyStuck;

    void setDutyStuck(boolean stuck) {
        this.dutyStuck = stuck;
    }

    /** The PWM input stuck high: an enabled, driving bridge gets full duty whatever it is told. */
    private boolean pwmStuckHigh;

    void setPwmStuckHigh(boolean stuck) {
        this.pwmStuckHigh = stuck;
    }

    /** A shorted high-side transistor drives the motor whatever the driver is told. */
    static final double SHORTED_DUTY = 0.3;
    private boolean shorted;

    void setShorted(boolean shorted) {
        this.shorted = shorted;
    }

    boolean shorted() {
        return shorted;
    }
}
