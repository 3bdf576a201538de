package com.needlepen.firmware.drive;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.MotorSpec;
import com.needlepen.hal.AnalogSensors;

/**
 * The winding's temperature, measured (H33): its resistance, R = V / I, with the shaft at rest, against
 * the resistance it had at the first measurement after power-on, when the winding was at the handpiece's
 * temperature; copper's resistance rises {@value MotorSpec#COPPER_ALPHA_PER_K} per kelvin. The winding's
 * temperature cannot be judged from the handpiece's thermistor (a winding that has lost its path for heat
 * runs far above the shell), nor from the running current (R = (V - k ω) / I: at speed the back-EMF is
 * 95 % of V, so a 1 % error in k, within any motor's tolerance, is a 20 % error in R, 50 K).
 *
 * <p>With the cam parked (the index active, the tips hidden) and the current monitor's zero measured
 * again (the mean of {@value #SAMPLES} readings with the bridge off and the brake switch shorting the
 * still winding), the bridge drives a small duty for the current {@value #FRICTION_MULTIPLE}× the motor's
 * friction torque needs ({@code 1.5 T_f / k}: 45 mA on the sim motor, 38 mA on the compact): the shaft turns
 * until the return spring holds it, a few degrees past the cam's lowest point (the spring's torque there
 * is {@code F e sin θ}: 1.9° on the sim pen, 2.8° on the compact; the tips stay hidden and the index stays
 * active), and the back-EMF is gone. After {@value #SETTLE_MILLIS} ms (many electrical and mechanical time
 * constants) the mean of {@value #SAMPLES} readings, less the zero, is the current. The monitor's noise
 * (10 mA rms a conversion) leaves about 0.44 mA on each mean, 1 % of the sim motor's 45 mA, so about 1.4 %
 * on the difference, 3.6 K at one standard deviation, and about 5 K on the rise from the reference (an
 * INA219 makes a new conversion every 532 µs; the loop reads one a tick).
 * The bridge's voltage is the measured supply times the duty: a bridge whose dead time or drop distorts
 * a 1 % duty needs the winding's voltage measured instead (a hardware requirement, docs/safety.md H33).
 *
 * <p>It runs in CHECKING, before every start, while the collar runs its zero check, and takes
 * about {@value #TOTAL_MILLIS} ms; the first measurement after power-on is the reference (the winding is
 * then at rest, at the thermistor's reading, unless the pen was switched on again straight after a long
 * run: a residual, docs/safety.md H33). A reference taken warm shows once the winding has cooled at rest:
 * it then measures more than {@value #WARM_REFERENCE_MARGIN_K} K below the handpiece, which a winding at
 * rest is not, and the reference's temperature is raised by that much. Allocates nothing.
 */
public final class WindingProbe {

    static final int SAMPLES = 512;
    static final long ZERO_SETTLE_MILLIS = 300;
    static final long SETTLE_MILLIS = 100;
    static final long RELEASE_MILLIS = 30;
    static final double FRICTION_MULTIPLE = 1.5;
    static final long TOTAL_MILLIS = ZERO_SETTLE_MILLIS + SAMPLES + SETTLE_MILLIS + SAMPLES + RELEASE_MILLIS;
    /**
     * A measurement this far below the handpiece's reading shows the reference was taken on a warm winding, K:
     * about three times the measurement's own spread (σ 3.6 K), and more than a hand holds the grip above the nose.
     */
    static final double WARM_REFERENCE_MARGIN_K = 10.0;
    /** Below this share of the current it drives for, the current monitor cannot have read it: no measurement. */
    static final double MIN_CURRENT_SHARE = 0.25;
    private static final long MS = 1_000_000L;

    /** Where a probe is. */
    public enum Phase { IDLE, ZERO, PULSE, RELEASE, DONE }

    private final StrokeDrive drive;
    private final AnalogSensors sensors;
    private final MotorSpec motor;
    private final double probeAmps;

    private Phase phase = Phase.IDLE;
    private long phaseStartNanos;
    private double sum;
    private int count;
    private double zeroAmps;
    private double duty;
    private double volts;

    private double referenceOhms = Double.NaN;
    private double referenceCelsius = Double.NaN;
    private double lastOhms = Double.NaN;
    private double lastCelsius = Double.NaN;
    private double lastAmps = Double.NaN;
    private long measurements;
    private long warmReferences;

    WindingProbe(StrokeDrive drive, AnalogSensors sensors, DeviceProfile profile) {
        this.drive = drive;
        this.sensors = sensors;
        this.motor = profile.motor();
        this.probeAmps = FRICTION_MULTIPLE * motor.frictionTorqueNm() / motor.torqueConstantNmPerA();
    }

    /** Begins a measurement: the drive off, the brake switch shorting the still winding, for the zero. */
    public void start(long nowNanos) {
        drive.disable();
        phase = Phase.ZERO;
        phaseStartNanos = nowNanos;
        sum = 0.0;
        count = 0;
    }

