package com.needlepen.config.calibration;

import com.needlepen.config.DeviceProfile;
import java.util.Locale;

/**
 * Whether a stored calibration may be used for a session on this device now: it must belong to
 * this device and profile, have passed, and not be older than the profile allows in run hours, nor
 * in days when the device's clock is synchronised. Each refusal is its own one-line message.
 */
public final class CalibrationCheck {

    private static final double MILLIS_PER_DAY = 86_400_000.0;

    private CalibrationCheck() {
    }

    /** The reason {@code c} from {@code file} cannot be used, or null if it can. */
    public static String problem(Calibration c, String file, DeviceProfile profile, double runHoursNow,
                                 long utcNowMillis, boolean clockSynchronised) {
        String device = profile.telemetry().deviceId();
        if (!c.deviceId().equals(device)) {
            return file + " belongs to device " + c.deviceId() + ", not " + device + "; calibrate this pen";
        }
        if (!c.profile().equals(profile.name())) {
            return file + " was made with profile " + c.profile() + ", not " + profile.name() + "; re-calibrate";
        }
        if (!c.passed()) {
            return String.format(Locale.ROOT, "%s did not pass: worst residual %.4f mm exceeds %.4f mm; re-calibrate",
                    file, c.worstResidualMm(), c.toleranceMm());
        }
        double hours = runHoursNow - c.runHours();
        double maxHours = profile.calibration().maxRunHours();
        if (hours > maxHours) {
            return String.format(Locale.ROOT, "%s is %.1f run hours old; profile %s allows %.0f; re-calibrate",
                    file, hours, profile.name(), maxHours);
        }
        if (clockSynchronised && c.clockSynchronised()) {
            double days = (utcNowMillis - c.utcEpochMillis()) / MILLIS_PER_DAY;
            double maxDays = profile.calibration().maxAgeDays();
            if (days > maxDays) {
                return String.format(Locale.ROOT, "%s is %.0f days old; profile %s allows %.0f; re-calibrate",
                        file, days, profile.name(), maxDays);
            }
        }
        return null;
    }
}
