package com.needlepen.firmware.panel;

import com.needlepen.firmware.state.LoopControl;
import com.needlepen.firmware.state.PenState;

import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.collar.DepthPositioner;
import com.needlepen.firmware.session.SessionRecorder;
import com.needlepen.hal.CartridgeSensor;
import java.util.Locale;

/**
 * The technician's commands: calibrate, move the collar while calibrating, home, jog. Each is
 * refused, with the reason, outside the state it belongs to. CALIBRATING and jogging are bounded by
 * the collar's absolute maximum instead of the practitioner's ceiling.
 */
public final class TechnicianCommands {

    private final DeviceProfile profile;
    private final DepthPositioner positioner;
    private final CartridgeSensor cartridge;
    private final SessionRecorder sessions;
    private final LoopControl loop;

    public TechnicianCommands(DeviceProfile profile, DepthPositioner positioner, CartridgeSensor cartridge,
                       SessionRecorder sessions, LoopControl loop) {
        this.profile = profile;
        this.positioner = positioner;
        this.cartridge = cartridge;
        this.sessions = sessions;
        this.loop = loop;
    }

    /** Returns the decision: CALIBRATING, or the state the pen is in when refused. */
    public PenState calibrate(long now) {
        if (loop.state() != PenState.READY) {
            loop.refuse(now, "calibration starts only in READY, not " + loop.state());
        } else if (!cartridge.isPresent()) {
            loop.refuse(now, "no cartridge: calibration measures the needles of a cartridge");
        } else if (sessions.current() != null) {
            loop.refuse(now, "a session is open: end it before calibrating");
        } else {
            return PenState.CALIBRATING;
        }
        return loop.state();
    }

    public void calibrationMove(long now, double nominalDepthMm) {
        double max = profile.collar().absoluteMaxDepthMm();
        if (loop.state() != PenState.CALIBRATING) {
            loop.refuse(now, "calibration moves only while CALIBRATING, not " + loop.state());
        } else if (!(nominalDepthMm >= profile.depth().minMm() && nominalDepthMm <= max)) {
            loop.refuse(now, "calibration depth " + nominalDepthMm + " mm is outside " + profile.depth().minMm()
                    + " to " + max + " mm");
        } else {
            positioner.moveToSteps(positioner.nominalSteps(nominalDepthMm));
        }
    }

    /** Returns the decision: HOMING, or the state the pen is in when refused. */
    public PenState home(long now) {
        if (loop.state() == PenState.READY) {
            return PenState.HOMING;
        }
        loop.refuse(now, "homing starts only in READY, not " + loop.state());
        return loop.state();
    }

    public void jog(long now, double mm) {
        long target = positioner.collarSteps() + Math.round(mm * profile.collar().stepsPerMm());
        long max = positioner.nominalSteps(profile.collar().absoluteMaxDepthMm());
        if (loop.state() != PenState.READY) {
            loop.refuse(now, "jog only in READY, not " + loop.state());
        } else if (target < 0 || target > max) {
            loop.refuse(now, String.format(Locale.ROOT,
                    "jog by %.3f mm would leave the collar's travel (0 to %.3f mm from home)", mm,
                    max / profile.collar().stepsPerMm()));
        } else {
            positioner.setNominalAbsoluteLimit();
            positioner.moveToSteps(target);
        }
    }
}
