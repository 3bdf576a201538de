package com.needlepen.hal.pi4j.tmc5160;

import static com.needlepen.hal.pi4j.tmc5160.Tmc5160Registers.*;

import com.needlepen.hal.CollarDriverFault;
import com.needlepen.hal.CollarStepper;
import com.needlepen.hal.HoldCurrent;
import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.SpiChannel;
import com.needlepen.hal.pi4j.scale.CollarScale;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The depth collar's stepper on a TMC5160 over SPI: the chip's own ramp generator executes every move (positioning
 * mode), counts the steps (XACTUAL) and counts the collar scale's A/B output on its encoder input (X_ENC), so Java
 * times nothing.
 *
 * <p><b>Datagrams.</b> Every access is one 40-bit datagram in one chip-select assertion: an address byte (bit 7 set to
 * write) and 32 data bits, MSB first. The reply's first byte is SPI_STATUS, latched at the end of the previous access;
 * its data are the previous datagram's: the register read by the previous read access, or the data of the previous
 * write (datasheet 4.1.1). A read therefore takes two datagrams, and {@link #poll(long)} chains its reads so each
 * datagram fetches the previous one's register.
 *
 * <p><b>Threading.</b> The 1 ms control tick calls the getters: they return volatiles and touch no bus. The backend's
 * service thread calls {@link #poll(long)}, which reads GSTAT, XACTUAL, RAMP_STAT, X_ENC, DRV_STATUS and IOIN (seven
 * datagrams) and polls the collar scale. Commands ({@link #moveTo}, {@link #stop}, {@link #setPositionSteps},
 * {@link #setHoldCurrent}) write at once, on the caller's thread, under the same lock as the poll, so a poll's reads are
 * all from before a command or all from after it: {@link #isMoving()} is true from {@code moveTo} on and never falls
 * back to a "not moving" read before the move was written.
 *
 * <p><b>Stop.</b> {@link #stop()} switches the ramp generator to velocity mode with VMAX = 0: the chip decelerates at
 * AMAX (the move's acceleration limit, as the HAL asks) from wherever it is, without the driver having to read XACTUAL
 * and VACTUAL and compute a braking point that matches the chip's six-point ramp (a point computed from a read that is a
 * poll old overshoots and comes back, or stops short). The next {@code moveTo} writes XTARGET and returns to
 * positioning mode.
 *
 * <p><b>Stall.</b> {@link #stallDetected()} latches DRV_STATUS.stallGuard seen while the ramp moves; the chip raises it
 * only above TCOOLTHRS (set to {@link Tmc5160Settings#stallGuardMinStepsPerS()}), below which StallGuard2 cannot see a
 * stall. The encoder deviation (ENC_DEVIATION) is not used: the scale's count differs from the step count by the unit's
 * scale error (up to the profile's scaleTolerance, 5 % of travel, a fifth of a millimetre), backlash and the press's
 * give, so a deviation bound that never trips falsely is coarser than what the firmware's CollarPositionCheck and
 * ProbeStallCheck already judge from {@link #sensedPositionSteps()} with the calibration's knowledge.
 *
 * <p><b>Faults.</b> GSTAT.reset (or SPI_STATUS.reset_flag in any reply), GSTAT.drv_err and GSTAT.uv_cp latch
 * {@link CollarDriverFault#POSITION_LOST} until {@link #setPositionSteps}: the chip forgot its registers or its bridges
 * were off while the count may have run on. After a reset the driver does not believe the XACTUAL it reads: it
 * configures the chip again and writes its last believed position back into XACTUAL, XTARGET and X_ENC, so the chip
 * stands still. DRV_STATUS ot, otpw, s2ga/s2gb, s2vsa/s2vsb are reported while the chip reports them; ola/olb only while
 * the ramp moves (the datasheet: unreliable at standstill). A failed transfer, an IOIN whose VERSION is not 0x30, or no
 * sound poll for {@link Tmc5160Settings#staleAfterNanos()} is {@link CollarDriverFault#NOT_ANSWERING}; a collar scale
 * that is not healthy is {@link CollarDriverFault#SCALE_FAULT} (the index phase homing takes its zero from cannot be
 * trusted). A command whose transfer
 * failed is sent again by the next poll. No HAL method throws on a bus error.
 */
public final class Tmc5160Collar implements CollarStepper {

    private static final int IHOLDDELAY = 6;
    /** Standstill delay before IHOLD: 10 x 2^18 clocks, 0.22 s at 12 MHz (datasheet quick start). */
    private static final int TPOWERDOWN_VALUE = 10;
    /** SpreadCycle as the datasheet's quick start sets it: TOFF 3, HSTRT 4, HEND 1, TBL 2, with interpolation. */
    private static final int CHOPCONF_BASE = (3 << CHOPCONF_TOFF_SHIFT) | (4 << CHOPCONF_HSTRT_SHIFT)
            | (1 << CHOPCONF_HEND_SHIFT) | (2 << CHOPCONF_TBL_SHIFT) | CHOPCONF_INTPOL;

    private final SpiChannel spi;
    private final Tmc5160Settings settings;
    private final Tmc5160Units units;
    private final CollarScale scale;
    private final BooleanSupplier homeSwitch;
    private final LongSupplier nanoClock;
    private final Object lock = new Object();
    private final byte[] tx = new byte[DATAGRAM_BYTES];
    private final byte[] rx = new byte[DATAGRAM_BYTES];
    private final int gconf;
    private final int chopconf;
    private final int coolconf;
    private final int tcoolthrs;
    private final int vstartChip;
    private final int vstopChip;

    // what the tick reads
    private volatile long positionSteps;
    private volatile long sensedSteps;
    private volatile boolean moving;
    private volatile boolean stalled;
    private volatile boolean positionLost;
    private volatile int chipFaults;
    private volatile boolean busFailed;
    private volatile long lastSoundPollNanos;
    private volatile HoldCurrent holdCurrent = HoldCurrent.FULL;

    // under lock: what the chip was told
    private boolean configured;
    private boolean velocityMode = true;
    private boolean resendPending;
    private boolean lastCommandWasMove;
    private long targetSteps;
    private int vmaxChip;
    private int accelChip;
    /** Set by {@link #exchange} when a reply's SPI_STATUS shows reset_flag. */
    private boolean resetSeen;

    /**
     * @param spi        the TMC5160's chip select on SPI mode 3 (the datasheet's), at most 4 MHz on the internal clock
     * @param settings   the chip's configuration, from the profile
     * @param scale      the collar's absolute scale (its A/B output is the chip's encoder input); polled by
     *                   {@link #poll(long)}, its index phase passed on, its health SCALE_FAULT
     * @param homeSwitch the home switch's level, from the GPIO the backend wires it to
     * @param nanoClock  the monotonic clock {@link #poll(long)}'s {@code nowNanos} come from, for the staleness bound
     */
    public Tmc5160Collar(SpiChannel spi, Tmc5160Settings settings, CollarScale scale, BooleanSupplier homeSwitch,
            LongSupplier nanoClock) {
        this.spi = spi;
        this.settings = settings;
        this.units = settings.units();
        this.scale = scale;
        this.homeSwitch = homeSwitch;
        this.nanoClock = nanoClock;
        this.gconf = settings.reverseDirection() ? GCONF_SHAFT : 0; // en_pwm_mode 0: SpreadCycle for StallGuard2
        this.chopconf = CHOPCONF_BASE | (mres(settings.microsteps()) << CHOPCONF_MRES_SHIFT);
        this.coolconf = ((settings.stallGuardThreshold() & COOLCONF_SGT_MASK) << COOLCONF_SGT_SHIFT) | COOLCONF_SFILT;
        this.tcoolthrs = units.tstep(settings.stallGuardMinStepsPerS());
        this.vstartChip = units.velocity(settings.startStepsPerS(), Tmc5160Units.VSTART_LIMIT);
        this.vstopChip = Math.max(Math.max(1, vstartChip),
                units.velocity(settings.stopStepsPerS(), Tmc5160Units.VSTART_LIMIT));
    }

    /**
     * Configures the chip once at start: clears the power-on reset from GSTAT, checks IOIN's VERSION, writes the
     * configuration, stands the ramp still at position 0 and reads GCONF and CHOPCONF back.
     *
     * @throws BusException when the chip does not answer, is not a TMC5160, or does not keep what was written
     */
    public void configure() throws BusException {
        synchronized (lock) {
            configureChip(0L, 0L);
            positionSteps = 0L;
            sensedSteps = 0L;
            moving = false;
            busFailed = false;
            lastSoundPollNanos = nanoClock.getAsLong();
        }
    }

    private void configureChip(long xactual, long xenc) throws BusException {
        // configured only at the end: a configuration a failed transfer interrupted is redone by the next poll
        configured = false;
        read(GSTAT);           // clears the reset this (re)configuration answers
        read(IOIN);            // reply: GSTAT
        int ioin = read(IOIN); // reply: IOIN
        checkVersion(ioin);
        write(GCONF, gconf);
        write(CHOPCONF, chopconf);
        write(COOLCONF, coolconf);
        write(IHOLD_IRUN, iholdIrun(holdCurrent));
        write(TPOWERDOWN, TPOWERDOWN_VALUE);
        write(TCOOLTHRS, tcoolthrs);
        write(ENCMODE, 0); // ENC_CONST binary 16.16, no N channel
        write(ENC_CONST, settings.encConst());
        write(VMAX, 0);
        write(RAMPMODE, RAMPMODE_VELOCITY_POSITIVE); // stands still (VMAX 0): writing XACTUAL starts no motion
        write(XACTUAL, (int) xactual);
        write(XTARGET, (int) xactual);
        write(X_ENC, (int) xenc);
        read(GCONF);
        int gconfRead = read(CHOPCONF);
        int chopconfRead = read(IOIN);
        if (gconfRead != gconf || chopconfRead != chopconf) {
            throw new BusException(String.format(
                    "TMC5160 kept GCONF 0x%08X and CHOPCONF 0x%08X where 0x%08X and 0x%08X were written",
                    gconfRead, chopconfRead, gconf, chopconf));
        }
        velocityMode = true;
        resetSeen = false;
        configured = true;
    }

    /**
     * The chip reset: its registers, XACTUAL among them, are gone. Position lost until the next setPositionSteps; the
     * chip is configured again and told it stands at the last position the driver believed, so it does not move.
     */
    private void chipReset() throws BusException {
        positionLost = true;
        moving = false;
        lastCommandWasMove = false;
        configureChip(positionSteps, sensedSteps);
    }

    private static void checkVersion(int ioin) throws BusException {
        int version = ioin >>> IOIN_VERSION_SHIFT;
        if (version != TMC5160_VERSION) {
            throw new BusException(String.format("TMC5160 IOIN answers VERSION 0x%02X where 0x%02X is expected",
                    version, TMC5160_VERSION));
        }
    }

    /**
     * Reads the chip's state for the getters (the backend's service thread, every few milliseconds): resends a command
     * that failed, reconfigures a chip that reset, and polls the collar scale. Never throws.
     */
    public void poll(long nowNanos) {
        synchronized (lock) {
            try {
                if (!configured) {
                    configureChip(positionSteps, sensedSteps);
                }
                if (resendPending) {
                    resend();
                }
                resetSeen = false;
                read(GSTAT);
                int gstat = read(XACTUAL);
                int xactual = read(RAMP_STAT);
                int rampStat = read(X_ENC);
                int xenc = read(DRV_STATUS);
                int drvStatus = read(IOIN);
                int ioin = read(IOIN);
                if (resetSeen || (gstat & GSTAT_RESET) != 0) {
                    // the chip forgot everything: XACTUAL and X_ENC read now are not the collar's position
                    chipReset();
                    busFailed = false;
                    lastSoundPollNanos = nowNanos;
                    pollScale(nowNanos);
                    return;
                }
                checkVersion(ioin);
                if ((gstat & (GSTAT_DRV_ERR | GSTAT_UV_CP)) != 0) {
                    positionLost = true; // bridges were off while the ramp may have counted on
                }
                boolean vzero = (rampStat & RS_VZERO) != 0;
                boolean reached = (rampStat & RS_POSITION_REACHED) != 0;
                positionSteps = xactual;
                sensedSteps = xenc;
                moving = velocityMode ? !vzero : !(vzero && reached);
                chipFaults = mapDriverStatus(drvStatus, !vzero);
                if ((drvStatus & DRV_STALLGUARD) != 0 && !vzero) {
                    stalled = true;
                }
                busFailed = false;
                lastSoundPollNanos = nowNanos;
            } catch (BusException e) {
                busFailed = true;
            }
            pollScale(nowNanos);
        }
    }

    private void pollScale(long nowNanos) {
        try {
            scale.poll(nowNanos);
        } catch (BusException e) {
            // the scale keeps itself unhealthy; driverFaults reports it
        }
    }

    private static final com.needlepen.hal.pi4j.trinamic.DriverStatusFlags FLAGS =
            new com.needlepen.hal.pi4j.trinamic.DriverStatusFlags(DRV_OT, DRV_OTPW, DRV_S2GA | DRV_S2GB, DRV_S2VSA | DRV_S2VSB,
                    DRV_OLA | DRV_OLB);

    /** DRV_STATUS's fault flags as CollarDriverFault bits; open load only while the motor is stepping. */
    static int mapDriverStatus(int drvStatus, boolean stepping) {
        return FLAGS.faultBits(drvStatus, stepping);
    }

    @Override
    public void moveTo(long target, double maxStepsPerSecond, double accelStepsPerSecond2) {
        if (!(maxStepsPerSecond > 0) || !(accelStepsPerSecond2 > 0)) {
            throw new IllegalArgumentException("TMC5160 moveTo: speed " + maxStepsPerSecond + " steps/s and acceleration "
                    + accelStepsPerSecond2 + " steps/s2 must be above 0");
        }
        synchronized (lock) {
            targetSteps = target;
            vmaxChip = Math.max(1, units.velocity(maxStepsPerSecond, Tmc5160Units.VMAX_LIMIT));
            accelChip = units.acceleration(accelStepsPerSecond2);
            lastCommandWasMove = true;
            moving = true;
            command();
        }
    }

    @Override
    public void stop() {
        synchronized (lock) {
            lastCommandWasMove = false;
            command();
        }
    }

    /** Runs the last command; a failed one is resent by the next poll. */
    private void command() {
        try {
            if (!configured) {
                resendPending = true;
                return;
            }
            resendPending = true;
            resetSeen = false;
            writeCommand();
        } catch (BusException e) {
            busFailed = true;
        }
    }

    /** Sends the hold current and the last command again after a transfer of theirs failed. */
    private void resend() throws BusException {
        resetSeen = false;
        write(IHOLD_IRUN, iholdIrun(holdCurrent));
        writeCommand();
    }

    private void writeCommand() throws BusException {
        if (lastCommandWasMove) {
            writeMove();
        } else {
            writeStop();
        }
        if (resetSeen) {
            chipReset(); // the move is dropped: the reconfigured chip stands still
        }
        resendPending = false;
    }

    private void writeMove() throws BusException {
        int vstart = Math.min(vstartChip, vmaxChip); // positioning needs VMAX >= VSTART
        write(VSTART, vstart);
        write(A1, accelChip);
        write(V1, 0); // no A1/D1 phase: a plain trapezoid at the HAL's one acceleration limit
        write(AMAX, accelChip);
        write(DMAX, accelChip);
        write(D1, accelChip); // never 0 in positioning mode (datasheet), even with V1 = 0
        write(VSTOP, Math.max(vstopChip, vstart));
        write(XTARGET, (int) targetSteps);
        write(RAMPMODE, RAMPMODE_POSITIONING);
        write(VMAX, vmaxChip);
        velocityMode = false;
    }

    private void writeStop() throws BusException {
        write(VMAX, 0);
        write(RAMPMODE, RAMPMODE_VELOCITY_POSITIVE); // velocity mode: decelerates to VMAX 0 at AMAX
        velocityMode = true;
    }

    @Override
    public boolean isMoving() {
        return moving;
    }

    @Override
    public long positionSteps() {
        return positionSteps;
    }

    @Override
    public void setPositionSteps(long steps) {
        synchronized (lock) {
            try {
                if (!configured) {
                    configureChip(positionSteps, sensedSteps);
                }
                resetSeen = false;
                lastCommandWasMove = false;
                writeStop();
                write(XACTUAL, (int) steps);
                write(XTARGET, (int) steps);
                write(X_ENC, (int) steps);
                if (resetSeen) {
                    chipReset();
                    return;
                }
                resendPending = false;
                positionSteps = steps;
                sensedSteps = steps;
                targetSteps = steps;
                moving = false;
                stalled = false;
                positionLost = false;
                scale.zero(steps);
            } catch (BusException e) {
                busFailed = true;
                positionLost = true; // the count was not redefined
            }
        }
    }

    @Override
    public long sensedPositionSteps() {
        return sensedSteps;
    }

    @Override
    public long sensedIndexPhaseSteps() {
        return scale.indexPhaseSteps();
    }

    @Override
    public void setHoldCurrent(HoldCurrent holdCurrent) {
        synchronized (lock) {
            this.holdCurrent = holdCurrent;
            try {
                if (configured) {
                    write(IHOLD_IRUN, iholdIrun(holdCurrent));
                } else {
                    resendPending = true;
                }
            } catch (BusException e) {
                resendPending = true;
                busFailed = true;
            }
        }
    }

    private int iholdIrun(HoldCurrent hold) {
        int ihold = hold == HoldCurrent.FULL ? settings.fullHoldCurrent() : settings.reducedHoldCurrent();
        return (ihold << IHOLD_SHIFT) | (settings.runCurrent() << IRUN_SHIFT) | (IHOLDDELAY << IHOLDDELAY_SHIFT);
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
        int faults = chipFaults;
        if (positionLost) {
            faults |= CollarDriverFault.POSITION_LOST.bit();
        }
        long age = nanoClock.getAsLong() - lastSoundPollNanos;
        if (busFailed || !(age <= settings.staleAfterNanos())) {
            faults |= CollarDriverFault.NOT_ANSWERING.bit();
        }
        if (!scale.healthy()) {
            faults |= CollarDriverFault.SCALE_FAULT.bit();
        }
        return faults;
    }

    /** One read datagram; returns the data its reply carries (the previous datagram's). */
    private int read(int address) throws BusException {
        return exchange(address, 0);
    }

    /** One write datagram; returns the data its reply carries (the previous datagram's). */
    private int write(int address, int data) throws BusException {
        return exchange(WRITE | address, data);
    }

    private int exchange(int addressByte, int data) throws BusException {
        tx[0] = (byte) addressByte;
        tx[1] = (byte) (data >>> 24);
        tx[2] = (byte) (data >>> 16);
        tx[3] = (byte) (data >>> 8);
        tx[4] = (byte) data;
        try {
            spi.transfer(tx, rx, DATAGRAM_BYTES);
        } catch (RuntimeException e) {
            throw new BusException("TMC5160 transfer failed: " + e, e);
        }
        if ((rx[0] & STATUS_RESET_FLAG) != 0) {
            resetSeen = true;
        }
        return ((rx[1] & 0xFF) << 24) | ((rx[2] & 0xFF) << 16) | ((rx[3] & 0xFF) << 8) | (rx[4] & 0xFF);
    }
}
