package com.needlepen.firmware.treatment;

import com.needlepen.hal.HandpieceId;
import com.needlepen.hal.HandpieceMemory;

/**
 * Binds the pen's records to the handpiece it drives (H43): the identity EEPROM is read at power-on
 * (the unit's sessions, calibration, run hours and ledger are that handpiece's) and again at every
 * session start, with the motor off. A start is refused, naming both ids, when the calibration was
 * made on another handpiece or when the handpiece is not the one the pen powered on with; and when
 * the identity cannot be read at all, since then the pen cannot know whose calibration it holds.
 */
public final class HandpieceBinding {

    private final HandpieceMemory memory;
    private final HandpieceId atPowerOn;
    private final String unreadableAtPowerOn;
    private final String calibrationId;
    private final String calibrationHandpiece;

    private HandpieceBinding(HandpieceMemory memory, HandpieceId atPowerOn, String unreadableAtPowerOn,
                             String calibrationId, String calibrationHandpiece) {
        this.memory = memory;
        this.atPowerOn = atPowerOn;
        this.unreadableAtPowerOn = unreadableAtPowerOn;
        this.calibrationId = calibrationId;
        this.calibrationHandpiece = calibrationHandpiece;
    }

    /**
     * Reads the handpiece's identity now (power-on) for a calibration {@code calibrationId} made on
     * {@code calibrationHandpiece} (null: a test bench's nominal mapping, bound to no handpiece).
     */
    public static HandpieceBinding atPowerOn(HandpieceMemory memory, String calibrationId, String calibrationHandpiece) {
        try {
            return new HandpieceBinding(memory, memory.readId(), null, calibrationId, calibrationHandpiece);
        } catch (HandpieceMemory.HandpieceIdException e) {
            return new HandpieceBinding(memory, null, e.getMessage(), calibrationId, calibrationHandpiece);
        }
    }

    /** The handpiece read at power-on, or null when it could not be read (every start is then refused). */
    public HandpieceId atPowerOn() {
        return atPowerOn;
    }

    /** Why no run may start on the handpiece attached now, or null: reads its identity EEPROM. */
    public String refusal() {
        if (atPowerOn == null) {
            return "handpiece identity unreadable since power-on (" + unreadableAtPowerOn + "): the pen cannot tell"
                    + " whose calibration and records it holds; check the handpiece and restart the pen";
        }
        HandpieceId now;
        try {
            now = memory.readId();
        } catch (HandpieceMemory.HandpieceIdException e) {
            return "handpiece identity unreadable (" + e.getMessage() + "): the pen cannot tell whose calibration it"
                    + " holds; check the handpiece's connection";
        }
        if (!now.equals(atPowerOn)) {
            return "handpiece changed since power-on: was " + atPowerOn + ", now " + now
                    + "; restart the pen so it loads this handpiece's calibration and records";
        }
        if (calibrationHandpiece != null && !calibrationHandpiece.equals(now.toString())) {
            return "calibration " + calibrationId + " was made on handpiece " + calibrationHandpiece
                    + ", this handpiece is " + now + "; calibrate this handpiece";
        }
        return null;
    }
}
