package com.needlepen.firmware.state;

import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.collar.CollarHoming;
import com.needlepen.firmware.collar.DepthPositioner;
import com.needlepen.firmware.drive.CamParker;
import com.needlepen.firmware.drive.CamStepper;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.panel.RunOutputs;
import com.needlepen.firmware.panel.TechnicianCommands;
import com.needlepen.firmware.safety.SafetySupervisor;
import com.needlepen.firmware.session.ControllerEvents;
import com.needlepen.firmware.session.SessionRecorder;
import com.needlepen.firmware.treatment.DepthUnlock;
import com.needlepen.firmware.treatment.SpinUp;
import com.needlepen.firmware.treatment.Treatment;
import com.needlepen.hal.PenHardware;

/** What the states act on: built once by the firmware's assembly. */
public record StateParts(DeviceProfile profile, PenHardware hw, LoopControl control, StrokeDrive drive,
                         DepthPositioner positioner, CollarHoming homing, CamParker parker, CamStepper camStepper,
                         SpinUp spinUp, SafetySupervisor supervisor, SessionRecorder sessions, ControllerEvents events,
                         RunOutputs outputs, DepthUnlock unlock, Treatment treatment, RunGate gate,
                         TechnicianCommands technician) {

    /** F10's detail for a parking that failed {@code where}: with why, when the parker knows more than a timeout. */
    String parkFailure(String where) {
        return parker.failure() == null ? where : where + ": " + parker.failure();
    }
}
