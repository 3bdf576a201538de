package com.needlepen.firmware.drive;

/**
 * Whether the motor's current says its shaft is held (jammed, or stalled by skin) rather than
 * turning: a held shaft has no back-EMF, so it draws close to the stall current for the applied
 * duty; a turning one draws less. Without index pulses this is the only way to tell a stalled
 * shaft from a blind sensor, so the stall check and the regulator's breakaway both ask it.
 */
public final class HeldShaft {

    /** Above this fraction of the stall current at the applied duty, the shaft is taken as held. */
    public static final double JAM_FRACTION = 0.5;

    private HeldShaft() {
    }

    /**
     * @param amps      measured motor current
     * @param duty      applied duty fraction
     * @param volts     measured motor supply
     * @param hotOhm    the winding's resistance when hot (the lowest stall current it may have)
     */
    public static boolean held(double amps, double duty, double volts, double hotOhm) {
        return amps > JAM_FRACTION * duty * volts / hotOhm;
    }
}
