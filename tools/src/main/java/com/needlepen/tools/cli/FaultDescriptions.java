package com.needlepen.tools.cli;

import com.needlepen.hal.sim.SimFault;

/** What each injectable fault does to the simulated pen, for {@code --list-faults}. */
final class FaultDescriptions {

    private FaultDescriptions() {
    }

    static String of(SimFault fault) {
        return switch (fault) {
            case CAM_JAMMED -> "the cam locks; the motor draws stall current";
            case INDEX_SENSOR_DEAD -> "the index sensor stops producing pulses";
            case COLLAR_STEPS_LOST -> "the collar stepper loses 0.2 mm of steps (a stall flag only if the collar moves;"
                    + " the collar's position sensor sees it at once, F30; the zero check before the next run is the"
                    + " second line)";
            case COLLAR_PUSHED_BACK -> "skin pressure pushes the collar 0.3 mm deeper (the held rotor slips; the collar's"
                    + " position sensor sees it at once, F30; the zero check before the next run is the second line)";
            case HOME_SWITCH_STUCK_PRESSED -> "the home switch reads pressed wherever the collar is";
            case HOME_SWITCH_STUCK_RELEASED -> "the home switch never reads pressed (seen at the next homing)";
            case OVERHEATING -> "20 W of extra heat from outside the drive warm the grip (where the thermistor sits) towards"
                    + " the cut-off";
            case CARTRIDGE_PULLED -> "the cartridge is pulled out";
            case SUPPLY_SAG -> "the motor supply sags to 75 % of nominal";
            case DRIVER_SHORTED -> "a driver transistor shorts: the motor is driven at 30 % even when disabled";
            case PWM_STUCK_HIGH -> "the PWM line sticks high: an enabled drive runs away at full duty";
            case THERMISTOR_OPEN -> "the handpiece thermistor's lead opens: it reads -40 °C whatever the true temperature";
            case HANDPIECE_ID_SILENT -> "the handpiece's identity EEPROM stops answering: no run starts until it is read"
                    + " again";
            case CLOCK_STOPPED -> "the clock the firmware reads stops while the loop ticks on (F29 within 10 ticks)";
            case CLOCK_JUMPED -> "the clock the firmware reads jumps 5 s back (F29 at the next tick)";
            case COLLAR_WALKED -> "the collar's thread walks: while the needles run it creeps 0.5 mm/s deeper, no steps"
                    + " lost as the driver knows (found by the collar's position sensor, F30)";
            case SUPPLY_SURGE -> "the motor supply rises to 150 % of nominal, above the profile's maximum (F22)";
            case DUTY_STUCK -> "the PWM duty latches at 60 %: a drive set to a low rate runs away under the top rate (F23)";
            case THERMISTOR_STUCK -> "the handpiece thermistor's reading freezes at its last value (F26 once the winding"
                    + " has taken energy that must show)";
            case CURRENT_SENSE_DEAD -> "the current monitor reads no current (its offset and noise) while the shaft turns"
                    + " (F26)";
            case THERMISTOR_SHORTED -> "the handpiece thermistor shorts: it reads 150 °C whatever the true temperature (F06 at"
                    + " once, F19 behind it)";
            case SPRING_BROKEN -> "the carrier's return spring breaks: it keeps 10 % of its force, the carrier leaves the"
                    + " cam at high rates and the tips pass the set depth (F25)";
            case SUPPLY_LOST -> "the motor supply drops to 0 V (power loss): the open bridge cannot brake, the"
                    + " normally-closed brake switch does (F21 at the next tick)";
            case BRAKE_SWITCH_STUCK_OPEN -> "the brake switch across the winding never closes (its relay's armature"
                    + " does not release): an unpowered or disabled bridge lets the motor coast; its monitor contact"
                    + " shows it at the next stop or power-on (F33)";
            case INDEX_STUCK_ACTIVE -> "the index sensor's output sticks active: no more pulses, and its level says the"
                    + " cam is at its lowest point wherever it is (F31)";
            case INDEX_MISSED_EDGES -> "the index sensor misses every other pass of the magnet: the firmware sees half the"
                    + " rate the shaft turns (F32)";
            case INDEX_SPURIOUS_EDGES -> "a cracked index magnet: a second pulse each revolution, near the cam's top (F31;"
                    + " F03 first at a set rate above half the overspeed line)";
            case WINDING_HOT -> "the winding loses its path for heat (40 times the thermal resistance to the nose): it runs"
                    + " far above the shell, which the thermistor sees as normal (F24 at the next start, once the winding"
                    + " measures above its 100 °C rating: minutes of running)";
            case HOME_SWITCH_DRIFTED -> "the home switch's trip point drifts by the unit's end-of-life figure (0.02 to"
                    + " 0.05 mm): homing takes the zero from the collar's scale, so the depth stays (F34 only past"
                    + " 0.1 mm)";
            case FOLLOWER_SEIZED -> "the cam's roller follower seizes and slides on the cam (friction 0.2 against 0.01): the"
                    + " drive drags and heats the nose; the torque shows it (F36 within about a second of spin-up)";
            case COLLAR_DRIVER_RESET -> "the collar's stepper driver chip resets: its position and encoder counts restart"
                    + " at 0 where the collar stands; the driver reports it (F37 on the next tick)";
            case INDEX_EDGES_LOST -> "the platform loses the next 5 index edges (its event buffer overflowed): the"
                    + " sensor counts them (F38 at the first)";
            case INDEX_READER_STALLED -> "the platform's reader of index edges stalls for 200 ms (a starved thread): edges"
                    + " queue unseen, then arrive at once (F39 once it is 10 ms behind)";
        };
    }
}
