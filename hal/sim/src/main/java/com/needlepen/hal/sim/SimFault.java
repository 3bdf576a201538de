package com.needlepen.hal.sim;

/** Faults the simulated pen can be made to have. */
public enum SimFault {
    /** The cam locks: the shaft cannot turn, the motor draws stall current. */
    CAM_JAMMED,
    /** The index sensor stops producing edges. */
    INDEX_SENSOR_DEAD,
    /**
     * The collar stepper loses 0.2 mm of steps (the collar ends shallower than its count); the
     * driver flags a stall only if the collar was moving at StallGuard's threshold speed or faster.
     */
    COLLAR_STEPS_LOST,
    /**
     * Skin pressure pushes the collar 0.3 mm back into the pen: the needles go deeper; the driver
     * flags a stall only if the collar was moving at StallGuard's threshold speed or faster.
     */
    COLLAR_PUSHED_BACK,
    /** The home switch reads pressed whatever the collar does. */
    HOME_SWITCH_STUCK_PRESSED,
    /** The home switch never reads pressed. */
    HOME_SWITCH_STUCK_RELEASED,
    /**
     * 20 W of heat from outside the drive into the grip, where the thermistor sits (a lamp, a heater, the
     * sun: heat the motor's power does not show): the thermistor passes 41 °C in about half a minute.
     * Heat from the drive itself (the winding, the motor's friction) goes into the nose and shows in the
     * motor's power; a failing bearing that made 20 W would draw amperes and trip the current limits first.
     */
    OVERHEATING,
    /** The cartridge is pulled out. */
    CARTRIDGE_PULLED,
    /** The supply sags below its minimum. */
    SUPPLY_SAG,
    /** A driver transistor shorts: the motor is driven at 30 % whatever the driver is told. */
    DRIVER_SHORTED,
    /**
     * The PWM line to the driver is stuck high (a failed timer or a short on the board): while the
     * driver is enabled and driving, the motor gets full duty and runs away above the set rate.
     * Braking and disabling still work.
     */
    PWM_STUCK_HIGH,
    /**
     * The handpiece thermistor's lead opens: the divider sits at its rail and the converter reads
     * its floor, {@value SimPen#THERMISTOR_OPEN_CELSIUS} °C, whatever the handpiece's true
     * temperature. A sensor that lies low: heat that should stop the needles goes unseen unless the
     * firmware knows the reading is impossible.
     */
    THERMISTOR_OPEN,
    /**
     * The handpiece's identity EEPROM stops answering on I2C (a missing part, a broken bus): the
     * pen cannot tell which handpiece it drives, so it cannot know whether its calibration is this
     * handpiece's.
     */
    HANDPIECE_ID_SILENT,
    /**
     * The clock the firmware reads stops (a clock source that fails, a counter that no longer
     * counts) while the physics, the loop's ticks and the hardware timers outside the JVM go on:
     * every time-based check in the firmware goes blind, and so does the HAL's own dead-man.
     */
    CLOCK_STOPPED,
    /**
     * The clock the firmware reads jumps {@value SimHandle#CLOCK_JUMP_SECONDS} s back at once (a
     * clock stepped by a time service, a counter that wrapped); {@link SimHandle#jumpClock} jumps
     * either way by any amount.
     */
    CLOCK_JUMPED,
    /**
     * The collar's thread walks: vibration back-drives a screw that a knock or wear has left short of
     * self-locking, and while the needles run the collar creeps deeper at
     * {@value SimHandle#COLLAR_WALK_MM_PER_S} mm/s (the needles with it). The screw turns with the collar, so
     * the driver's count is unchanged and it flags no stall: only a sensor on the collar sees it.
     */
    COLLAR_WALKED,
    /**
     * The motor supply rises to {@value SimPen#SURGE_FRACTION} times its nominal voltage (a failed
     * regulator upstream, a wrong adapter): above the profile's {@code supply.maxVolts}, below what
     * the plausibility check calls impossible. The regulator follows the measured supply, so the
     * rate holds; every duty the firmware sets open-loop (parking's nudge, calibration's cam steps)
     * now drives the winding harder than at the highest supply the pen is specified for.
     */
    SUPPLY_SURGE,
    /**
     * The PWM compare register latches at {@value SimMotorDriver#STUCK_DUTY} (a failed timer, a
     * corrupted register): while the driver is enabled and driving it gets that duty whatever it is
     * told, a runaway to about 110 Hz on the sim pen, under the profile's maximum rate but far above
     * a low set rate. Braking and disabling still work.
     */
    DUTY_STUCK,
    /**
     * The handpiece thermistor's reading freezes at its last value (a converter that stopped
     * converting, a stale register): the true temperature goes on changing, the reading does not.
     */
    THERMISTOR_STUCK,
    /**
     * The current monitor stops seeing current (an open shunt sense line, a dead converter): it reads
     * its offset and noise, as with no current, whatever flows through the winding.
     */
    CURRENT_SENSE_DEAD,
    /**
     * The handpiece thermistor shorts: the converter reads its ceiling,
     * {@value SimPen#THERMISTOR_SHORTED_CELSIUS} °C, whatever the true temperature.
     */
    THERMISTOR_SHORTED,
    /**
     * The carrier's return spring fractures (or fatigues): it keeps {@value SimHandle#BROKEN_SPRING_FRACTION}
     * of its preload and rate, the weak spring of the plant's H16 test. Above a rate it can no longer
     * pull the carrier down as fast as the cam falls away: the carrier leaves the cam and the tips fly
     * past the set depth.
     */
    SPRING_BROKEN,
    /**
     * The motor supply drops to 0 V mid-run (a power loss: a connector pulled, a battery cut-off, a
     * blown fuse): the bridge is unpowered and open, and only the normally-closed brake switch,
     * which closes when the supply drops, brakes the motor. Cleared, the supply returns.
     */
    SUPPLY_LOST,
    /**
     * The brake switch across the winding never closes: its relay's armature does not release (a coil
     * driver that stays on, a jammed armature, the force-guided monitor contact welded shut, holding the
     * brake contact open): a bridge that is unpowered or disabled then leaves the motor to coast. Latent
     * while the bridge is powered; the relay's monitor contact shows it whenever the drive's enable is
     * low. (A brake contact that does not make although the armature released is
     * {@link SimHandle#setBrakeContactNotMaking}: the monitor cannot show that one.)
     */
    BRAKE_SWITCH_STUCK_OPEN,
    /**
     * The index sensor's output sticks at its active level (a failed output transistor, a line shorted
     * to the active level): one edge as it sticks, none after, and its level reads "the cam is at its
     * lowest point" wherever the cam is. Anything that reads the level rather than edges (parking)
     * is lied to.
     */
    INDEX_STUCK_ACTIVE,
    /**
     * The index sensor misses a share of the magnet's passes (a weakened magnet, a sensor at the edge
     * of its air gap): by default every other one ({@link SimHandle#INDEX_MISSED_SHARE}), evenly;
     * {@link SimHandle#missIndexEdges} misses any share, evenly or at random. The firmware sees a
     * lower rate than the shaft turns, and a regulator that believes it drives the needles faster than set.
     */
    INDEX_MISSED_EDGES,
    /**
     * The index sensor sees a second pulse each revolution (a cracked magnet whose fragment sits
     * {@value SimHandle#INDEX_FRAGMENT_DEG} degrees round the shaft, just short of the cam's top, where
     * the tips are out): the firmware sees about twice the rate the shaft turns, and the level reads
     * "at the index" at the fragment too. {@link SimHandle#addIndexNoise} adds random noise pulses instead.
     */
    INDEX_SPURIOUS_EDGES,
    /**
     * The winding loses its path for heat to the handpiece (the motor loosened in its clamp, its thermal
     * pad dried out or missing, the vent that cools it blocked): {@value SimHandle#WINDING_HOT_PATH_FACTOR}
     * times the design's thermal resistance from the winding to the nose. Its own I²R then heats the
     * winding far above the shell: the handpiece thermistor, which sees the shell, reads normal while the
     * winding's insulation passes its class limit.
     */
    WINDING_HOT,

