package com.needlepen.hal.pi4j.i2c;

import com.needlepen.hal.AnalogSensors;
import com.needlepen.hal.pi4j.bus.BusException;
import java.util.function.LongSupplier;

/**
 * The pen's analog sensors on I2C: the motor current and the supply from an INA226 (or an INA219 for the current and
 * a second one, bus-only, for the supply), the handpiece temperature from a TMP117. The 1 ms control tick calls the
 * getters, which must neither block on the bus (a 16-bit register read is about 120 us at 400 kHz) nor allocate, so
 * the backend's service thread calls {@link #poll(long)}, which reads the parts and stores the latest values; the
 * getters return them.
 *
 * <p>The firmware faults at once on a reading that is not a number (SensorPlausibilityCheck, F19) and judges every
 * number as the present, so a getter answers not a number, never an old number, when:
 * <ul>
 *   <li>the last read of that part failed (no answer, a configuration lost to a reset: the part is configured
 *       anew at the next poll);</li>
 *   <li>the part flagged an overflow, or its shunt was at full scale;</li>
 *   <li>the value is older than {@value #STALE_CONVERSIONS} of the part's conversion periods plus one poll period
 *       (the service thread stopped, the part stopped converting): current and supply 3 x 472 us + poll with the
 *       INA226 settings, the temperature 3 x 125 ms + its poll interval.</li>
 * </ul>
 * The current is read with its sign as the part converts it, its offset and noise included (the firmware zeroes
 * and averages it); {@link #motorCurrentAmps()} is its magnitude, so a shaft at rest reads the magnitude of the
 * offset and noise, never below zero.
 */
public final class I2cAnalogSensors implements AnalogSensors {

    /** A value older than this many conversion periods (plus one poll period) is not a number. */
    public static final int STALE_CONVERSIONS = 3;

    private final PowerMonitor motor;
    private final PowerMonitor supply;
    private final Tmp117 thermometer;
    private final LongSupplier nanoTime;
    private final long currentBoundNanos;
    private final long supplyBoundNanos;
    private final long temperatureBoundNanos;
    private final long thermometerIntervalNanos;

    private boolean motorStarted;
    private boolean supplyStarted;
    private boolean thermometerStarted;
    private boolean thermometerPolledOnce;
    private long lastThermometerPoll;

    private volatile double amps = Double.NaN;
    private volatile long ampsStamp;
    private volatile double volts = Double.NaN;
    private volatile long voltsStamp;
    private volatile double celsius = Double.NaN;
    private volatile long celsiusStamp;
    private volatile String lastFault = "";
    private volatile long failedReads;

    /**
     * @param motor           the monitor whose shunt is in series with the winding
     * @param supply          the monitor whose bus voltage is the motor supply (the same object for an INA226)
     * @param thermometer     the handpiece's TMP117
     * @param nanoTime        the time base of {@link #poll(long)}'s argument, read by the getters to judge age
     * @param pollPeriodNanos how often the service thread calls {@link #poll(long)}
     */
    public I2cAnalogSensors(PowerMonitor motor, PowerMonitor supply, Tmp117 thermometer, LongSupplier nanoTime,
                            long pollPeriodNanos) {
        if (pollPeriodNanos <= 0) {
            throw new IllegalArgumentException("poll period " + pollPeriodNanos + " ns; allowed above 0");
        }
        if (!motor.convertsShunt()) {
            throw new IllegalArgumentException(motor.where() + " does not convert its shunt: it cannot read the motor current");
        }
        if (!supply.convertsBus()) {
            throw new IllegalArgumentException(supply.where() + " does not convert its bus: it cannot read the motor supply");
        }
        this.motor = motor;
        this.supply = supply;
        this.thermometer = thermometer;
        this.nanoTime = nanoTime;
        this.currentBoundNanos = STALE_CONVERSIONS * motor.conversionPeriodNanos() + pollPeriodNanos;
        this.supplyBoundNanos = STALE_CONVERSIONS * supply.conversionPeriodNanos() + pollPeriodNanos;
        // the thermometer converts every 125 ms: reading its flag every millisecond would only load the bus
        this.thermometerIntervalNanos = Math.max(pollPeriodNanos, thermometer.conversionPeriodNanos() / 8);
        this.temperatureBoundNanos = STALE_CONVERSIONS * thermometer.conversionPeriodNanos() + thermometerIntervalNanos;
    }

    /** Reads what the parts converted since the last poll; on the service thread, never on the control tick. */
    public void poll(long nowNanos) {
        pollMotor(nowNanos);
        if (supply != motor) {
            pollSupply(nowNanos);
        }
        if (!thermometerPolledOnce || nowNanos - lastThermometerPoll >= thermometerIntervalNanos) {
            thermometerPolledOnce = true;
            lastThermometerPoll = nowNanos;
            pollThermometer(nowNanos);
        }
    }

    private void pollMotor(long now) {
        try {
            if (!motorStarted) {
                motor.start();
                motorStarted = true;
            }
            if (motor.poll()) {
                amps = motor.amps();
                ampsStamp = now;
                if (supply == motor) {
                    volts = motor.busVolts();
                    voltsStamp = now;
                }
            }
        } catch (BusException e) {
            // the last good conversion stands until it is older than the staleness bound (2.4 ms): one glitch on
            // the bus is not a sensor the firmware must fault on (F19), a part that stays silent is
            motorStarted = false;
            failed(e);
        }
    }

    private void pollSupply(long now) {
        try {
            if (!supplyStarted) {
                supply.start();
                supplyStarted = true;
            }
            if (supply.poll()) {
                volts = supply.busVolts();
                voltsStamp = now;
            }
        } catch (BusException e) {
            supplyStarted = false; // the last good reading ages out at the staleness bound
            failed(e);
        }
    }

    private void pollThermometer(long now) {
        try {
            if (!thermometerStarted) {
                thermometer.start();
                thermometerStarted = true;
            }
            if (thermometer.poll()) {
                celsius = thermometer.celsius();
                celsiusStamp = now;
            }
        } catch (BusException e) {
            thermometerStarted = false; // the last good reading ages out at the staleness bound
            failed(e);
        }
    }

    private void failed(BusException e) {
        lastFault = e.getMessage();
        failedReads++;
    }

    // The getters read the stamp before the value: poll writes the value before the stamp, so a stamp seen is
    // never newer than the value read with it.

    @Override
    public double motorCurrentSignedAmps() {
        long stamp = ampsStamp;
        double v = amps;
        return nanoTime.getAsLong() - stamp <= currentBoundNanos ? v : Double.NaN;
    }

    @Override
    public double motorCurrentAmps() {
        return Math.abs(motorCurrentSignedAmps());
    }

    @Override
    public double handpieceCelsius() {
        long stamp = celsiusStamp;
        double v = celsius;
        return nanoTime.getAsLong() - stamp <= temperatureBoundNanos ? v : Double.NaN;
    }

    @Override
    public double supplyVolts() {
        long stamp = voltsStamp;
        double v = volts;
        return nanoTime.getAsLong() - stamp <= supplyBoundNanos ? v : Double.NaN;
    }

    /** How old a current reading may be before it is not a number. */
    public long currentBoundNanos() {
        return currentBoundNanos;
    }

    public long supplyBoundNanos() {
        return supplyBoundNanos;
    }

    public long temperatureBoundNanos() {
        return temperatureBoundNanos;
    }

    /** The last failure's one-line reason ("" before any), for the log and {@code needlepen doctor}. */
    public String lastFault() {
        return lastFault;
    }

    /** How many part reads failed since start. */
    public long failedReads() {
        return failedReads;
    }
}
