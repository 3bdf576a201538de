package com.needlepen.hal.pi4j.tmc2209;

import static com.needlepen.hal.pi4j.tmc2209.Tmc2209Registers.CHOPCONF;
import static com.needlepen.hal.pi4j.tmc2209.Tmc2209Registers.DRV_STATUS;
import static com.needlepen.hal.pi4j.tmc2209.Tmc2209Registers.GCONF;
import static com.needlepen.hal.pi4j.tmc2209.Tmc2209Registers.GSTAT;
import static com.needlepen.hal.pi4j.tmc2209.Tmc2209Registers.IHOLD_IRUN;
import static com.needlepen.hal.pi4j.tmc2209.Tmc2209Registers.IOIN;
import static com.needlepen.hal.pi4j.tmc2209.Tmc2209Registers.SGTHRS;
import static com.needlepen.hal.pi4j.tmc2209.Tmc2209Registers.SG_RESULT;
import static com.needlepen.hal.pi4j.tmc2209.Tmc2209Registers.TCOOLTHRS;
import static com.needlepen.hal.pi4j.tmc2209.Tmc2209Registers.TPOWERDOWN;
import static com.needlepen.hal.pi4j.tmc2209.Tmc2209Registers.TPWMTHRS;

import com.needlepen.hal.CollarDriverFault;
import com.needlepen.hal.CollarStepper;
import com.needlepen.hal.HoldCurrent;
import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.scale.CollarScale;
import java.util.function.BooleanSupplier;

/**
 * The collar on a TMC2209 in STEP/DIR: steps timed from Java by a {@link StepLoop} (whose count is the position), the
 * chip configured and watched over its single-wire UART, the collar's own scale ({@link CollarScale}, AS5311 class over
 * SSI) as the position feedback the chip lacks (it has no encoder input).
 *
 * <p><b>Why STEP/DIR and not VACTUAL.</b> The chip's internal pulse generator moves the motor at a velocity written
 * over UART but counts nothing: the position would have to be integrated from the chip's internal clock (12 MHz as trimmed, not a crystal) and from
 * when each UART write happened to land (a millisecond of UART latency at 6,400 steps/s is six steps), and a stop on an
 * exact step would need a write timed to the step. The firmware's {@code CollarStepper} needs an exact count; pulses
 * issued by the step thread are counted where they are made.
 *
 * <p><b>What runs where.</b> UART exchanges (a millisecond each at 115200 baud) run only in {@link #configure()} (at
 * start) and {@link #poll(long)} (the backend's service thread). The methods the 1 ms control tick calls return what
 * the last poll found or what the step thread counts, through volatile fields, without allocating;
 * {@link #setHoldCurrent(HoldCurrent)} records the current and the next poll writes it (the firmware sets it on state
 * entries, inside the tick), confirmed by IFCNT.
 *
 * <p><b>Faults</b> ({@link #driverFaults()}): GSTAT reset or uv_cp: {@link CollarDriverFault#POSITION_LOST}, latched
 * until {@link #setPositionSteps(long)} (the chip's registers went back to their reset values or its bridges were off:
 * the collar may have moved without a step), any move halted at once and the chip configured again; DRV_STATUS ot,
 * otpw, s2ga/s2gb, s2vsa/s2vsb as read at the last poll; ola/olb only while moving (the datasheet: false open-load
 * reports occur at standstill and fast motion); a UART timeout, a bad echo or CRC, a wrong register in a reply, a write
 * IFCNT did not count, or a STEP/DIR write failing (the move is ended there): {@link CollarDriverFault#NOT_ANSWERING}
 * until a poll succeeds; the scale not answering or its reading not sound: {@link CollarDriverFault#SCALE_FAULT} until
 * a poll reads it sound. The
 * bits DRV_STATUS gave stay as last read while the chip does not answer (a fault is not dropped for want of news).
 *
 * <p><b>Stalls</b> ({@link #stallDetected()}, latched until {@link #setPositionSteps(long)}): the scale disagreeing with
 * the count by more than {@link Tmc2209Settings#stallToleranceSteps()} (judged at any speed, at rest too: the scale
 * sees the collar itself; only once {@link #setPositionSteps} has zeroed the scale to the count, and not across a
 * zeroing that happens during the comparison), and StallGuard4's SG_RESULT at or below 2 x SGTHRS on two polls in a row while the step rate
 * is at or above {@link Tmc2209Settings#stallGuardMinStepsPerSecond()} (StallGuard4 works only in StealthChop, which
 * this driver keeps at every speed, and only with enough back-EMF). SG_RESULT is read over UART rather than the DIAG
 * line: a jammed lead screw stays jammed for many polls, the firmware reacts on its tick anyway, and DIAG would need a
 * GPIO and an edge listener of its own for a signal the scale already gives at every speed.
 */
