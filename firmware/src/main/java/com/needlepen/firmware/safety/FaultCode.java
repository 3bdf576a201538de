package com.needlepen.firmware.safety;

/**
 * Coded, latched faults. Every fault brakes the motor. A {@code driveSuspect} fault also stops the
 * loop feeding the hardware enable timer, which then holds the driver off and opens the motor
 * supply (a shorted driver cannot resist that); a fault that is not {@code parkable} leaves the cam
 * braked where it stopped instead of nudging it to park, because parking needs a trusted drive and
 * a working index sensor.
 */
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
    // the drive is sound and must stay powered to hold the brake (a released brake lets a fast shaft coast
    // on); parking needs the index this fault has lost
    F11_INDEX_SENSOR_DEAD("index sensor dead: drive on, current normal, no index pulses", false, false),
    F12_SUPPLY_LOW("motor supply below its minimum", false),
    F13_TURNING_WHILE_OFF("the motor turned while commanded off", true),
    F14_RUN_TOO_LONG("a run lasted longer than the profile allows", false),
    F15_LOOP_OVERRUN("the control loop ran late beyond its budget", true),
    F16_COLLAR_STEPS_LOST("the collar's stepper lost steps: its depth cannot be trusted", false),
    F17_HOME_SWITCH_UNEXPECTED("the home switch closed far from home", false),
    F18_HOME_SWITCH_OPEN("the home switch did not close as the collar passed it", false),
    // the readings the other checks (and parking's stillness test) rest on cannot be trusted: brake and hold
    F19_SENSOR_IMPLAUSIBLE("a sensor reads what it physically cannot (not a number, or outside its range)", false,
            false),
    F20_WAIT_TIMED_OUT("work handed to another thread did not finish within its bound", false),
    // the bridge has no power to brake or nudge with: the normally-closed brake switch stops the shaft, and the cam
    // stays where it stopped (SupplyLostCheck says why this is not F12)
    F21_SUPPLY_LOST("motor supply lost: the bridge is unpowered, the brake switch stops the motor", false, false),
    F22_SUPPLY_HIGH("motor supply above its maximum", false),
    // a regulator or driver that runs away at a low set rate: the drive cannot be trusted to park
    F23_OVERSPEED_VS_SET("stroke rate far above the set rate", true),
    // found at rest before a start, the needles parked, or by the running estimate while running: the drive is sound
    F24_WINDING_OVERTEMP("the motor winding, measured by its resistance at rest or estimated while running, is at or"
            + " above its rated temperature",
            false),
    // the readings parking's stillness test rests on (the current) may be blind: brake and hold, as F19
    F25_SPRING_FAILED("the carrier's return spring no longer pulls it onto the cam: the current's ripple is gone", false),
    F26_SENSOR_STUCK("a sensor reads a value that does not follow what the pen is doing (stuck or dead)", false, false),
    F27_CARTRIDGE_SWAPPED("the cartridge was swapped inside a session: the ledger recorded only the first", false),
    // nothing timed can be trusted, parking's own timeout included: brake, hold, and leave the stop to the hardware
    // enable timer, which runs on its own oscillator
    F29_CLOCK_FAULT("the clock the firmware reads stopped, jumped or ran at a false rate against the loop's ticks",
            true, false),
    F30_COLLAR_MOVED("the collar's position sensor disagrees with its step count: the collar moved on its own,"
            + " did not follow its steps, or the sensor failed", false),
    // the index sensor lies (stuck active, missing or adding pulses): the drive is sound and its brake must hold, but
    // parking reads the level this fault distrusts, so it brakes and holds as F11 does
    F31_INDEX_IMPLAUSIBLE("the index sensor's pulses or level are implausible: stuck active, missed or spurious edges",
            false, false),
    // a sensor that misses passes never reads active away from the magnet: what the level says at rest stays true,
    // so the cam parks (a missed pass at rest reads inactive, and parking nudges it round again)
    F32_INDEX_EDGES_MISSED("the index sensor misses pulses: the back-EMF says the shaft turns faster than the index",
            false),
    // the bridge is sound and brakes and parks as ever; what failed is the switch that brakes an unpowered or disabled
    // bridge's motor, so the next power loss or fault would let the needles coast: no run until it is serviced
    F33_BRAKE_SWITCH_FAILED("the brake switch across the winding does not follow the drive's enable (its monitor"
            + " contact says so): an unpowered motor would coast", false),
    // the zero comes from the collar's scale, so the depth is right; the switch that selects the scale's index
    // has moved further than a sound switch does
    F34_HOME_SWITCH_DRIFTED("the home switch closed further from its place on the collar's scale than its drift"
            + " allows", false),
    // the drive obeys but cannot reach the set rate under this load at this supply: it brakes and parks as F04 does
    F35_SPIN_UP_TOO_LONG("the stroke rate did not reach the set rate within the spin-up bound: the drive cannot"
            + " hold it under this load", false),
    // the drive obeys; something in the handpiece drags (a seized cam roller sliding on the cam, a bearing): its heat
    // is made at the nose, uncounted by the applied part's estimate, so the needles stop and park
    F36_DRIVE_DRAGS("the drive needs more torque than its rated friction and the cartridge's skin load can take: something"
            + " in the handpiece drags (a seized cam roller, a bearing) and heats the nose; service the handpiece", false),
    // the stroke drive is not involved; the collar is stopped where it is and the count re-made by re-homing
    F37_COLLAR_DRIVER_FAULT("the collar's stepper driver reports a fault (a reset that lost its position count,"
            + " over-temperature, a shorted or open coil) or does not answer: the depth cannot be trusted", false),
    // the drive is sound; edges were lost on their way to the firmware (the platform's reader fell behind), so the
    // rate estimate and the stroke count missed strokes: the needles stop and park on the level, which is still read
    F38_INDEX_EDGES_LOST("the platform lost index edges (its line-event buffer overflowed while its reader was late):"
            + " the stroke rate and count missed strokes", false),
    // the drive is sound; the platform hands index edges over late (its reader thread starved or paused), so for that
    // while the firmware cannot tell a turning shaft from a stopped one: the needles stop and park on the level
    F39_INDEX_EDGES_LATE("the platform hands index edges over late (its reader of the index line fell behind): the"
            + " firmware cannot see the shaft turn or stop", false);

    private final String description;
    private final boolean driveSuspect;
    private final boolean parkable;

    FaultCode(String description, boolean driveSuspect) {
        this(description, driveSuspect, !driveSuspect);
    }

    FaultCode(String description, boolean driveSuspect, boolean parkable) {
        this.description = description;
        this.driveSuspect = driveSuspect;
        this.parkable = parkable;
    }

    public String description() {
        return description;
    }

    /** Whether the drive itself may be at fault, so the hardware enable timer is left to cut it off. */
    public boolean driveSuspect() {
        return driveSuspect;
    }

    /** Whether the cam may be nudged to park: a trusted drive and a working index sensor. */
    public boolean parkable() {
        return parkable;
    }

    /**
     * Whether the fault proves a hardware failure the pen cannot recover from by itself, so it cannot
     * be acknowledged; the pen must be powered off and serviced:
     * <ul>
     *   <li>F13, a motor that turned while its driver was off (a shorted power stage): it drives the
     *       needles again the moment the enable timer is fed after an acknowledge (the safety property
     *       found the acknowledge-and-rehome cycle stroking the needles again and again);</li>
     *   <li>F26, a sensor that lies by not moving (a dead current monitor, a frozen thermistor
     *       converter): a failed part, not a condition that passes. Acknowledged, every run would start
     *       on the blind sensor until F26 came again (150 ms into the run for the current, up to 8 s for
     *       the thermistor), and in between the stall, over-current, spring and parking judgements (the
     *       current) or the temperature cut-off (the thermistor) would rest on a reading that says
     *       nothing (the safety property found parking on a dead monitor, after an acknowledge, leaving
     *       the tips out);</li>
     *   <li>F33, a brake switch whose monitor says it does not follow the drive's enable: every run
     *       would go on with nothing to stop the motor if it lost its power.</li>
     * </ul>
     */
    public boolean needsService() {
        return this == F13_TURNING_WHILE_OFF || this == F26_SENSOR_STUCK || this == F33_BRAKE_SWITCH_FAILED;
    }

    /** Why a fault that {@link #needsService()} cannot be acknowledged, for the refusal (null for the others). */
    public String serviceReason() {
        return switch (this) {
            case F13_TURNING_WHILE_OFF -> "the motor's driver failed";
            case F26_SENSOR_STUCK -> "a sensor failed: " + description;
            case F33_BRAKE_SWITCH_FAILED -> "the brake switch that stops an unpowered motor failed";
            default -> null;
        };
    }

    /** "F02". */
    public String shortCode() {
        return name().substring(0, 3);
    }
}
