package com.needlepen.hal;

/**
 * What a collar stepper driver reports about itself beyond a stall (TMC5160 GSTAT and DRV_STATUS, TMC2209
 * GSTAT and DRV_STATUS, or the bus it hangs on). {@link CollarStepper#driverFaults()} answers them as bits,
 * so a control tick reads them without allocating.
 */
public enum CollarDriverFault {
    /** The driver shut its bridges down: over 150 °C (DRV_STATUS ot). The collar is unheld. */
    OVERTEMPERATURE,
    /** The driver is near its shutdown temperature (DRV_STATUS otpw): a warning, the collar still held. */
    OVERTEMPERATURE_WARNING,
    /** A coil output shorted to ground (DRV_STATUS s2ga / s2gb): the driver shut that bridge down. */
    SHORT_TO_GROUND,
    /** A coil output shorted to the supply (DRV_STATUS s2vsa / s2vsb). */
    SHORT_TO_SUPPLY,
    /** A coil open while it should carry current (DRV_STATUS ola / olb, judged while moving). */
    OPEN_LOAD,
    /**
     * The driver reset or lost its supply since it was configured (GSTAT reset / uv_cp): its registers and
     * its position count are gone, the collar must be homed again.
     */
    POSITION_LOST,
    /** The driver does not answer on its bus, or its answers are corrupt: nothing it says can be trusted. */
    NOT_ANSWERING,
    /**
     * The collar's position scale (an AS5311 read beside the driver) cannot be trusted: it does not answer, its frame
     * fails its parity, its own status says the position is not valid (the magnet out of range, a linearity alarm), or
     * its readings stopped long enough to lose count of the pole pairs. Until the collar is homed again, its position
     * feedback and its index phase are gone.
     */
    SCALE_FAULT;

    /** This fault's bit in {@link CollarStepper#driverFaults()}. */
    public int bit() {
        return 1 << ordinal();
    }

    /** Whether {@code bits} holds this fault. */
    public boolean in(int bits) {
        return (bits & bit()) != 0;
    }
}
