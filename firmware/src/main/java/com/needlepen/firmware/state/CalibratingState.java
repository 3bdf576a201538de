package com.needlepen.firmware.state;

import com.needlepen.firmware.drive.CamStepper;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.hal.HoldCurrent;
import com.needlepen.hal.LedPattern;

/**
 * A technician's calibration: the cam turns slowly so a max-hold gauge follows, and the collar may
 * go to its absolute maximum; leaving brakes the motor.
 */
final class CalibratingState implements State {

    /** The cam's speed while calibrating: slow enough for a max-hold gauge to follow. */
    static final double RATE_HZ = 1.5;

    private final StateParts p;
    private final FaultLatch faults;

    CalibratingState(StateParts p, FaultLatch faults) {
        this.p = p;
        this.faults = faults;
    }

    @Override
    public void enter(long now) {
        p.hw().collar().setHoldCurrent(HoldCurrent.FULL);
        p.hw().indicators().setLed(LedPattern.BUSY);
        p.positioner().setNominalAbsoluteLimit();
        p.supervisor().runStarted(now);
        p.camStepper().start(now, RATE_HZ);
        p.events().event("calibration.start", now).with("rateHz", RATE_HZ).send();
    }

    @Override
    public PenState periodic(long now) {
        p.positioner().periodic();
        return p.camStepper().periodic(now) == CamStepper.Result.STALLED
                ? faults.latch(FaultCode.F02_CAM_JAMMED, "the cam did not turn at calibration speed")
                : PenState.CALIBRATING;
    }

    @Override
    public void exit(long now) {
        p.drive().brake();
    }
}
