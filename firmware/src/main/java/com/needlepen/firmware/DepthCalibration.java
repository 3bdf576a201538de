package com.needlepen.firmware;

import com.needlepen.config.CollarSpec;
import com.needlepen.config.calibration.Calibration;
import com.needlepen.firmware.collar.CalibratedDepthMap;
import com.needlepen.firmware.collar.DepthMap;
import com.needlepen.firmware.collar.NominalDepthMap;

/**
 * The depth calibration the firmware runs with: a usable one (its map and id), or the reason there
 * is none, in which case every session start is refused with that reason.
 *
 * @param map          steps to depth
 * @param id           the calibration's id, recorded in every session
 * @param handpieceId  the handpiece it was made on (its identity EEPROM's id): every session start
 *                     refuses another handpiece; null only for a test bench's nominal mapping
 * @param problem      why no session may start, or null
 */
public record DepthCalibration(DepthMap map, String id, String handpieceId, String problem) {

    public static DepthCalibration of(Calibration calibration) {
        return new DepthCalibration(new CalibratedDepthMap(calibration), calibration.id(), calibration.handpieceId(),
                null);
    }

    /** No usable calibration: the collar can home and be calibrated, but no session starts. */
    public static DepthCalibration unusable(CollarSpec collar, String problem) {
        return new DepthCalibration(new NominalDepthMap(collar), null, null, problem);
    }

    /**
     * The nominal mapping with sessions allowed, on any handpiece: for test benches that study the
     * uncalibrated pen. No tool that runs a pen uses it.
     */
    public static DepthCalibration nominalForTestBench(CollarSpec collar) {
        return new DepthCalibration(new NominalDepthMap(collar), "nominal", null, null);
    }

    public boolean usable() {
        return problem == null;
    }
}
