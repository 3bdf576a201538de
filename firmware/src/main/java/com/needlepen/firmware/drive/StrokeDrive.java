package com.needlepen.firmware.drive;

import com.needlepen.config.DeviceProfile;
import com.needlepen.hal.AnalogSensors;
import com.needlepen.hal.BrakeMonitor;
import com.needlepen.hal.IndexSensor;
import com.needlepen.hal.StrokeMotorDriver;

/**
 * The stroke motor as the control loop uses it: reads index edges every tick (strokes are counted
 * whatever the state, so a shaft turning when it should not is seen), runs the regulator while a
 * run is active, and refreshes the driver's dead-man. Allocates nothing.
 */
public final class StrokeDrive {

    private final StrokeMotorDriver motor;
    private final IndexSensor index;
    private final AnalogSensors sensors;
    private final BrakeMonitor brakeMonitor;
    /** When the driver's enable last changed, as this drive saw it at its ticks ({@code Long.MIN_VALUE}: never seen). */
    private long enableChangedNanos = Long.MIN_VALUE;
    private boolean enableSeen;
    /** The winding's hot resistance: the lowest stall current it may have, for {@link HeldShaft}. */
    private final double hotOhm;
    /** The motor's torque constant, N m/A, for {@link #dutyForHeldTorque}. */
    private final double torqueConstant;
    /** The profile's highest duty: no open-loop drive asks for more. */
    private final double maxDuty;
    /** The winding's resistance at 20 °C: the least it has in use, so the back-EMF speed below is the most it may be. */
    private final double coldOhm;
    private final IndexRateEstimator estimator = new IndexRateEstimator();
    private final IndexPattern pattern;
    /** The first tick of the index level's present active stretch ({@code Long.MIN_VALUE}: inactive). */
    private long levelActiveSinceNanos = Long.MIN_VALUE;
    private long lastLevelSampleNanos = Long.MIN_VALUE;
    /** Samples further apart than this do not show a level held between them (a late tick, a paused loop). */
    private final long levelSampleGapNanos;
    private final RateRegulator regulator;
    private final long[] edgeBuffer = new long[64];
    private final CurrentZero currentZero = new CurrentZero();
    private final NoseTemperature nose;
    private final WindingProbe windingProbe;
    private final WindingEstimate windingEstimate;
    private long windingMeasurementsSeen;
    private boolean driving;

    private long strokes;
    private long lastEdgesThisTick;
    private boolean regulating;
    /** The platform's {@link IndexSensor#edgesCompleteThroughNanos} as of the last {@link #readEdges}. */
    private long edgesCompleteThroughNanos = Long.MAX_VALUE;
    private long runStartNanos;

    public StrokeDrive(StrokeMotorDriver motor, IndexSensor index, AnalogSensors sensors, BrakeMonitor brakeMonitor,
                       DeviceProfile profile) {
        this(motor, index, sensors, brakeMonitor, profile, true);
    }

    /**
     * {@code noseCompensated}: whether the warning and the cut-off judge the applied part's estimate
     * ({@link NoseTemperature}) or, for a test that shows the harm without it, the bare reading.
     */
    public StrokeDrive(StrokeMotorDriver motor, IndexSensor index, AnalogSensors sensors, BrakeMonitor brakeMonitor,
                       DeviceProfile profile, boolean noseCompensated) {
        this.nose = new NoseTemperature(sensors, profile, noseCompensated);
        this.windingProbe = new WindingProbe(this, sensors, profile);
        this.windingEstimate = new WindingEstimate(profile);
        this.motor = motor;
        this.index = index;
        this.sensors = sensors;
        this.brakeMonitor = brakeMonitor;
        var m = profile.motor();
        this.regulator = new RateRegulator(m.torqueConstantNmPerA(), m.resistanceOhm20C(), m.frictionTorqueNm(),
                m.maxDutyFraction(), profile.tuning().rateRegulator());
        this.hotOhm = profile.motorLimits().hotResistanceOhm();
        this.torqueConstant = m.torqueConstantNmPerA();
        this.maxDuty = m.maxDutyFraction();
        this.coldOhm = m.resistanceOhm20C();
        this.pattern = new IndexPattern(IndexPattern.shortestPlausiblePeriodNanos(profile));
        this.levelSampleGapNanos = 2L * profile.loop().periodMicros() * 1_000L;
    }

