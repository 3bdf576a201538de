package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * The motor supply gone (power loss: a connector pulled, a fuse blown, a battery cut off), not
 * sagging: below {@value #FRACTION} of the profile's minimum, in any state, at once. F12's 50 ms
 * hold rides through a sag the bridge can still work with; a supply this low powers neither the
 * bridge nor its brake, so there is nothing to wait for.
 *
 * <p>F21 is its own fault, not F12, because what the pen can do differs. With the supply lost the
 * bridge is open (an integrated bridge goes high-impedance without its supply) and cannot brake or
 * nudge the cam: the stop is the hardware's normally-closed brake switch across the winding, which
 * closes when the supply or the enable line drops. Disabling the driver on F21 drops the enable
 * line, a second path that closes that switch even if its own supply sensing failed. F21 is not
 * parkable (a nudge needs a powered bridge; a parking attempt would time out and be recorded as a
 * park failure, F10, which is not what happened) and not drive-suspect (the drive did nothing
 * wrong; the enable line is held low by the disabled driver anyway). The threshold sits above the
 * brake switch's own hold threshold, so the firmware drops the enable line before the switch's
 * supply sensing has to. A reading that is not a number is left to F19 ({@link
 * SensorPlausibilityCheck}, which runs first) and, after it, counts as lost here.
 */
public final class SupplyLostCheck implements SafetyCheck {

    static final double FRACTION = 0.5;
    private final SafetyInputs in;
    private double volts;

    public SupplyLostCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        volts = in.sensors().supplyVolts();
        // written so that a reading that is not a number counts as lost
        return !(volts >= FRACTION * in.profile().supply().minVolts()) ? FaultCode.F21_SUPPLY_LOST : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "%.2f V, lost below %.2f V", volts, FRACTION * in.profile().supply().minVolts());
    }
}
