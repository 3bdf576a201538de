package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.CollarDriverFault;

/**
 * The collar's stepper driver reports a fault of its own (H54, F37): its chip reset (GSTAT reset, a charge-pump
 * undervoltage), so its position count and its encoder count both restarted from 0 where the collar stood; it is
 * over-temperature or near it; a coil is shorted or open; it does not answer on its bus; or the collar's position
 * scale beside it cannot be trusted (its magnet out of range, a bad frame, readings lost). The one that hurts is
 * the reset: the driver's step count and the encoder count that {@link CollarPositionCheck} compares it with are
 * zeroed together, so they agree with each other and that check sees nothing, while every depth the firmware sets
 * afterwards lands the lost count deeper than set. Only the driver's own report says so. Judged in every state,
 * from the first tick: a driver that is not sound is not homed on.
 *
 * <p>Over-temperature warning included: the TMC5160 and TMC2209 warn at 120 °C and shut their bridges down at
 * 150 °C, which leaves the collar unheld under skin pressure; a collar driver that hot is mis-set or failing, and
 * the needles are stopped while it still holds.
 */
public final class CollarDriverCheck implements SafetyCheck {

    private final SafetyInputs in;
    private String detail;

    public CollarDriverCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        int bits = in.collar().driverFaults();
        if (bits == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder("the collar's driver reports");
        String sep = " ";
        for (CollarDriverFault f : CollarDriverFault.values()) {
            if (f.in(bits)) {
                text.append(sep).append(describe(f));
                sep = ", ";
            }
        }
        detail = text.toString();
        return FaultCode.F37_COLLAR_DRIVER_FAULT;
    }

    private static String describe(CollarDriverFault f) {
        return switch (f) {
            case OVERTEMPERATURE -> "over-temperature shutdown";
            case OVERTEMPERATURE_WARNING -> "over-temperature warning";
            case SHORT_TO_GROUND -> "a coil shorted to ground";
            case SHORT_TO_SUPPLY -> "a coil shorted to the supply";
            case OPEN_LOAD -> "an open coil";
            case POSITION_LOST -> "a reset: its position count is lost, re-home";
            case NOT_ANSWERING -> "no answer on its bus";
            case SCALE_FAULT -> "its position scale not sound (no answer, a bad frame, the magnet out of range): re-home";
        };
    }

    @Override
    public String detail() {
        return detail;
    }
}
