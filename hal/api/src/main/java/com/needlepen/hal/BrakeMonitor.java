package com.needlepen.hal;

/**
 * The brake switch's monitor contact, read on a GPIO: the one way the firmware can see the
 * normally-closed brake switch across the stroke motor's winding (docs/safety.md, hardware
 * requirements). The brake switch is the break contact of a relay with force-guided contacts (EN
 * 61810-3, type A); its monitor is a make contact of the same relay, mechanically linked so that
 * the two can never be closed at once. So when the monitor says "released", the brake contact is
 * not held open by the armature: an armature that sticks energised, a coil driver that stays on, or
 * a monitor contact welded shut (which holds the brake contact open) all show as "not released"
 * while the drive's enable is low. What the monitor cannot see is a brake contact that does not
 * make although the armature released (burnt or contaminated contact faces, a broken wire between
 * the switch and the winding): a residual risk the periodic service check covers.
 *
 * <p>Read-only. A backend reads the input as it is now; the relay's own release and operate times
 * (at most 10 ms each) are the firmware's to allow for.
 */
public interface BrakeMonitor {

    /**
     * Whether the monitor contact says the relay is released, so the brake contact is closed and
     * shorts the winding; false when it says the relay is energised (the brake held open).
     */
    boolean brakeClosed();
}
