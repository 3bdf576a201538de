package com.needlepen.firmware.treatment;

import com.needlepen.config.DeviceProfile;
import java.util.Locale;

/**
 * Depths above the ceiling (1.5 mm by default): only on a profile that unlocks them, and only once
 * the practitioner has confirmed on the panel at the start of a session, before its first run. The
 * unlock ends with the session (or a fault), and a depth above the ceiling comes back down to it
 * then, announced.
 */
public final class DepthUnlock {

    private static final double EPS = 1e-9;

    private final DeviceProfile profile;
    private boolean unlocked;
    private double pendingMm = Double.NaN;

    public DepthUnlock(DeviceProfile profile) {
        this.profile = profile;
    }

    /** The deepest depth the practitioner may set now (the positioner's limit too). */
    public double limitMm() {
        var d = profile.depth();
        return unlocked ? d.selectableMaxMm() : Math.min(d.ceilingMm(), d.selectableMaxMm());
    }

    public boolean unlocked() {
        return unlocked;
    }

    /**
     * Why {@code depthMm} (already within the profile's range) may not be set now, or null. A depth
     * that a confirmation would allow is kept as pending: {@link #confirm()} returns it.
     */
    public String refusal(double depthMm, boolean sessionHasRun) {
        if (depthMm <= limitMm() + EPS) {
            return null;
        }
        var d = profile.depth();
        if (sessionHasRun) {
            return String.format(Locale.ROOT, "depth %.2f mm is above the %.2f mm ceiling; deeper depths are unlocked"
                    + " only at the start of a session, before its first run", depthMm, d.ceilingMm());
        }
        pendingMm = depthMm;
        return String.format(Locale.ROOT, "depth %.2f mm is above the %.2f mm ceiling: press CONFIRM to unlock depths"
                + " to %.2f mm for this session", depthMm, d.ceilingMm(), d.selectableMaxMm());
    }

    /** A deeper depth is waiting for the practitioner's confirmation. */
    public boolean pending() {
        return !Double.isNaN(pendingMm);
    }

    /** Unlocks for this session; returns the depth that was waiting. */
    public double confirm() {
        unlocked = true;
        double depth = pendingMm;
        pendingMm = Double.NaN;
        return depth;
    }

    /** The session ended or a fault latched: back to the ceiling. */
    public void relock() {
        unlocked = false;
        pendingMm = Double.NaN;
    }

    /** Forgets a waiting depth (another input came first). */
    public void forgetPending() {
        pendingMm = Double.NaN;
    }
}