    /**
     * The home switch's trip point has drifted by the unit's end-of-life figure (0.02 to 0.05 mm, deeper
     * or shallower, the unit's own; {@link SimHandle#driftHomeSwitch} any amount): wear of the actuator
     * and the mount, temperature. Its repeatability and hysteresis stay as they were. A homing that
     * takes its zero where the switch closes moves every depth by the drift.
     */
    HOME_SWITCH_DRIFTED,

    /**
     * The cam's roller follower seizes (its needle bearing worn or dry): the roller slides on the cam with
     * its grease soon gone, a friction coefficient of {@value SimHandle#FOLLOWER_FRICTION_WORST} against the
     * roller's {@value SimHandle#FOLLOWER_FRICTION_NOMINAL}. The drive drags, and its friction heats the nose,
     * the applied part; a seized roller does not free itself.
     */
    FOLLOWER_SEIZED,

    /**
     * The collar's stepper driver chip resets (a brown-out of its logic supply, ESD): its position and encoder
     * counts read 0 where the collar stands, as the TMC5160's and TMC2209's registers do after a reset; the
     * driver reports {@code CollarDriverFault.POSITION_LOST}. Both counts agree with each other, so the collar's
     * position sensor check cannot see it: every depth set afterwards lands the lost count deeper.
     */
    COLLAR_DRIVER_RESET,

    /**
     * The platform loses index edges: the next {@value SimHandle#INDEX_EDGES_LOST} edges never reach the
     * firmware, as when the reader of a Pi's line events fell behind and the kernel's event buffer overflowed;
     * the sensor counts them ({@code IndexSensor.droppedEdgeCount}), as the kernel's sequence numbers reveal.
     */
    INDEX_EDGES_LOST,

    /**
     * The platform's reader of index edges stalls for {@value SimHandle#INDEX_READER_STALL_MILLIS} ms (its thread
     * starved, a JVM pause): edges queue unseen and the instant the platform vouches for them
     * ({@code IndexSensor.edgesCompleteThroughNanos}) stands still, then all arrive at once. Not lost: late.
     */
    INDEX_READER_STALLED
}