    /** Reads the edges that arrived since the last tick; returns how many. */
    public int readEdges() {
        int total = 0;
        int n;
        do {
            n = index.drainEdges(edgeBuffer);
            for (int i = 0; i < n; i++) {
                estimator.onEdge(edgeBuffer[i]);
                pattern.onEdge(edgeBuffer[i]);
            }
            total += n;
        } while (n == edgeBuffer.length);
        edgesCompleteThroughNanos = index.edgesCompleteThroughNanos();
        strokes += total;
        lastEdgesThisTick = total;
        return total;
    }

    /**
     * The latest instant up to which the firmware has seen every index edge ({@link IndexSensor#edgesCompleteThroughNanos},
     * no later than {@code nowNanos}): an edge stamped after it may be on its way. The time since the last edge, which
     * bounds the rate and times a silent shaft, is measured to this instant, so an edge late to arrive is not a shaft
     * slowing down.
     */
    public long edgesKnownThrough(long nowNanos) {
        return Math.min(nowNanos, edgesCompleteThroughNanos);
    }

    /** Enables the driver and soft-starts towards {@code rateHz}. */
    public void startRun(long nowNanos, double rateHz) {
        estimator.reset();
        pattern.reset();
        runStartNanos = nowNanos;
        motor.enable(nowNanos);
        regulator.start(nowNanos, rateHz);
        regulating = true;
        driving = true;
    }

    public void setRateHz(double rateHz) {
        regulator.setTargetHz(rateHz);
    }

    /** Regulates (while a run is active) and refreshes the dead-man; call every tick. */
    public void periodic(long nowNanos) {
        if (regulating) {
            long known = edgesKnownThrough(nowNanos);
            long edgeAge = Math.max(0L, known - (estimator.hasEdge() ? estimator.lastEdgeNanos() : runStartNanos));
            // a shaft without index pulses is broken away only if its current says it is held: a blind sensor
            // on a turning shaft must not look like a stall the regulator pushes harder against
            boolean held = HeldShaft.held(sensors.motorCurrentAmps(), motor.dutyFraction(), sensors.supplyVolts(), hotOhm);
            double duty = regulator.update(nowNanos, estimator.rateHz(known), estimator.hasMeasurement(),
                    sensors.supplyVolts(), edgeAge, held);
            motor.setDutyFraction(duty);
        }
        boolean sampledEveryTick = nowNanos - lastLevelSampleNanos <= levelSampleGapNanos;
        if (index.isActive()) {
            if (levelActiveSinceNanos == Long.MIN_VALUE || !sampledEveryTick) {
                levelActiveSinceNanos = nowNanos;
            }
        } else {
            levelActiveSinceNanos = Long.MIN_VALUE;
        }
        lastLevelSampleNanos = nowNanos;
        double amps = sensors.motorCurrentAmps();
        // zeroed on the signed reading: the magnitude of a reading at rest is the offset's size whatever its sign
        currentZero.sample(nowNanos, sensors.motorCurrentSignedAmps(), !driving || !motor.isEnabled(), lastEdgesThisTick);
        double rateHz = driving && estimator.hasMeasurement() ? measuredRateHz(nowNanos) : 0.0;
        nose.update(nowNanos, amps - currentZero.offsetAmps(), motor.dutyFraction(), rateHz);
        if (windingProbe.measurements() != windingMeasurementsSeen) {
            windingMeasurementsSeen = windingProbe.measurements();
            windingEstimate.measured(windingProbe.lastCelsius(), windingProbe.lastOhms());
        }
        windingEstimate.update(nowNanos, amps - currentZero.offsetAmps(), motor.dutyFraction(), rateHz,
                sensors.supplyVolts(), nose.celsius());
        motor.refreshDeadman(nowNanos);
        noteEnable(nowNanos);
    }