public final class Tmc2209Collar implements CollarStepper {

    /** CHOPCONF's chopper timing as after reset (TOFF 3, HSTRT 5, HEND 0, TBL 0: TMC-API / janelia 0x10000053). */
    private static final int CHOPCONF_TIMING = 0x00000053;
    /** GSTAT bits written back as ones to clear them. */
    private static final int GSTAT_CLEAR = Tmc2209Registers.GSTAT_RESET | Tmc2209Registers.GSTAT_DRV_ERR
            | Tmc2209Registers.GSTAT_UV_CP;
    /** Writes in {@link #configure()}, confirmed together by IFCNT. */
    private static final int CONFIGURE_WRITES = 8;
    /** SG_RESULT readings at or below the threshold in a row that make a stall. */
    private static final int STALLGUARD_READINGS = 2;

    private final Tmc2209Uart uart;
    private final StepLoop steps;
    private final CollarScale scale;
    private final BooleanSupplier homeSwitch;
    private final Tmc2209Settings settings;
    private final int gconf;
    private final int chopconf;
    private final int tcoolthrs;

    private volatile HoldCurrent holdCurrent = HoldCurrent.REDUCED;
    private volatile boolean holdCurrentPending = true;
    private volatile boolean configured;
    /** Whether a configuration has ever succeeded: the power-on reset before it loses nothing homing does not redo. */
    private boolean everConfigured;
    private volatile int driveBits;
    private volatile boolean positionLost;
    private volatile boolean notAnswering;
    /** The scale did not answer or its reading was not sound at the last poll ({@link CollarDriverFault#SCALE_FAULT}). */
    private volatile boolean scaleFault;
    private volatile boolean stalled;
    private volatile String lastError = "";
    private int stallGuardLow;
    /** Counts {@link #setPositionSteps} calls: the scale is compared with the count only within one generation. */
    private volatile int zeroGeneration;

    public Tmc2209Collar(Tmc2209Uart uart, StepLoop steps, CollarScale scale, BooleanSupplier homeSwitch,
            Tmc2209Settings settings) {
        this.uart = uart;
        this.steps = steps;
        this.scale = scale;
        this.homeSwitch = homeSwitch;
        this.settings = settings;
        this.gconf = Tmc2209Registers.GCONF_PDN_DISABLE | Tmc2209Registers.GCONF_MSTEP_REG_SELECT
                | Tmc2209Registers.GCONF_MULTISTEP_FILT;
        this.chopconf = CHOPCONF_TIMING | Tmc2209Registers.mres(settings.microsteps()) << Tmc2209Registers.CHOPCONF_MRES_SHIFT
                | Tmc2209Registers.CHOPCONF_INTPOL;
        this.tcoolthrs = settings.stallGuardThreshold() == 0 ? 0
                : (int) Math.min(0xFFFFF, Tmc2209Registers.tstep(settings.stallGuardMinStepsPerSecond(), settings.microsteps()));
    }

    /**
     * Configures the chip: checks it is a TMC2209 (IOIN version 0x21), reads GSTAT (a reset it shows after the first
     * configuration is a lost position, even when the configuration clears it), writes GCONF (pdn_disable: PDN_UART is
     * a UART only; mstep_reg_select: MRES from CHOPCONF, not the pins; multistep_filt: smooths the step train above
     * about 750 full steps/s; I_scale_analog 0: the current from IRUN/IHOLD and the sense resistor alone, not a VREF
     * trimmer; en_spreadCycle 0: StealthChop, which StallGuard4 needs), CHOPCONF (MRES, intpol; dedge 0), IHOLD_IRUN,
     * TPOWERDOWN, TPWMTHRS 0 (StealthChop at every speed), TCOOLTHRS, SGTHRS, and clears GSTAT; confirms the eight
     * writes by IFCNT and reads GCONF and CHOPCONF back. Called by the backend at start (a failure says what is wrong)
     * and by {@link #poll} after a chip reset or a configuration that failed.
     */
    public void configure() throws BusException {
        configured = false;
        try {
            writeConfiguration();
        } catch (BusException e) {
            holdCurrentPending = true;
            throw e;
        }
        configured = true;
        everConfigured = true;
    }