    /** Every tick while measuring; returns the phase it is in after this tick. */
    public Phase periodic(long nowNanos) {
        switch (phase) {
            case ZERO -> {
                if (nowNanos - phaseStartNanos < ZERO_SETTLE_MILLIS * MS) {
                    return phase;
                }
                if (sample()) {
                    zeroAmps = sum / SAMPLES;
                    sum = 0.0;
                    volts = sensors.supplyVolts();
                    // the cold resistance: a warmer winding takes less current, never more
                    duty = probeAmps * motor.resistanceOhm20C() / volts;
                    // a reading that is not a number, or no supply: no pulse; the measurement fails
                    if (!(duty > 0.0 && duty < 0.1)) {
                        finish(Double.NaN);
                        return phase;
                    }
                    drive.nudge(nowNanos, duty);
                    phase = Phase.PULSE;
                    phaseStartNanos = nowNanos;
                }
            }
            case PULSE -> {
                if (nowNanos - phaseStartNanos < SETTLE_MILLIS * MS) {
                    return phase;
                }
                if (sample()) {
                    lastAmps = sum / SAMPLES - zeroAmps;
                    // the bridge's voltage from the supply read across the pulse (a sag shows in both)
                    double v = 0.5 * (volts + sensors.supplyVolts()) * duty;
                    drive.brake();
                    phase = Phase.RELEASE;
                    phaseStartNanos = nowNanos;
                    finishOhms(lastAmps >= MIN_CURRENT_SHARE * probeAmps ? v / lastAmps : Double.NaN);
                }
            }
            case RELEASE -> {
                if (nowNanos - phaseStartNanos >= RELEASE_MILLIS * MS) {
                    drive.disable();
                    phase = Phase.DONE;
                }
            }
            default -> {
                // idle or done: nothing to do
            }
        }
        return phase;
    }

    /** Adds this tick's reading; true once {@value #SAMPLES} are summed (the count starts again). */
    private boolean sample() {
        // the signed reading: its own zero is then the offset whatever its sign (the magnitude of a reading at rest is
        // the offset's size, and a negative offset would eat the pulse's current: F24 on a sound winding)
        sum += sensors.motorCurrentSignedAmps(); // not a number stays not a number: the measurement fails
        if (++count < SAMPLES) {
            return false;
        }
        count = 0;
        return true;
    }

    private void finish(double ohms) {
        drive.disable();
        phase = Phase.DONE;
        finishOhms(ohms);
    }

    private void finishOhms(double ohms) {
        sum = 0.0;
        lastOhms = ohms;
        double celsius = sensors.handpieceCelsius();
        if (Double.isNaN(referenceOhms) && ohms == ohms && celsius == celsius) {
            referenceOhms = ohms;
            referenceCelsius = celsius;
        }
        lastCelsius = referenceCelsius + (ohms / referenceOhms - 1.0) / MotorSpec.COPPER_ALPHA_PER_K;
        // a winding at rest is not far cooler than the handpiece around it: one that measures so was measured
        // against a reference taken warm (a pen switched on again straight after a long run), which is raised by
        // what shows; not a number on either side changes nothing
        double below = celsius - lastCelsius;
        if (below > WARM_REFERENCE_MARGIN_K) {
            referenceCelsius += below;
            lastCelsius = celsius;
            warmReferences++;
        }
        measurements++;
    }

    /** Stops a measurement under way (CHECKING left early): the drive off. */
    public void abort() {
        if (phase == Phase.ZERO || phase == Phase.PULSE || phase == Phase.RELEASE) {
            drive.disable();
            phase = Phase.IDLE;
        }
    }

    public Phase phase() {
        return phase;
    }

    /** Whether the probe has the bridge on now (its pulse, or the brake after it): the drive is enabled for it. */
    public boolean drivesTheBridge() {
        return phase == Phase.PULSE || phase == Phase.RELEASE;
    }

    /** Whether the measurement begun last has finished (the drive off again). */
    public boolean done() {
        return phase == Phase.DONE;
    }

    /** How many times a measurement has shown the reference warm and raised it (since power-on). */
    public long warmReferences() {
        return warmReferences;
    }

    /** Measurements finished since power-on: a check judges each new one once. */
    public long measurements() {
        return measurements;
    }

    /** The winding's temperature as last measured, °C (not a number: it could not be measured). */
    public double lastCelsius() {
        return lastCelsius;
    }

    public double lastOhms() {
        return lastOhms;
    }

    public double lastAmps() {
        return lastAmps;
    }

    public double referenceOhms() {
        return referenceOhms;
    }

    public double referenceCelsius() {
        return referenceCelsius;
    }

    /** The current the pulse drives for, A. */
    public double probeAmps() {
        return probeAmps;
    }
}
