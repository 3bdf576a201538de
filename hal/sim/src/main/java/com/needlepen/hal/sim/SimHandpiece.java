package com.needlepen.hal.sim;

import com.needlepen.hal.HandpieceId;
import com.needlepen.hal.HandpieceMemory;

/**
 * The simulated handpiece's identity EEPROM: each simulated unit has its own EUI-48 (Microchip's
 * OUI 00:04:A3, as a 24AA02E48 carries, and 24 bits drawn from the unit's serial), so a calibration
 * made on one simulated unit is another handpiece's to the firmware of the next. It can be made to
 * stop answering (a missing part, a broken bus) and a handpiece can be swapped while the pen is on;
 * a swap changes the identity only, not the physics (the plant stays the unit it was built as).
 */
final class SimHandpiece implements HandpieceMemory {

    private static final long MICROCHIP_OUI = 0x0004A3L;
    /** The identity of a simulated pen built without naming its unit. */
    static final HandpieceId DEFAULT_ID = new HandpieceId(MICROCHIP_OUI << 24 | 0x000001L);

    private volatile HandpieceId id;
    private volatile boolean silent;

    SimHandpiece(HandpieceId id) {
        this.id = id;
    }

    /** The identity of the simulated unit with serial {@code unitSerial}: the same unit, the same id. */
    static HandpieceId idOfUnit(String unitSerial) {
        long h = SimulatedPenFactory.unitSeed(unitSerial);
        long low = (h ^ (h >>> 24) ^ (h >>> 48)) & 0xFFFFFFL;
        return new HandpieceId(MICROCHIP_OUI << 24 | low);
    }

    @Override
    public HandpieceId readId() throws HandpieceIdException {
        if (silent) {
            throw new HandpieceIdException("the handpiece's identity EEPROM does not answer on I2C (no ACK at 0x50)");
        }
        return id;
    }

    void setSilent(boolean silent) {
        this.silent = silent;
    }

    void swapTo(HandpieceId other) {
        this.id = other;
    }

    HandpieceId id() {
        return id;
    }
}
