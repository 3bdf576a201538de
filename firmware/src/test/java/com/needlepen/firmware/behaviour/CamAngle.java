package com.needlepen.firmware.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.hal.sim.SimHandle;

/**
 * Whether the needles are retracted, judged by the cam's angle rather than by the tips' depth. A
 * depth check passes a cam stopped at ±100° at a shallow depth (at 1.0 mm on the sim profile its tips
 * are 0.24 mm hidden there), so it proves the collar, not the stop. The cam is parked when it is
 * near its lowest point, close enough that the tips would be hidden by at least the profile's
 * {@code collar.minRecessMm} even with the collar at the deepest selectable depth ({@code depth.maxMm}):
 * on the sim profile within ±36.9°, where the firmware parks at the index (±10°).
 */
final class CamAngle {

    private CamAngle() {
    }

    /** The largest angle from the lowest point at which the cam still hides the tips by the minimum recess at any depth. */
    static double parkedLimitDeg(DeviceProfile profile) {
        double eccentricity = profile.cam().strokeMm() / 2.0;
        double allowedLift = profile.cam().strokeMm() - profile.depth().maxMm() - profile.collar().minRecessMm();
        double cos = 1.0 - Math.max(0.0, allowedLift) / eccentricity;
        return Math.toDegrees(Math.acos(Math.max(-1.0, Math.min(1.0, cos))));
    }

    /** Asserts the cam stands where the tips are hidden by at least the minimum recess whatever the depth. */
    static void assertTipsHiddenByTheCam(SimHandle sim, DeviceProfile profile) {
        double limit = parkedLimitDeg(profile);
        double angle = sim.camAngleDeg();
        assertThat(Math.abs(angle)).as("cam %.1f° from its lowest point (parked within %.1f°)", angle, limit)
                .isLessThanOrEqualTo(limit);
        assertThat(sim.tipProtrusionAtDepthMm(profile.depth().maxMm()))
                .as("tips with this cam angle at the deepest depth, %.2f mm", profile.depth().maxMm())
                .isLessThanOrEqualTo(-profile.collar().minRecessMm());
    }
}