    /**
     * Notes the driver's enable as it is at this tick, so {@link #enableSteadyForNanos} can tell how
     * long it has stood: an enable that changed between two ticks (a parking nudge, the dead-man)
     * counts from the tick that saw it.
     */
    private void noteEnable(long nowNanos) {
        boolean enabled = motor.isEnabled();
        if (enableChangedNanos == Long.MIN_VALUE || enabled != enableSeen) {
            enableChangedNanos = nowNanos;
            enableSeen = enabled;
        }
    }

    /**
     * How long the driver's enable has stood as it is now, as seen at the ticks ({@link #periodic});
     * 0 when it changed since the last tick saw it, or before the first tick.
     */
    public long enableSteadyForNanos(long nowNanos) {
        if (enableChangedNanos == Long.MIN_VALUE || motor.isEnabled() != enableSeen) {
            return 0L;
        }
        return Math.max(0L, nowNanos - enableChangedNanos);
    }

    /** What the brake switch's monitor contact says now: true for "released, the brake shorts the winding". */
    public boolean brakeMonitorSaysClosed() {
        return brakeMonitor.brakeClosed();
    }

    /** Stops regulating and shorts the windings, staying enabled so the cam can be parked. */
    public void brake() {
        regulating = false;
        driving = false;
        regulator.stop();
        motor.brake();
    }

    /** Drives open-loop at a small duty (parking nudges). */
    public void nudge(long nowNanos, double duty) {
        regulating = false;
        driving = true;
        if (!motor.isEnabled()) {
            motor.enable(nowNanos);
        }
        motor.setDutyFraction(duty);
    }

    /**
     * The duty at which the motor, held still with its winding hot (the least current a duty gives), makes
     * {@code torqueNm} at the supply measured now; at most the profile's highest duty. A supply that reads
     * not a number, or at most 0 V, gives 0 (a brake): an open-loop drive that cannot be sized is not applied.
     */
    public double dutyForHeldTorque(double torqueNm) {
        double volts = sensors.supplyVolts();
        if (!(volts > 0.0)) {
            return 0.0;
        }
        return Math.min(maxDuty, torqueNm / torqueConstant * hotOhm / volts);
    }

    /**
     * The shaft's speed, rad/s, as the back-EMF gives it while driving forward at {@code duty} with
     * {@code amps} flowing: {@code (supply × duty − amps × R) / k} with the cold winding's R, so a hot winding
     * reads faster than it turns, never slower (a motor the cam drives faster than the duty would, which
     * generates, reads slower). Not a number with a supply that reads not a number.
     */
    public double backEmfRadPerS(double amps, double duty) {
        return (sensors.supplyVolts() * duty - amps * coldOhm) / torqueConstant;
    }

    /**
     * As {@link #backEmfRadPerS}, with the winding's resistance as the winding probe last measured it at
     * rest (H33; the cold winding's before any measurement, or with one outside the cold to hot range): a
     * held shaft reads near 0 rather than the tens of rad/s the cold figure gives a warm winding.
     */
    public double measuredBackEmfRadPerS(double amps, double duty) {
        double ohm = windingProbe.lastOhms();
        if (!(ohm >= coldOhm && ohm <= hotOhm)) {
            ohm = coldOhm;
        }
        return (sensors.supplyVolts() * duty - amps * ohm) / torqueConstant;
    }

    /**
     * The most current driving forward at {@code duty} can draw: a held shaft with the cold winding's R,
     * {@code supply × duty / R20}. Not a number with a supply that reads not a number.
     */
    public double stallAmps(double duty) {
        return sensors.supplyVolts() * duty / coldOhm;
    }

    /** Whether {@code amps} at {@code duty} and the supply measured now says the shaft is held ({@link HeldShaft}). */
    public boolean heldAt(double amps, double duty) {
        return HeldShaft.held(amps, duty, sensors.supplyVolts(), hotOhm);
    }

    /** Disables the driver: braking, and nothing can drive it until the next enable. */
    public void disable() {
        regulating = false;
        driving = false;
        regulator.stop();
        motor.disable();
    }