    private void loseThePosition() {
        positionLost = true;
        steps.halt();
    }

    private void writeConfiguration() throws BusException {
        int version = uart.read(IOIN) >>> 24;
        if (version != Tmc2209Registers.IOIN_VERSION_TMC2209) {
            throw new BusException(String.format("TMC2209 node %d: IOIN version 0x%02X, a TMC2209 reads 0x%02X",
                    uart.node(), version, Tmc2209Registers.IOIN_VERSION_TMC2209));
        }
        int gstat = uart.read(GSTAT);
        if (everConfigured && (gstat & (Tmc2209Registers.GSTAT_RESET | Tmc2209Registers.GSTAT_UV_CP)) != 0) {
            loseThePosition();
        }
        int before = uart.ifcnt();
        holdCurrentPending = false; // before reading the current: a change from now on is written by the next poll
        HoldCurrent h = holdCurrent;
        uart.write(GCONF, gconf);
        uart.write(CHOPCONF, chopconf);
        uart.write(IHOLD_IRUN, holdRegister(h));
        uart.write(TPOWERDOWN, settings.powerDownDelay());
        uart.write(TPWMTHRS, 0);
        uart.write(TCOOLTHRS, tcoolthrs);
        uart.write(SGTHRS, settings.stallGuardThreshold());
        uart.write(GSTAT, GSTAT_CLEAR);
        uart.confirmWrites(before, CONFIGURE_WRITES, GSTAT);
        checkReadBack(GCONF, gconf);
        checkReadBack(CHOPCONF, chopconf);
    }

    private void checkReadBack(int register, int expected) throws BusException {
        int value = uart.read(register);
        if (value != expected) {
            throw new BusException(String.format("TMC2209 node %d register 0x%02X reads 0x%08X after writing 0x%08X",
                    uart.node(), register, value, expected));
        }
    }

    /**
     * The service thread's turn (every few tens of milliseconds): configures the chip if it is not, reads GSTAT and
     * DRV_STATUS, writes a changed hold current, reads SG_RESULT while the collar moves fast enough, reads the scale
     * and compares it with the count.
     */
    public void poll(long nowNanos) {
        boolean ok = pollDriver();
        scaleFault = !pollScale(nowNanos);
        String stepFailure = steps.failure();
        if (stepFailure != null) {
            lastError = stepFailure;
            ok = false;
        }
        notAnswering = !ok;
    }

    private boolean pollDriver() {
        try {
            if (!configured) {
                configure();
            }
            int gstat = uart.read(GSTAT);
            if ((gstat & (Tmc2209Registers.GSTAT_RESET | Tmc2209Registers.GSTAT_UV_CP)) != 0) {
                loseThePosition();
                if ((gstat & Tmc2209Registers.GSTAT_RESET) != 0) {
                    holdCurrentPending = true;
                    configure();
                }
            }
            boolean moving = steps.isMoving();
            int drv = uart.read(DRV_STATUS);
            driveBits = faultBits(drv, moving && steps.isMoving());
            if (holdCurrentPending) {
                holdCurrentPending = false; // before reading the current: a change from now on is written next poll
                HoldCurrent h = holdCurrent;
                try {
                    uart.writeConfirmed(IHOLD_IRUN, holdRegister(h));
                } catch (BusException e) {
                    holdCurrentPending = true;
                    throw e;
                }
            }
            judgeStallGuard();
            return true;
        } catch (BusException e) {
            lastError = e.getMessage();
            return false;
        }
    }

    private void judgeStallGuard() throws BusException {
        if (settings.stallGuardThreshold() == 0 || !fastEnoughForStallGuard()) {
            stallGuardLow = 0;
            return;
        }
        int sg = uart.read(SG_RESULT) & 0x3FF;
        if (!fastEnoughForStallGuard()) {
            stallGuardLow = 0; // the move slowed while reading: this reading says nothing
            return;
        }
        if (sg <= 2 * settings.stallGuardThreshold()) {
            if (++stallGuardLow >= STALLGUARD_READINGS) {
                stalled = true;
            }
        } else {
            stallGuardLow = 0;
        }
    }

