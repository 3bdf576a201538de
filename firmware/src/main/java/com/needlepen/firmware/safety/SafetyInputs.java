package com.needlepen.firmware.safety;

import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.collar.DepthPositioner;
import com.needlepen.firmware.collar.ZeroCheck;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.hal.AnalogSensors;
import com.needlepen.hal.CartridgeSensor;
import com.needlepen.hal.CollarStepper;

/**
 * What the safety checks may look at: the profile's limits and what the HAL can see; {@code sessions}
 * for the open session's cartridge (a swap inside a session, H37).
 */
public record SafetyInputs(DeviceProfile profile, StrokeDrive drive, DepthPositioner positioner,
                           CollarStepper collar, ZeroCheck zeroCheck, AnalogSensors sensors,
                           CartridgeSensor cartridge, com.needlepen.firmware.loop.TickTrace trace,
                           com.needlepen.firmware.session.SessionRecorder sessions) {
}