    /** The shaft's rate at {@code nowNanos}, bounded by the time since the last edge up to {@link #edgesKnownThrough}. */
    public double measuredRateHz(long nowNanos) {
        return estimator.rateHz(edgesKnownThrough(nowNanos));
    }

    /** The mean rate over the last few index periods, proof against late stamps inside them ({@link IndexRateEstimator#spanRateHz}). */
    public double spanRateHz() {
        return estimator.spanRateHz();
    }

    public boolean hasMeasurement() {
        return estimator.hasMeasurement();
    }

    public long lastEdgeNanos() {
        return estimator.lastEdgeNanos();
    }

    public boolean hasEdge() {
        return estimator.hasEdge();
    }

    public long edgesThisTick() {
        return lastEdgesThisTick;
    }

    /** Index edges seen since power-on. */
    public long strokes() {
        return strokes;
    }

    public boolean regulating() {
        return regulating;
    }

    public double setRateHz() {
        return regulator.targetHz();
    }

    public double referenceHz() {
        return regulator.referenceHz();
    }

    public double dutyFraction() {
        return motor.dutyFraction();
    }

    public boolean indexActive() {
        return index.isActive();
    }

    /**
     * How long the index level has read active without a break, as sampled every tick ({@link #periodic}):
     * a gap of more than two loop periods between samples starts the count again, since the level may have
     * dropped in it; 0 while it reads inactive.
     */
    public long indexActiveForNanos(long nowNanos) {
        if (levelActiveSinceNanos == Long.MIN_VALUE || nowNanos - lastLevelSampleNanos > levelSampleGapNanos) {
            return 0L; // inactive, or not sampled since a gap the level may have dropped in
        }
        return nowNanos - levelActiveSinceNanos;
    }

    /** The pattern of this run's index periods, for the plausibility check. */
    public IndexPattern indexPattern() {
        return pattern;
    }

    public boolean enabled() {
        return motor.isEnabled();
    }

    public boolean deadmanExpired() {
        return motor.deadmanExpired();
    }

    public double currentAmps() {
        return sensors.motorCurrentAmps();
    }

    /** The monitor's signed reading, A (its mean over revolutions: the motor's mean torque over k). */
    public double currentSignedAmps() {
        return sensors.motorCurrentSignedAmps();
    }

    /**
     * The current near zero as the firmware can trust it ({@link CurrentZero}): the last readings'
     * mean less the monitor's measured offset; NaN before the offset has been measured.
     */
    public double zeroedAverageAmps() {
        return currentZero.averageAmps();
    }

    /** The applied part's temperature as the firmware estimates it from the thermistor and the drive's heat. */
    public NoseTemperature nose() {
        return nose;
    }

    /** The winding's resistance measured at rest, before every start (H33). */
    public WindingProbe windingProbe() {
        return windingProbe;
    }

    /** The winding's temperature estimated while running, from the probe's measurement and the measured current (H33). */
    public WindingEstimate windingEstimate() {
        return windingEstimate;
    }

    /**
     * The current's magnitude less the monitor's offset, of this tick's signed reading: {@code |signed - offset|}
     * (the magnitude reading less the offset would be off by twice a negative offset near zero, where the part takes
     * the magnitude with the offset in).
     */
    public double zeroedAmps() {
        return zeroedAmps(sensors.motorCurrentSignedAmps());
    }

    /** The magnitude of a signed monitor reading less the offset measured at rest: {@code |signedAmps - offset|}. */
    public double zeroedAmps(double signedAmps) {
        return Math.abs(signedAmps - currentZero.offsetAmps());
    }

    /** The current monitor's offset, as measured on its signed reading at rest (0 before it has been). */
    public double currentOffsetAmps() {
        return currentZero.offsetAmps();
    }

    /** Index edges the platform says it lost since the sensor was opened ({@code IndexSensor.droppedEdgeCount}). */
    public long droppedIndexEdges() {
        return index.droppedEdgeCount();
    }
}