    private boolean fastEnoughForStallGuard() {
        return steps.isMoving() && steps.speed() >= settings.stallGuardMinStepsPerSecond();
    }

    private boolean pollScale(long nowNanos) {
        int generation = zeroGeneration;
        long before = steps.positionSteps();
        try {
            scale.poll(nowNanos);
        } catch (BusException e) {
            lastError = "collar scale: " + e.getMessage();
            return false;
        }
        long after = steps.positionSteps();
        if (!scale.healthy()) {
            lastError = "collar scale: reading not sound (parity, magnet field or status)";
            return false;
        }
        long sensed = scale.positionSteps();
        if (generation == 0 || generation != zeroGeneration) {
            return true; // never zeroed (the scale's count is not the step count's yet), or re-zeroed meanwhile
        }
        long low = Math.min(before, after);
        long high = Math.max(before, after);
        long deviation = sensed < low ? low - sensed : sensed > high ? sensed - high : 0;
        if (deviation > settings.stallToleranceSteps()) {
            stalled = true;
        }
        return true;
    }

    private static final com.needlepen.hal.pi4j.trinamic.DriverStatusFlags FLAGS =
            new com.needlepen.hal.pi4j.trinamic.DriverStatusFlags(Tmc2209Registers.DRV_OT, Tmc2209Registers.DRV_OTPW,
                    Tmc2209Registers.DRV_S2GA | Tmc2209Registers.DRV_S2GB, Tmc2209Registers.DRV_S2VSA | Tmc2209Registers.DRV_S2VSB,
                    Tmc2209Registers.DRV_OLA | Tmc2209Registers.DRV_OLB);

    /** The HAL fault bits for a DRV_STATUS value; open load only counts while {@code moving}. */
    static int faultBits(int drvStatus, boolean moving) {
        return FLAGS.faultBits(drvStatus, moving);
    }

    private int holdRegister(HoldCurrent h) {
        return settings.iholdIrun(h == HoldCurrent.FULL ? settings.runCurrent() : settings.reducedHoldCurrent());
    }

    /** The last error a poll met (empty when none yet), for the log and {@code needlepen doctor}. */
    public String lastError() {
        return lastError;
    }

    /** Whether the chip has been configured since it last reset. */
    public boolean configured() {
        return configured;
    }

    @Override
    public void moveTo(long targetSteps, double maxStepsPerSecond, double accelStepsPerSecond2) {
        steps.moveTo(targetSteps, maxStepsPerSecond, accelStepsPerSecond2);
    }

    @Override
    public void stop() {
        steps.stop();
    }

    @Override
    public boolean isMoving() {
        return steps.isMoving();
    }

    @Override
    public long positionSteps() {
        return steps.positionSteps();
    }

    @Override
    public void setPositionSteps(long stepsNow) {
        steps.setPositionSteps(stepsNow);
        scale.zero(stepsNow);
        zeroGeneration++; // only the tick writes it
        stalled = false;
        positionLost = false;
    }

    @Override
    public long sensedPositionSteps() {
        return scale.positionSteps();
    }

    @Override
    public long sensedIndexPhaseSteps() {
        return scale.indexPhaseSteps();
    }

    @Override
    public void setHoldCurrent(HoldCurrent h) {
        holdCurrent = h;
        holdCurrentPending = true;
    }

    @Override
    public HoldCurrent holdCurrent() {
        return holdCurrent;
    }

    @Override
    public boolean homeSwitchPressed() {
        return homeSwitch.getAsBoolean();
    }

    @Override
    public boolean stallDetected() {
        return stalled;
    }

    @Override
    public int driverFaults() {
        int bits = driveBits;
        if (positionLost) {
            bits |= CollarDriverFault.POSITION_LOST.bit();
        }
        if (notAnswering) {
            bits |= CollarDriverFault.NOT_ANSWERING.bit();
        }
        if (scaleFault) {
            bits |= CollarDriverFault.SCALE_FAULT.bit();
        }
        return bits;
    }
}
