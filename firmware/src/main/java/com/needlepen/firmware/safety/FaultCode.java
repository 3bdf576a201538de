package com.needlepen.firmware.safety;

/** Coded, latched faults. {@code driveSuspect} faults leave the motor braked rather than parked. */
public enum FaultCode {
    F01_HOMING_FAILED("collar homing failed", false),
    F02_NO_INDEX("no index pulses while driving (cam jammed or index sensor dead)", true),
    F03_OVERSPEED("stroke rate above the safe maximum", true),
    F04_RATE_DEVIATION("stroke rate far from the set rate for too long", false),
    F05_OVERCURRENT("motor current above its limit", true),
    F06_OVERTEMPERATURE("handpiece at or above 41 °C", false),
    F07_CARTRIDGE_REMOVED("cartridge removed while running", false),
    F08_DEADMAN("motor driver dead-man expired", true),
    F09_DEPTH_LIMIT("a collar command deeper than the limit was clamped", false),
    F10_PARK_FAILED("the cam could not be parked with the needles hidden", true);

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
