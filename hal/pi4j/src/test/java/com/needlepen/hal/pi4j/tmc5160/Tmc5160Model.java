package com.needlepen.hal.pi4j.tmc5160;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.SpiChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A TMC5160 as its SPI pins see it, written from the datasheet (not from the driver): 40-bit datagrams, the reply one
 * datagram behind (a read's data come with the next datagram; a write's reply carries the previous datagram's data),
 * SPI_STATUS latched at the end of each access; GSTAT cleared by reading it (reset, drv_err while no error remains) or
 * writing 1s; write-only registers read as 0; IOIN answers VERSION 0x30. Its ramp generator moves XACTUAL over virtual
 * time ({@link #advance(long)}): positioning mode as a trapezoid at VMAX, AMAX and DMAX (V1, A1 and D1 are not modelled;
 * the driver sets V1 = 0, which disables them on the chip too), velocity mode towards ±VMAX at AMAX, hold mode keeping
 * its speed. Units come from the datasheet's conversion with this model's own clock, so a driver that converts wrongly
 * moves wrongly here. X_ENC counts the collar scale's quadrature counts times ENC_CONST (16.16) from where it was
 * written; the collar follows the motor unless the driver's bridges are off (TOFF = 0, as after a reset), a stall is
 * injected or steps are slipped. Faults are injected as the chip would show them.
 */
final class Tmc5160Model implements SpiChannel {

    private static final double TWO_24 = 16_777_216.0;
    private static final double TWO_41 = 2_199_023_255_552.0;
    private static final long SUBSTEP_NANOS = 20_000L;

    private final double clockHz;
    /** The collar scale's counts per microstep, in truth (the driver's ENC_CONST should be its inverse). */
    private final double countsPerStep;
    private final int[] regs = new int[128];

    private int replyData;
    private int replyStatus;

    private double position;
    private double velocity;
    private double collarCounts;
    private long encBase;
    private long encCountsAtBase;
    private int gstat = Tmc5160Registers.GSTAT_RESET; // power-on
    private int injectedDrvStatus;
    private boolean undervoltage;
    private boolean stallInjected;
    private boolean stallFlag;
    private long standstillNanos;
    private boolean eventPosReached;
    private int failTransfers;
    private Integer misoStuck;

    private final List<String> datagrams = new ArrayList<>();
    private boolean recording = true;

    Tmc5160Model(double clockHz, double countsPerStep) {
        this.clockHz = clockHz;
        this.countsPerStep = countsPerStep;
        reset();
        gstat = Tmc5160Registers.GSTAT_RESET;
        replyStatus = spiStatus();
    }

    private void reset() {
        java.util.Arrays.fill(regs, 0);
        regs[Tmc5160Registers.ENC_CONST] = 0x0001_0000; // 1.0
        position = 0;
        velocity = 0;
        encBase = 0;
        encCountsAtBase = (long) Math.floor(collarCounts);
        stallFlag = false;
        standstillNanos = 0;
        eventPosReached = false;
    }

    // ---- SPI ----

    @Override
    public void transfer(byte[] tx, byte[] rx, int length) throws BusException {
        if (failTransfers > 0) {
            failTransfers--;
            throw new BusException("model: injected transfer failure");
        }
        if (length != Tmc5160Registers.DATAGRAM_BYTES) {
            throw new BusException("model: a TMC5160 datagram is 5 bytes, got " + length);
        }
        if (recording) {
            datagrams.add(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(tx, 0, length));
        }
        rx[0] = (byte) replyStatus;
        rx[1] = (byte) (replyData >>> 24);
        rx[2] = (byte) (replyData >>> 16);
        rx[3] = (byte) (replyData >>> 8);
        rx[4] = (byte) replyData;
        if (misoStuck != null) {
            for (int i = 0; i < length; i++) {
                rx[i] = (byte) (int) misoStuck;
            }
        }
        int address = tx[0] & 0x7F;
        int data = ((tx[1] & 0xFF) << 24) | ((tx[2] & 0xFF) << 16) | ((tx[3] & 0xFF) << 8) | (tx[4] & 0xFF);
        if ((tx[0] & Tmc5160Registers.WRITE) != 0) {
            write(address, data);
            replyData = data;
        } else {
            replyData = read(address);
        }
        replyStatus = spiStatus();
    }

    private void write(int address, int data) {
        switch (address) {
            case Tmc5160Registers.GSTAT -> gstat &= ~data;
            case Tmc5160Registers.XACTUAL -> {
                regs[address] = data;
                position = data;
            }
            case Tmc5160Registers.X_ENC -> {
                encBase = data;
                encCountsAtBase = (long) Math.floor(collarCounts);
            }
            case Tmc5160Registers.RAMP_STAT -> {
                if ((data & Tmc5160Registers.RS_EVENT_POS_REACHED) != 0) {
                    eventPosReached = false;
                }
            }
            case Tmc5160Registers.IOIN, Tmc5160Registers.DRV_STATUS, Tmc5160Registers.VACTUAL -> {
                // read-only here
            }
            default -> regs[address] = data;
        }
    }

    private int read(int address) {
        return switch (address) {
            case Tmc5160Registers.GSTAT -> {
                int value = gstat | (undervoltage ? Tmc5160Registers.GSTAT_UV_CP : 0);
                gstat &= ~Tmc5160Registers.GSTAT_RESET;
                if (!driverErrorPersists()) {
                    gstat &= ~Tmc5160Registers.GSTAT_DRV_ERR;
                }
                yield value;
            }
            case Tmc5160Registers.IOIN -> Tmc5160Registers.TMC5160_VERSION << Tmc5160Registers.IOIN_VERSION_SHIFT;
            case Tmc5160Registers.XACTUAL -> xactual();
            case Tmc5160Registers.VACTUAL -> (int) Math.round(velocity / stepsPerSecondPerLsb()) & 0xFF_FFFF;
            case Tmc5160Registers.X_ENC -> xEnc();
            case Tmc5160Registers.RAMP_STAT -> {
                int value = rampStat();
                eventPosReached = false; // R+C
                yield value;
            }
            case Tmc5160Registers.DRV_STATUS -> drvStatus();
            case Tmc5160Registers.TSTEP -> tstep();
            case Tmc5160Registers.GCONF, Tmc5160Registers.CHOPCONF, Tmc5160Registers.RAMPMODE,
                    Tmc5160Registers.XTARGET, Tmc5160Registers.SW_MODE, Tmc5160Registers.ENCMODE -> regs[address];
            default -> 0; // write-only registers read as 0
        };
    }

    private boolean driverErrorPersists() {
        return (injectedDrvStatus & (Tmc5160Registers.DRV_OT | Tmc5160Registers.DRV_S2GA | Tmc5160Registers.DRV_S2GB
                | Tmc5160Registers.DRV_S2VSA | Tmc5160Registers.DRV_S2VSB)) != 0;
    }

    private int spiStatus() {
        int rs = rampStat();
        int drv = drvStatus();
        int s = 0;
        s |= (gstat & Tmc5160Registers.GSTAT_RESET) != 0 ? Tmc5160Registers.STATUS_RESET_FLAG : 0;
        s |= (gstat & Tmc5160Registers.GSTAT_DRV_ERR) != 0 ? Tmc5160Registers.STATUS_DRIVER_ERROR : 0;
        s |= (drv & Tmc5160Registers.DRV_STALLGUARD) != 0 ? Tmc5160Registers.STATUS_SG2 : 0;
        s |= (drv & Tmc5160Registers.DRV_STST) != 0 ? Tmc5160Registers.STATUS_STANDSTILL : 0;
        s |= (rs & Tmc5160Registers.RS_VELOCITY_REACHED) != 0 ? Tmc5160Registers.STATUS_VELOCITY_REACHED : 0;
        s |= (rs & Tmc5160Registers.RS_POSITION_REACHED) != 0 ? Tmc5160Registers.STATUS_POSITION_REACHED : 0;
        return s;
    }

    // ---- state read-outs ----

    int xactual() {
        return (int) Math.round(position);
    }

    int xEnc() {
        long counts = (long) Math.floor(collarCounts) - encCountsAtBase;
        return (int) (encBase + Math.floorDiv(counts * (long) regs[Tmc5160Registers.ENC_CONST], 65_536L));
    }

    int register(int address) {
        return regs[address];
    }

    double velocityStepsPerS() {
        return velocity;
    }

    private int rampStat() {
        int rs = 0;
        if (velocity == 0) {
            rs |= Tmc5160Registers.RS_VZERO;
        }
        if (xactual() == regs[Tmc5160Registers.XTARGET]) {
            rs |= Tmc5160Registers.RS_POSITION_REACHED;
        }
        if (Math.abs(Math.abs(velocity) - vmax()) < 1e-9) {
            rs |= Tmc5160Registers.RS_VELOCITY_REACHED;
        }
        if (eventPosReached) {
            rs |= Tmc5160Registers.RS_EVENT_POS_REACHED;
        }
        if (stallFlag) {
            rs |= Tmc5160Registers.RS_STATUS_SG;
        }
        return rs;
    }

    private int drvStatus() {
        int drv = injectedDrvStatus;
        if (stallFlag) {
            drv |= Tmc5160Registers.DRV_STALLGUARD;
        }
        if (standstillNanos >= (long) ((1 << 20) / clockHz * 1e9)) {
            drv |= Tmc5160Registers.DRV_STST;
        }
        return drv;
    }

    private int tstep() {
        int microsteps = 256 >> ((regs[Tmc5160Registers.CHOPCONF] >>> 24) & 0xF);
        if (velocity == 0) {
            return (1 << 20) - 1;
        }
        return (int) Math.min((1 << 20) - 1, Math.round(clockHz / (Math.abs(velocity) * 256.0 / microsteps)));
    }

    // ---- units, from the datasheet with this model's clock ----

    private double stepsPerSecondPerLsb() {
        return clockHz / TWO_24;
    }

    private double vmax() {
        return regs[Tmc5160Registers.VMAX] * stepsPerSecondPerLsb();
    }

    private double accel(int register) {
        return regs[register] * clockHz * clockHz / TWO_41;
    }

    private boolean bridgesOn() {
        return (regs[Tmc5160Registers.CHOPCONF] & 0xF) != 0 && !driverErrorPersists() && !undervoltage;
    }

    // ---- virtual time ----

    /** Runs the ramp generator for {@code nanos}. */
    void advance(long nanos) {
        long left = nanos;
        while (left > 0) {
            long dtNanos = Math.min(SUBSTEP_NANOS, left);
            step(dtNanos / 1e9);
            left -= dtNanos;
            standstillNanos = velocity == 0 ? standstillNanos + dtNanos : 0;
        }
    }

    private void step(double dt) {
        int mode = regs[Tmc5160Registers.RAMPMODE] & 3;
        double before = position;
        switch (mode) {
            case Tmc5160Registers.RAMPMODE_POSITIONING -> positioning(dt);
            case Tmc5160Registers.RAMPMODE_VELOCITY_POSITIVE -> towards(vmax(), accel(Tmc5160Registers.AMAX), dt);
            case Tmc5160Registers.RAMPMODE_VELOCITY_NEGATIVE -> towards(-vmax(), accel(Tmc5160Registers.AMAX), dt);
            default -> position += velocity * dt;
        }
        double moved = position - before;
        int tcoolthrs = regs[Tmc5160Registers.TCOOLTHRS];
        stallFlag = stallInjected && velocity != 0 && tcoolthrs > 0 && tstep() <= tcoolthrs;
        if (bridgesOn() && !stallInjected) {
            collarCounts += moved * countsPerStep;
        }
    }

    private void towards(double target, double accel, double dt) {
        if (velocity < target) {
            velocity = Math.min(target, velocity + accel * dt);
        } else if (velocity > target) {
            velocity = Math.max(target, velocity - accel * dt);
        }
        position += velocity * dt;
    }

    private void positioning(double dt) {
        double target = regs[Tmc5160Registers.XTARGET];
        double remaining = target - position;
        double vmax = vmax();
        double amax = accel(Tmc5160Registers.AMAX);
        double dmax = accel(Tmc5160Registers.DMAX);
        if (velocity == 0 && Math.abs(remaining) < 0.5) {
            position = target;
            return;
        }
        if (dmax <= 0 || vmax <= 0 || regs[Tmc5160Registers.D1] == 0) {
            // DMAX, VMAX or D1 0 (the datasheet: never set D1 0 in positioning mode, even with V1 = 0): the ramp
            // cannot reach the target; this model stands still (the chip's behaviour is not specified)
            velocity = 0;
            return;
        }
        double direction = Math.signum(remaining);
        if (velocity != 0 && Math.signum(velocity) != direction) {
            // running away from the target: brake to a stop first, then come back
            velocity = Math.signum(velocity) * Math.max(0.0, Math.abs(velocity) - dmax * dt);
            position += velocity * dt;
            return;
        }
        if (velocity == 0) {
            velocity = direction * regs[Tmc5160Registers.VSTART] * stepsPerSecondPerLsb();
        }
        double braking = velocity * velocity / (2.0 * dmax);
        double speed = Math.abs(velocity);
        if (Math.abs(remaining) > braking && speed <= vmax) {
            speed = Math.min(vmax, speed + amax * dt);
        } else {
            double vstop = regs[Tmc5160Registers.VSTOP] * stepsPerSecondPerLsb();
            speed = Math.max(speed - dmax * dt, Math.min(vstop, speed));
        }
        velocity = direction * speed;
        double next = position + velocity * dt;
        if ((target - position) * (target - next) <= 0) {
            position = target;
            velocity = 0;
            eventPosReached = true;
            return;
        }
        position = next;
    }

    // ---- injection ----

    /** The chip resets (supply dip, ESD): every register back to its reset value, GSTAT.reset set. */
    void chipReset() {
        reset();
        gstat |= Tmc5160Registers.GSTAT_RESET;
        replyData = 0; // the SPI shift register resets too
        replyStatus = spiStatus();
    }

    /** DRV_STATUS fault flags the chip shows from now on; ot and shorts also shut the bridges (GSTAT.drv_err). */
    void setDriverStatusFlags(int bits) {
        injectedDrvStatus = bits;
        if (driverErrorPersists()) {
            gstat |= Tmc5160Registers.GSTAT_DRV_ERR;
        }
    }

    void setUndervoltage(boolean uv) {
        undervoltage = uv;
    }

    /** The collar stops following the motor (a hard stop, a jam): StallGuard rises above TCOOLTHRS's speed. */
    void setStalled(boolean stalled) {
        stallInjected = stalled;
    }

    /** The collar slips {@code steps} against the motor without the motor noticing. */
    void slip(double steps) {
        collarCounts -= steps * countsPerStep;
    }

    void failNextTransfers(int n) {
        failTransfers = n;
    }

    /** MISO stuck at {@code value} (0x00 or 0xFF), or null for a sound line. */
    void misoStuckAt(Integer value) {
        misoStuck = value;
    }

    /** The datagrams received, each as five hex bytes ("A7 00 00 22 F4"). */
    List<String> datagrams() {
        return datagrams;
    }

    /** Stops keeping the datagrams (they allocate; an allocation measurement must not count the model's). */
    void stopRecording() {
        recording = false;
    }

    void clearDatagrams() {
        datagrams.clear();
    }
}
