package com.needlepen.hal.pi4j.bus;

/**
 * A bus transfer that failed: the device did not answer (I2C NACK), the kernel refused the transfer,
 * or an answer was malformed (a UART reply with a bad CRC, a wrong length). Checked, so every driver
 * decides what a failed transfer means for the HAL value it serves: a NaN reading the firmware's
 * plausibility check faults on, a driver fault, never a stale value passed off as fresh.
 */
public final class BusException extends Exception {
    private static final long serialVersionUID = 1L;

    public BusException(String message) {
        super(message);
    }

    public BusException(String message, Throwable cause) {
        super(message, cause);
    }
}
