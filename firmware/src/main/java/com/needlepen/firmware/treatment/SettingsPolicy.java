package com.needlepen.firmware.treatment;

import com.needlepen.config.CartridgeType;
import com.needlepen.config.DeviceProfile;
import com.needlepen.config.MotorLimits;
import java.util.Locale;

/**
 * Which depth and rate combinations the practitioner may set, with the reason when not. Pure: the
 * CLI asks it before a session, the control loop asks it for every change. A refused change is
 * refused whole; a rate is never lowered silently to make a depth fit.
 */
public final class SettingsPolicy {

    private static final double EPS = 1e-9;

    private final DeviceProfile profile;
    private final MotorLimits limits;

    public SettingsPolicy(DeviceProfile profile) {
        this.profile = profile;
        this.limits = profile.motorLimits();
    }

    /** Why {@code depthMm} at {@code rateHz} with {@code cartridge} is refused, or null if allowed. */
    /** The depth buttons' step: the most the depth may change at once while the needles run. */
    public double depthStepMm() {
        return profile.depth().stepMm();
    }

    public String refusal(double depthMm, double rateHz, CartridgeType cartridge) {
        String depth = depthRefusal(depthMm, cartridge);
        return depth != null ? depth : rateRefusal(depthMm, rateHz, cartridge);
    }

    public String depthRefusal(double depthMm, CartridgeType cartridge) {
        var d = profile.depth();
        if (!Double.isFinite(depthMm) || depthMm < d.minMm() - EPS) {
            return fmt("depth %s mm is below the %.2f mm minimum", plain(depthMm), d.minMm());
        }
        if (depthMm > d.selectableMaxMm() + EPS) {
            return fmt("depth %s mm is above the %.2f mm ceiling of profile %s", plain(depthMm), d.selectableMaxMm(),
                    profile.name());
        }
        double steps = depthMm / d.stepMm();
        if (Math.abs(steps - Math.rint(steps)) > 1e-6) {
            double below = Math.floor(steps) * d.stepMm();
            return fmt("depth %s mm is not a multiple of the %.2f mm step; nearest allowed %.2f or %.2f mm", plain(depthMm),
                    d.stepMm(), below, below + d.stepMm());
        }
        if (cartridge != null && depthMm > cartridge.maxDepthMm() + EPS) {
            return fmt("depth %s mm is above the %.2f mm allowed for cartridge %s", plain(depthMm),
                    cartridge.maxDepthMm(), cartridge.name());
        }
        return null;
    }

    public String rateRefusal(double depthMm, double rateHz, CartridgeType cartridge) {
        var r = profile.rate();
        if (!Double.isFinite(rateHz) || rateHz < r.minHz() - EPS) {
            return rangeRefusal(rateHz);
        }
        // the physical limit is named first: it is the reason a faster profile would not help
        CartridgeType load = cartridge != null ? cartridge : profile.heaviestCartridge();
        double reachable = limits.maxRateHz(depthMm, load.needles());
        if (rateHz > reachable + EPS) {
            return fmt("rate %s Hz is above the %.0f Hz this motor reaches %s (%d needles at %s mm)", plain(rateHz),
                    Math.floor(reachable), limits.worstCaseWords(), load.needles(), plain(depthMm));
        }
        if (rateHz > r.maxHz() + EPS) {
            return rangeRefusal(rateHz);
        }
        double steps = rateHz / r.stepHz();
        if (Math.abs(steps - Math.rint(steps)) > 1e-6) {
            double below = Math.floor(steps) * r.stepHz();
            return fmt("rate %s Hz is not a multiple of the %s Hz step of profile %s; nearest allowed %s or %s Hz",
                    plain(rateHz), plain(r.stepHz()), profile.name(), plain(below), plain(below + r.stepHz()));
        }
        if (cartridge != null && rateHz > cartridge.maxRateHz() + EPS) {
            return fmt("rate %s Hz is above the %.0f Hz allowed for cartridge %s", plain(rateHz), cartridge.maxRateHz(),
                    cartridge.name());
        }
        return null;
    }

    private String rangeRefusal(double rateHz) {
        var r = profile.rate();
        return fmt("rate %s Hz is outside the %.0f to %.0f Hz range of profile %s", plain(rateHz), r.minHz(), r.maxHz(),
                profile.name());
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
