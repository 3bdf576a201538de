package com.needlepen.hal.pi4j.rig;

import static com.needlepen.hal.pi4j.tmc5160.Tmc5160Registers.*;

import com.needlepen.hal.CollarDriverFault;
import com.needlepen.hal.CollarStepper;
import com.needlepen.hal.HoldCurrent;
import com.needlepen.hal.pi4j.bus.SpiChannel;
import com.needlepen.hal.pi4j.tmc5160.Tmc5160Units;

/**
 * A TMC5160 at its SPI interface whose motor is the simulated pen's collar: the datagrams, the read pipeline (a
 * read's data in the next datagram's reply), the status byte and the register file are the chip's; the ramp is the
 * simulated collar's (its lead screw, nut, stalls and scale), started and stopped as the chip's registers say:
 * positioning mode with a VMAX starts {@code moveTo(XTARGET, VMAX, AMAX)}, velocity mode with VMAX 0 stops it, XACTUAL
 * and X_ENC written set its count, IHOLD below IRUN is the reduced hold current. XACTUAL, X_ENC, RAMP_STAT and
 * DRV_STATUS are read from the collar. A register not modelled reads back what was written (GCONF, CHOPCONF).
 */
final class SimTmc5160 implements SpiChannel {

    private final CollarStepper collar;
    private final Tmc5160Units units;
    private final int[] regs = new int[128];
    private int pendingRead = -1;
    private boolean resetReported;

    SimTmc5160(CollarStepper collar, Tmc5160Units units) {
        this.collar = collar;
        this.units = units;
        regs[IOIN] = TMC5160_VERSION << IOIN_VERSION_SHIFT;
        regs[GSTAT] = GSTAT_RESET; // the power-on reset, cleared by the driver's configuration
    }

    @Override
    public void transfer(byte[] tx, byte[] rx, int length) {
        int address = tx[0] & 0x7F;
        int data = (tx[1] & 0xFF) << 24 | (tx[2] & 0xFF) << 16 | (tx[3] & 0xFF) << 8 | (tx[4] & 0xFF);
        int reply = pendingRead >= 0 ? read(pendingRead) : 0;
        rx[0] = (byte) status();
        rx[1] = (byte) (reply >>> 24);
        rx[2] = (byte) (reply >>> 16);
        rx[3] = (byte) (reply >>> 8);
        rx[4] = (byte) reply;
        if ((tx[0] & WRITE) != 0) {
            write(address, data);
            pendingRead = -1;
        } else {
            pendingRead = address;
        }
    }

    private int status() {
        int s = 0;
        if (!collar.isMoving()) {
            s |= STATUS_STANDSTILL | STATUS_POSITION_REACHED;
        }
        if ((regs[GSTAT] & GSTAT_RESET) != 0) {
            s |= STATUS_RESET_FLAG;
        }
        return s;
    }

    private void write(int address, int data) {
        switch (address) {
            case GSTAT -> regs[GSTAT] &= ~data; // write 1 to clear
            case XACTUAL, X_ENC -> {
                regs[address] = data;
                collar.setPositionSteps(data);
            }
            case IHOLD_IRUN -> {
                regs[address] = data;
                int ihold = data >> IHOLD_SHIFT & CURRENT_MASK;
                int irun = data >> IRUN_SHIFT & CURRENT_MASK;
                collar.setHoldCurrent(ihold < irun ? HoldCurrent.REDUCED : HoldCurrent.FULL);
            }
            default -> regs[address] = data;
        }
        if (address == XTARGET || address == VMAX || address == RAMPMODE || address == AMAX) {
            ramp();
        }
    }

    private void ramp() {
        int vmax = regs[VMAX];
        if (regs[RAMPMODE] == RAMPMODE_POSITIONING && vmax > 0 && regs[AMAX] > 0) {
            collar.moveTo(regs[XTARGET], vmax * units.stepsPerSecondPerLsb(), regs[AMAX] * units.stepsPerSecond2PerLsb());
        } else if (regs[RAMPMODE] != RAMPMODE_POSITIONING && vmax == 0) {
            collar.stop();
        }
    }

    private int read(int address) {
        return switch (address) {
            case GSTAT -> {
                int g = regs[GSTAT];
                if (CollarDriverFault.POSITION_LOST.in(collar.driverFaults()) && !resetReported) {
                    g |= GSTAT_RESET;
                    resetReported = true;
                }
                regs[GSTAT] = 0; // read clears
                yield g;
            }
            case XACTUAL -> (int) collar.positionSteps();
            case X_ENC -> (int) collar.sensedPositionSteps();
            case RAMP_STAT -> collar.isMoving() ? 0 : RS_VZERO | RS_POSITION_REACHED;
            case DRV_STATUS -> collar.stallDetected() ? DRV_STALLGUARD : 0;
            default -> regs[address];
        };
    }
}
