package com.needlepen.firmware.safety;

import com.needlepen.config.MotorSpec;
import com.needlepen.firmware.drive.HeldShaft;
import com.needlepen.firmware.drive.IndexPattern;
import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * The index sensor judged against what else the firmware knows about the shaft, while the needles
 * run (H44–H46). The regulator, the overspeed and rate checks and parking all believe the index; a
 * sensor that misses passes makes the regulator drive the needles faster than set (every other pass
 * missed: twice the set rate, which no other check sees, since they all read the same index), one
 * that adds pulses makes it believe a faster shaft, and a level stuck active says "the cam is at its
 * lowest point, tips hidden" wherever the cam is. Four patterns, each named in the detail: F31 brakes and
 * holds without parking (parking reads the level this fault distrusts), as F11 does; the one pattern that
 * only a sensor missing passes shows (the index slower than the back-EMF) is F32, which parks, because such
 * a sensor never reads active away from the magnet:
 *
 * <ul>
 *   <li><b>stuck active</b>: once this run has seen an edge (the shaft has left the index it parked at),
 *       the level active, sampled every tick, for longer than one set period (at least
 *       {@value #STUCK_MIN_MILLIS} ms, a few ticks) while the current says the shaft turns (not
 *       {@link HeldShaft held}): a real pass lasts the sensor's window, about 20° of 360°, so a twentieth
 *       of a period; a shaft held at the index by a jam keeps its level and is the stall check's (F02). It
 *       comes before the stall check's 2.5 periods, so the fault is named for what it is;</li>
 *   <li><b>too short</b>: {@value #TOO_SHORT_PERIODS} of the last {@value IndexPattern#WINDOW} periods
 *       shorter than the motor's no-load speed at the highest supply allows, with a margin
 *       ({@link IndexPattern#shortestPlausiblePeriodNanos}: 3.99 ms sim, 4.79 ms compact): noise on the line.
 *       One late kernel stamp shortens one period by at most 2 ms, which at the 150 Hz top rate leaves
 *       4.67 ms; two in sixteen periods do not happen in normal running;</li>
 *   <li><b>irregular</b>: {@value #IRREGULAR_PERIODS} of the last
 *       {@value IndexPattern#WINDOW} periods more than {@value IndexPattern#IRREGULAR_RATIO} times longer
 *       or shorter than the one before (missed passes at random double a period, a spike splits one).
 *       A late stamp makes two such periods, a rate change a few more while the shaft follows it, the soft
 *       start's ramp from rest two or three (it changes the period that much only below about 40 Hz, in
 *       the first revolutions);</li>
 *   <li><b>back-EMF</b>: the index rate against the rate the motor's back-EMF implies,
 *       ω = (supply × duty − current × R) / k, averaged over {@value #EMF_AVERAGE_SECONDS} s (the load swings
 *       it within a revolution), for {@value #EMF_HOLD_MILLIS} ms on end, where the
 *       back-EMF rate is at least {@value #EMF_FLOOR_FRACTION} of the profile's lowest rate (below
 *       that, at low duty and while braking, the estimate is mostly the current's term). The winding's
 *       R is not known (it rises 31 % from 20 °C to 100 °C), so each side is judged with the R that
 *       excuses the index most: the index below {@value #EMF_LOW_RATIO} of the rate the hot winding's R
 *       gives (the lowest back-EMF rate it can be) is missed edges, F32 (every other pass missed reads 0.5);
 *       above {@value #EMF_HIGH_RATIO} times the rate a winding at {@value #COLD_R_FRACTION} of its R20
 *       (−5 °C) gives (the highest) is extra edges (a cracked magnet's fragment reads 2). A rate change
 *       lags the index's median by a few periods, well within the hold. This assumes the bridge drives in
 *       continuous conduction (synchronous, slow-decay PWM: the winding sees supply × duty on average);
 *       a bridge in discontinuous conduction shows more than that at light load, making the shaft faster
 *       than the estimate: the extra-edges side would then need a larger ratio.</li>
 * </ul>
 *
 * A runaway drive (PWM stuck high) reads as extra edges too, its commanded duty understating the voltage
 * the winding gets: in the standard set the overspeed check (F03, drive-suspect) comes first, at its
 * first reading above its line; without it this check brakes the runaway as F31 (a disabled driver brakes
 * even with its PWM input stuck), a second line.
 * A sensor stuck active or dead from before the run is the stall check's (F11 within the soft start):
 * no edge at all comes to judge. Not judged here: a sensor that sticks while the cam is braked to a stop
 * (STOPPING) — parking then reads its level; docs/safety.md states the residual.
 */
public final class IndexPlausibilityCheck implements SafetyCheck {

    static final long STUCK_MIN_MILLIS = 5;
    static final int TOO_SHORT_PERIODS = 2;
    static final int IRREGULAR_PERIODS = 8;
    static final double EMF_LOW_RATIO = 0.6;
    static final double EMF_HIGH_RATIO = 1.6;
    static final double COLD_R_FRACTION = 0.9;
    static final double EMF_FLOOR_FRACTION = 0.25;
    static final long EMF_HOLD_MILLIS = 100;
    /**
     * The back-EMF rate is averaged with this time constant: the current (and so the estimate) swings
     * within a revolution with the cam's and the skin's load (at 37 Hz on skin, between 18 and 56 Hz),
     * while the index's rate is a whole period's mean.
     */
    static final double EMF_AVERAGE_SECONDS = 0.025;

    private final SafetyInputs in;
    private final double hotOhm;
    private final double coldOhm;
    private final double ke;
    private final double floorHz;
    private final HeldCondition low = new HeldCondition(EMF_HOLD_MILLIS * 1_000_000L);
    private final HeldCondition high = new HeldCondition(EMF_HOLD_MILLIS * 1_000_000L);
    private long runStartNanos;
    private String pattern = "";
    private double indexHz;
    private double emfHz;
    private long activeNanos;
    private double lowestEmfMeanHz = Double.NaN;
    private double highestEmfMeanHz = Double.NaN;
    private long lastEmfNanos;

    public IndexPlausibilityCheck(SafetyInputs in) {
        this.in = in;
        MotorSpec m = in.profile().motor();
        this.hotOhm = in.profile().motorLimits().hotResistanceOhm();
        this.coldOhm = COLD_R_FRACTION * m.resistanceOhm20C();
        this.ke = m.torqueConstantNmPerA();
        this.floorHz = EMF_FLOOR_FRACTION * in.profile().rate().minHz();
    }

    @Override
    public void runStarted(long nowNanos) {
        runStartNanos = nowNanos;
        low.reset();
        high.reset();
        lowestEmfMeanHz = Double.NaN;
        highestEmfMeanHz = Double.NaN;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        var drive = in.drive();
        if (state != PenState.RUNNING || drive.dutyFraction() <= 0.0) {
            low.reset();
            high.reset();
            lowestEmfMeanHz = Double.NaN;
            highestEmfMeanHz = Double.NaN;
            return null;
        }
        double amps = in.sensors().motorCurrentAmps();
        double volts = in.sensors().supplyVolts();
        averageEmf(nowNanos, volts * drive.dutyFraction(), amps);
        activeNanos = drive.indexActiveForNanos(nowNanos);
        long stuckBound = Math.max(STUCK_MIN_MILLIS * 1_000_000L, (long) (1e9 / Math.max(drive.setRateHz(), 1.0)));
        if (drive.hasEdge() && activeNanos > stuckBound
                && !HeldShaft.held(amps, drive.dutyFraction(), volts, hotOhm)) {
            return found("stuck active");
        }
        IndexPattern periods = drive.indexPattern();
        if (periods.tooShortPeriods() >= TOO_SHORT_PERIODS) {
            return found("periods shorter than the shaft can turn");
        }
        if (periods.irregularPeriods() >= IRREGULAR_PERIODS) {
            return found("irregular periods");
        }
        if (!drive.hasMeasurement()) {
            return null;
        }
        indexHz = drive.measuredRateHz(nowNanos);
        double lowestEmfHz = lowestEmfMeanHz;
        double highestEmfHz = highestEmfMeanHz;
        // not a number (no average yet) judges nothing here; a reading that is not a number is F19's, and skipped
        boolean judged = lowestEmfHz >= floorHz;
        emfHz = lowestEmfHz;
        if (low.update(judged && !(indexHz >= EMF_LOW_RATIO * lowestEmfHz), nowNanos)) {
            pattern = "missed edges: the index rate below the back-EMF's";
            return FaultCode.F32_INDEX_EDGES_MISSED;
        }
        boolean judgedHigh = highestEmfHz >= floorHz;
        if (high.update(judgedHigh && !(indexHz <= EMF_HIGH_RATIO * highestEmfHz), nowNanos)) {
            emfHz = highestEmfHz;
            return found("extra edges: the index rate above the back-EMF's");
        }
        return null;
    }

    /** The back-EMF rate either R gives, averaged over {@link #EMF_AVERAGE_SECONDS}; readings not a number are skipped. */
    private void averageEmf(long nowNanos, double drivenVolts, double amps) {
        double lowest = (drivenVolts - amps * hotOhm) / ke / (2.0 * Math.PI);
        double highest = (drivenVolts - amps * coldOhm) / ke / (2.0 * Math.PI);
        if (Double.isNaN(lowest) || Double.isNaN(highest)) {
            return;
        }
        if (Double.isNaN(lowestEmfMeanHz)) {
            lowestEmfMeanHz = lowest;
            highestEmfMeanHz = highest;
        } else {
            double a = Math.min(1.0, (nowNanos - lastEmfNanos) * 1e-9 / EMF_AVERAGE_SECONDS);
            lowestEmfMeanHz += a * (lowest - lowestEmfMeanHz);
            highestEmfMeanHz += a * (highest - highestEmfMeanHz);
        }
        lastEmfNanos = nowNanos;
    }

    private FaultCode found(String what) {
        pattern = what;
        return FaultCode.F31_INDEX_IMPLAUSIBLE;
    }

    @Override
    public String detail() {
        var p = in.drive().indexPattern();
        return String.format(Locale.ROOT, "%s (index %.1f Hz, back-EMF %.1f Hz, level active %d ms, %d of %d periods"
                + " irregular, %d too short)", pattern, indexHz, emfHz, activeNanos / 1_000_000, p.irregularPeriods(),
                p.periods(), p.tooShortPeriods());
    }
}
