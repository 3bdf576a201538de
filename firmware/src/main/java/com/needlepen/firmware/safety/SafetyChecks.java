package com.needlepen.firmware.safety;

import java.util.ArrayList;
import java.util.List;

/** The safety checks the firmware always runs, all of them: there is no switch that leaves one out. */
public final class SafetyChecks {

    private SafetyChecks() {
    }

    public static List<SafetyCheck> standard(SafetyInputs in) {
        List<SafetyCheck> checks = new ArrayList<>();
        // the clock first: when it lies, the faults timed on it (a dead-man expired by a jump, a late loop) are its doing
        checks.add(new ClockCheck(in));
        checks.add(new DeadmanCheck(in));
        checks.add(new LoopOverrunCheck(in));
        checks.add(new DepthLimitCheck(in));
        // before the stall check: a sensor stuck active is named for what it is, not as a dead one
        checks.add(new IndexPlausibilityCheck(in));
        // before the stall check: edges that stop coming because the platform stopped handing them over name the platform
        checks.add(new IndexLateCheck(in));
        checks.add(new StallCheck(in));
        checks.add(new OvercurrentCheck(in));
        checks.add(new OverspeedCheck(in));
        checks.add(new TurningWhileOffCheck(in));
        checks.add(new SensorPlausibilityCheck(in));
        checks.add(new SupplyLostCheck(in));
        checks.add(new TemperatureCheck(in));
        checks.add(new WindingTemperatureCheck(in));
        checks.add(new WindingEstimateCheck(in));
        checks.add(new SupplyCheck(in));
        checks.add(new CartridgeCheck(in));
        checks.add(new RateDeviationCheck(in));
        checks.add(new SpinUpBoundCheck(in));
        checks.add(new RunTimeCheck(in));
        checks.add(new CollarCheck(in));
        // before the position check: a collar stopped in the slow probe, where StallGuard is blind, names the switch
        checks.add(new ProbeStallCheck(in));
        checks.add(new CartridgeSwapCheck(in));
        checks.add(new CollarPositionCheck(in));
        checks.add(new SupplyHighCheck(in));
        checks.add(new SetRateOverspeedCheck(in));
        checks.add(new StuckSensorCheck(in));
        checks.add(new SpringCheck(in));
        checks.add(new BrakeSwitchCheck(in));
        checks.add(new DragCheck(in));
        checks.add(new CollarDriverCheck(in));
        checks.add(new IndexEdgesLostCheck(in));
        return checks;
    }
}
