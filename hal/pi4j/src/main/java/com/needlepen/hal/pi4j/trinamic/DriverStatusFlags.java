package com.needlepen.hal.pi4j.trinamic;

import com.needlepen.hal.CollarDriverFault;

/**
 * Where a Trinamic driver's DRV_STATUS keeps its fault flags (the TMC5160's and the TMC2209's hold the same flags at
 * other bit positions), and the one mapping of them to the HAL's {@link CollarDriverFault} bits both collar drivers
 * use: ot → OVERTEMPERATURE, otpw → OVERTEMPERATURE_WARNING, s2ga/s2gb → SHORT_TO_GROUND, s2vsa/s2vsb →
 * SHORT_TO_SUPPLY, ola/olb → OPEN_LOAD only while the motor steps (the datasheets: open load is not judged at
 * standstill, where the flags are unreliable).
 *
 * @param ot     the overtemperature shutdown flag
 * @param otpw   the overtemperature warning flag
 * @param s2g    both short-to-ground flags
 * @param s2vs   both short-to-supply flags
 * @param ol     both open-load flags
 */
public record DriverStatusFlags(int ot, int otpw, int s2g, int s2vs, int ol) {

    /** DRV_STATUS's fault flags as {@link CollarDriverFault} bits. */
    public int faultBits(int drvStatus, boolean stepping) {
        int bits = 0;
        if ((drvStatus & ot) != 0) {
            bits |= CollarDriverFault.OVERTEMPERATURE.bit();
        }
        if ((drvStatus & otpw) != 0) {
            bits |= CollarDriverFault.OVERTEMPERATURE_WARNING.bit();
        }
        if ((drvStatus & s2g) != 0) {
            bits |= CollarDriverFault.SHORT_TO_GROUND.bit();
        }
        if ((drvStatus & s2vs) != 0) {
            bits |= CollarDriverFault.SHORT_TO_SUPPLY.bit();
        }
        if (stepping && (drvStatus & ol) != 0) {
            bits |= CollarDriverFault.OPEN_LOAD.bit();
        }
        return bits;
    }
}
