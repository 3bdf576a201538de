package com.needlepen.config.calibration;

import com.needlepen.config.DeviceProfile;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Whether a stored calibration may be used for a session on this handpiece now: it must have been
 * made on this handpiece (its identity EEPROM's id, not the profile's device id, which every unit of
 * a model shares) with this profile, have passed, never have failed a verification, and not be older than
 * the profile allows in run hours, nor in days when the device's clock is synchronised. Each
 * refusal is its own one-line message.
 */
public final class CalibrationCheck {

    private static final double MILLIS_PER_DAY = 86_400_000.0;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private CalibrationCheck() {
    }

    /**
     * The reason the calibration stored as {@code entry} cannot be used on the handpiece
     * {@code handpieceId} (as its identity EEPROM reads), or null if it can.
     */
    public static String problem(CalibrationStore.Entry entry, DeviceProfile profile, String handpieceId,
                                 double runHoursNow, long utcNowMillis, boolean clockSynchronised) {
        if (!entry.readable()) {
            return entry.problem();
        }
        Calibration c = entry.calibration();
        String file = entry.file().toString();
        if (!c.handpieceId().equals(handpieceId)) {
            return file + " was made on handpiece " + c.handpieceId() + ", this handpiece is " + handpieceId
                    + "; calibrate this handpiece";
        }
        if (!c.profile().equals(profile.name())) {
            return file + " was made with profile " + c.profile() + ", not " + profile.name() + "; re-calibrate";
        }
        if (!c.passed()) {
            return String.format(Locale.ROOT, "%s did not pass: worst residual %.4f mm exceeds %.4f mm; re-calibrate",
                    file, c.worstResidualMm(), c.toleranceMm());
        }
        String verification = failedVerification(entry);
        if (verification != null) {
            return verification;
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

    /**
     * The first failed (or unreadable) verification of the calibration, as a refusal. A later
     * verification that passes does not clear it: the drift showed the pen changed since it was
     * calibrated, and one passing re-measurement does not show what changed or that it will stay
     * put; only a new calibration (a new entry) starts clean.
     */
    private static String failedVerification(CalibrationStore.Entry entry) {
        for (CalibrationStore.Verification v : entry.verifications()) {
            if (!v.readable()) {
                return v.problem();
            }
            CalibrationVerification record = v.verification();
            if (!record.calibrationId().equals(entry.calibration().id())) {
                return v.file() + " verifies " + record.calibrationId() + ", not " + entry.calibration().id()
                        + "; re-calibrate";
            }
            if (!record.passed()) {
                return String.format(Locale.ROOT, "calibration %s failed verification on %s (drift %.4f mm, tolerance"
                                + " %.4f mm): re-calibrate (needlepen calibrate)", record.calibrationId(),
                        DATE.format(Instant.ofEpochMilli(record.utcEpochMillis())), record.worstDriftMm(),
                        record.toleranceMm());
            }
        }
        return null;
    }
}
