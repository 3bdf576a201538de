package com.needlepen.firmware.safety;

/** Coded, latched faults. {@code driveSuspect} faults leave the motor braked rather than parked. */
public enum FaultCode {
    F01_HOMING_FAILED("collar homing failed", false),
    F02_CAM_JAMMED("cam jammed: drive on, current high, no index pulses", true),
    F03_OVERSPEED("stroke rate above the safe maximum", true),
    F04_RATE_DEVIATION("stroke rate far from the set rate for too long", false),
    F05_OVERCURRENT("motor current above its limit", true),
    F06_OVERTEMPERATURE("handpiece at or above the temperature cut-off", false),
    F07_CARTRIDGE_REMOVED("cartridge removed while the needles were moving", false),
    F08_DEADMAN("motor driver dead-man expired", true),
    F09_DEPTH_LIMIT("a collar command deeper than the limit was clamped", false),
    F10_PARK_FAILED("the cam could not be parked with the needles hidden", true),
    F11_INDEX_SENSOR_DEAD("index sensor dead: drive on, current normal, no index pulses", true),
    F12_SUPPLY_LOW("motor supply below its minimum", false),
    F13_TURNING_WHILE_OFF("the motor turned while commanded off", true),
    F14_RUN_TOO_LONG("a run lasted longer than the profile allows", false),
    F15_LOOP_OVERRUN("the control loop ran late beyond its budget", true),
    F16_COLLAR_STEPS_LOST("the collar's stepper lost steps: its depth cannot be trusted", false),
    F17_HOME_SWITCH_UNEXPECTED("the home switch closed far from home", false),
    F18_HOME_SWITCH_OPEN("the home switch did not close as the collar passed it", false);

    private final String description;
    private final boolean driveSuspect;

    FaultCode(String description, boolean driveSuspect) {
        this.description = description;
        this.driveSuspect = driveSuspect;
    }

    public String description() {
        return description;
    }

    /** Whether the drive itself may be at fault, so it must stay braked rather than move to park. */
    public boolean driveSuspect() {
        return driveSuspect;
    }

    /** "F02". */
    public String shortCode() {
        return name().substring(0, 3);
    }
}
