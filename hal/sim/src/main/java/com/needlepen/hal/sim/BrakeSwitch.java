package com.needlepen.hal.sim;

/**
 * The normally-closed brake switch across the motor winding (a relay's break contact, or a
 * depletion-mode MOSFET whose gate is held off only while the drive is powered): the hardware that
 * makes stopping independent of power. An integrated H-bridge goes high-impedance when it loses its
 * supply or its enable line, and an open bridge lets the motor coast (from 150 Hz in air 45
 * revolutions in 0.91 s on the sim profile's motor, {@code PowerLossTest}); this switch shorts the
 * winding whenever it is not held open, so an unpowered pen still brakes.
 *
 * <p>It is held open only while its coil (or gate bias) is energised, which is only while the
 * driver's enable line is high, the enable timer's supply switch is closed and the motor supply is
 * above {@link #HOLD_FRACTION} of nominal. Modelled no kinder than the hardware requirement in
 * docs/safety.md: it closes {@link #CLOSE_DELAY_NANOS} after it lost its hold (a relay's release
 * time; a depletion FET is faster) and then brakes through {@link #ON_OHMS} (contact or
 * on-resistance and wiring) in series with the winding, so it brakes a little less hard than the
 * bridge's own low sides. Opening when the hold returns is taken as immediate: it only delays a
 * start, never a stop.
 *
 * <p><b>Its monitor contact</b> ({@link com.needlepen.hal.BrakeMonitor}): the switch is a relay with
 * force-guided contacts, whose make contact, read on a GPIO, mirrors the armature: it says "released"
 * exactly when the armature has released (after the same release time), never sooner. Its failures:
 * <ul>
 * <li>{@link SimFault#BRAKE_SWITCH_STUCK_OPEN}: the armature does not release (a coil driver that stays
 * on, a jammed armature, the monitor's make contact welded shut, which the force guiding makes hold the
 * brake contact open): the brake never closes, and the monitor says so (it reads "energised").</li>
 * <li>{@link #setContactNotMaking}: the armature releases but the brake contact does not make (burnt or
 * contaminated contact faces, a broken wire between switch and winding): the brake never closes and
 * the monitor, reading the armature, says "released": the one failure it cannot show.</li>
 * <li>{@link #forceMonitor}: the monitor's own wiring fails: a broken wire reads "released" whatever the
 * relay does, an input shorted to ground reads "energised".</li>
 * </ul>
 * An unpowered bridge with the brake not closed coasts.
 */
final class BrakeSwitch {

    /** The switch's resistance when closed, in series with the winding (the requirement's upper limit). */
    static final double ON_OHMS = 0.5;
    /** From losing its hold to closed (the requirement's upper limit: a relay's release time). */
    static final long CLOSE_DELAY_NANOS = 10_000_000L;
    /** Below this fraction of the nominal supply the switch's hold drops (and the bridge's under-voltage lockout opens it). */
    static final double HOLD_FRACTION = 0.4;

    private boolean held;
    private long holdLostNanos;
    private boolean stuckOpen;
    private boolean contactNotMaking;
    private Boolean monitorForced;

    BrakeSwitch() {
        this.held = false;
        this.holdLostNanos = Long.MIN_VALUE / 2; // at power-on it has long been closed
    }

    /** Tells the switch whether its hold is energised at {@code nowNanos}. */
    void update(long nowNanos, boolean holdEnergised) {
        if (held && !holdEnergised) {
            holdLostNanos = nowNanos;
        }
        held = holdEnergised;
    }

    /** Whether the switch shorts the winding now. */
    boolean closed(long nowNanos) {
        return armatureReleased(nowNanos) && !contactNotMaking;
    }

    /** Whether the relay's armature has released (its release time after losing its hold). */
    private boolean armatureReleased(long nowNanos) {
        return !stuckOpen && !held && nowNanos - holdLostNanos >= CLOSE_DELAY_NANOS;
    }

    /** What the monitor contact's GPIO reads: true for "released, the brake closed". */
    boolean monitorSaysClosed(long nowNanos) {
        return monitorForced != null ? monitorForced : armatureReleased(nowNanos);
    }

    /** The brake contact no longer makes although the armature releases (the monitor cannot see it). */
    void setContactNotMaking(boolean notMaking) {
        this.contactNotMaking = notMaking;
    }

    /** The monitor's wiring fails: it reads {@code readsClosed} whatever the relay does; null mends it. */
    void forceMonitor(Boolean readsClosed) {
        this.monitorForced = readsClosed;
    }

    void setStuckOpen(boolean stuckOpen) {
        this.stuckOpen = stuckOpen;
    }

    boolean stuckOpen() {
        return stuckOpen;
    }
}
