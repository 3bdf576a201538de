package com.needlepen.hal;

/**
 * The hardware enable timer outside the JVM: a retriggerable one-shot that the control loop feeds
 * every tick. While it is fed, the motor driver's enable (otherwise held off by a pull-up) may be
 * on and an independent switch in the motor supply is closed; when it is not fed within
 * {@link #timeoutNanos()}, both drop by themselves, so a frozen JVM or one shorted driver transistor
 * cannot keep the motor turning. The bridge is then open and cannot brake: the normally-closed
 * brake switch across the winding, which closes when the enable line drops, brakes the motor.
 */
public interface EnableTimer {

    /** Retriggers the one-shot; call every control tick. */
    void feed(long nowNanos);

    /** The one-shot's period. */
    long timeoutNanos();
}
