package com.needlepen.tools.bench;

import com.needlepen.config.CartridgeType;
import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.session.CartridgeLedger;

/**
 * What every bench pen is made of: one profile, cartridge type, calibration (made by the bench in
 * its own data directory, as {@code simulate} makes one) and cartridge ledger; each pen gets a
 * cartridge id of its own.
 */
public record PenSupply(DeviceProfile profile, CartridgeType cartridge, DepthCalibration calibration,
                        CartridgeLedger ledger, long seed) {
}
