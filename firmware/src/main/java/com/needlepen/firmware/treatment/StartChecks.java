package com.needlepen.firmware.treatment;

import com.needlepen.firmware.DepthCalibration;

import com.needlepen.config.CartridgeType;
import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.collar.DepthPositioner;
import com.needlepen.hal.CartridgeSensor;

/**
 * What must hold before the needles may move, checked at every start (and again when the zero
 * check before a run ends): the handpiece the pen powered on with, its identity readable and its
 * own calibration ({@link HandpieceBinding}), a usable calibration, a cartridge of a type the profile knows, a depth
 * and rate that cartridge allows, the collar at the set depth. Each refusal names its reason.
 */
public final class StartChecks {

    private final DeviceProfile profile;
    private final SettingsPolicy policy;
    private final DepthCalibration calibration;
    private final CartridgeSensor cartridge;
    private final DepthPositioner positioner;
    private final HandpieceBinding handpiece;

    public StartChecks(DeviceProfile profile, SettingsPolicy policy, DepthCalibration calibration, CartridgeSensor cartridge,
                DepthPositioner positioner, HandpieceBinding handpiece) {
        this.handpiece = handpiece;
        this.profile = profile;
        this.policy = policy;
        this.calibration = calibration;
        this.cartridge = cartridge;
        this.positioner = positioner;
    }

    /** Why a run at {@code depthMm} and {@code rateHz} may not start now, or null. */
    public String refusal(double depthMm, double rateHz) {
        String whose = handpiece.refusal();
        if (whose != null) {
            return whose;
        }
        if (!calibration.usable()) {
            return calibration.problem();
        }
        if (!cartridge.isPresent()) {
            return "no cartridge: insert a new cartridge before starting";
        }
        CartridgeType type = cartridgeType();
        if (type == null) {
            int needles = cartridge.read().needleCount();
            return needles == 0
                    ? "this cartridge does not tell its needle count, so the depth and rate it allows cannot be checked"
                    : "cartridge with " + needles + " needles is not a type this profile knows";
        }
        String why = policy.refusal(depthMm, rateHz, type);
        if (why != null) {
            return why;
        }
        if (!positioner.settled()) {
            return "collar still moving to " + depthMm + " mm";
        }
        return null;
    }

    /** The profile's type for the inserted cartridge's needle count, or null (none, or unknown). */
    public CartridgeType cartridgeType() {
        if (!cartridge.isPresent()) {
            return null;
        }
        int needles = cartridge.read().needleCount();
        var types = profile.cartridges();
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).needles() == needles) {
                return types.get(i);
            }
        }
        return null;
    }
}
