package com.needlepen.hal.pi4j.scale;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.SpiChannel;

/**
 * An AS5311 over a magnetic strip as an SPI master in mode 2 reads it (datasheet 7.3): DO goes high when CSn falls
 * (the leading 1 the first falling edge samples), then D11..D0 (the position within the 2 mm pole pair in 4,096
 * steps, 0 at the strip's index mark), OCF, COF, LIN, MagINC, MagDEC and the even parity bit, then low. The collar's
 * position in mm and the status bits are the test's to set.
 */
public final class As5311Model implements SpiChannel {
    public double collarMm;
    /** Where (in collar mm) the strip's index mark sits: the reading is 0 there. */
    public double indexMm;
    public boolean ocf = true;
    public boolean cof;
    public boolean lin;
    public boolean magInc;
    public boolean magDec;
    public boolean flipParity;
    public boolean doNotDriven;
    public int failNext;
    public int reads;

    /** The 12-bit reading at the collar's position (deeper is larger). */
    public int counts() {
        double inPair = Math.floorMod((long) Math.floor((collarMm - indexMm) / 2.0 * 4096 + 1e-9), 4096L);
        return (int) inPair;
    }

    /** The 18-bit frame the sensor sends now. */
    public int frame() {
        int f = counts() << 6;
        f |= (ocf ? 1 : 0) << 5 | (cof ? 1 : 0) << 4 | (lin ? 1 : 0) << 3 | (magInc ? 1 : 0) << 2 | (magDec ? 1 : 0) << 1;
        f |= Integer.bitCount(f) & 1; // even parity over all 18
        return flipParity ? f ^ 1 : f;
    }

    @Override
    public void transfer(byte[] tx, byte[] rx, int length) throws BusException {
        if (failNext > 0) {
            failNext--;
            throw new BusException("model: injected SSI failure");
        }
        reads++;
        int bits = doNotDriven ? 0 : (1 << 23) | (frame() << 5);
        for (int i = 0; i < length; i++) {
            int shift = 16 - 8 * i;
            rx[i] = shift >= 0 ? (byte) (bits >>> shift) : 0;
        }
    }
}
