package com.needlepen.firmware.drive;

import com.needlepen.config.TuningSpec;

/**
 * The stroke-rate regulator: PI on the rate error with feed-forward from the motor constant, a
 * soft-start ramp on the set point, and anti-windup.
 *
 * <p>Feed-forward: a motor at speed {@code w} needs {@code ke w + R I} volts, so the duty for the
 * set rate is {@code (ke w + R If) / V} with the measured supply and the current that friction
 * alone draws; the PI term only corrects what the model misses (skin load, heat, tolerances).
 * Gains are normalised by the plant's static gain {@code V / (2 pi ke)} (Hz per unit duty), so the
 * loop behaves the same at any supply voltage. Anti-windup: the integrator stops while the output
 * is saturated in the direction the error pushes, and is clamped to the duty range. The gains, the
 * soft-start slope and the engage and stall thresholds are the profile's ({@code
 * tuning.rateRegulator}), read once here. Allocates nothing.
 */
public final class RateRegulator {

    private final double keVoltSecondsPerRad;
    private final double resistanceOhm;
    private final double frictionCurrentAmps;
    private final double maxDuty;
    private final double rampHzPerSecond;
    private final double kpNormalised;
    private final double kiNormalisedPerS;
    /** The PI engages once the measured rate is this close to the set point after the ramp... */
    private final double engageFraction;
    /** ...or this long after the ramp ended, whichever comes first. */
    private final long engageTimeoutNanos;
    /** During soft start, a shaft with no index edge for this many set-point periods (and the grace) is stalled. */
    private final double stallPeriods;
    private final long stallGraceNanos;
    /** How fast the breakaway boost fades once the shaft turns. */
    private final double breakawayDecaySeconds;

    private double targetHz;
    /** When the set point last ramped down ({@code Long.MIN_VALUE}: never this run). */
    private long rampedDownNanos = Long.MIN_VALUE;
    /** Set periods after a ramp down during which the integrator still holds: the measurement's lag, whole periods. */
    static final double HOLD_PERIODS_AFTER_RAMP_DOWN = 4.0;
    private double referenceHz;
    private double integralDuty;
    private double breakawayDuty;
    private double lastDuty;
    private long lastNanos;
    private boolean running;
    private boolean engaged;
    private long rampEndNanos;
    private long startNanos;

    /**
     * @param keVoltSecondsPerRad back-EMF constant
     * @param resistanceOhm       winding resistance used for the feed-forward (the cold value)
     * @param frictionTorqueNm    friction the feed-forward compensates
     * @param maxDuty             highest duty the regulator commands
     * @param tuning              soft-start slope, gains, engage and stall thresholds
     */
    public RateRegulator(double keVoltSecondsPerRad, double resistanceOhm, double frictionTorqueNm,
                         double maxDuty, TuningSpec.Regulator tuning) {
        this.keVoltSecondsPerRad = keVoltSecondsPerRad;
        this.resistanceOhm = resistanceOhm;
        this.frictionCurrentAmps = frictionTorqueNm / keVoltSecondsPerRad;
        this.maxDuty = maxDuty;
        this.rampHzPerSecond = tuning.softStartHzPerS();
        this.kpNormalised = tuning.kpNormalised();
        this.kiNormalisedPerS = tuning.kiNormalisedPerS();
        this.engageFraction = tuning.engageFraction();
        this.engageTimeoutNanos = tuning.engageTimeoutNanos();
        this.stallPeriods = tuning.stallPeriods();
        this.stallGraceNanos = tuning.stallGraceNanos();
        this.breakawayDecaySeconds = tuning.breakawayDecaySeconds();
    }

    /** Starts a soft start from standstill towards {@code targetHz}. */
    public void start(long nowNanos, double targetHz) {
        this.targetHz = targetHz;
        this.referenceHz = 0.0;
        this.integralDuty = 0.0;
        this.breakawayDuty = 0.0;
        this.lastDuty = 0.0;
        this.lastNanos = nowNanos;
        this.rampEndNanos = nowNanos;
        this.startNanos = nowNanos;
        this.engaged = false;
        this.rampedDownNanos = Long.MIN_VALUE;
        this.running = true;
    }

    /** Changes the set rate while running; the reference follows at the ramp slope, up or down. */
    public void setTargetHz(double targetHz) {
        this.targetHz = targetHz;
    }

    public void stop() {
        running = false;
        lastDuty = 0.0;
    }

    /**
     * Computes the duty for this tick.
     *
     * @param measuredHz   the estimator's rate
     * @param measured     whether the estimator has a measurement yet (before it, feed-forward only)
     * @param supplyVolts  the measured motor supply
     * @param edgeAgeNanos how long ago the last index edge came (or the run started), which tells a
     *                     stalled shaft from a merely unmeasured one
     * @param shaftHeld    whether the motor current says the shaft is held ({@link HeldShaft}): only a
     *                     held shaft gets the breakaway boost; one that turns without index pulses has a
     *                     blind sensor, and pushing harder would run the needles away
     */
    public double update(long nowNanos, double measuredHz, boolean measured, double supplyVolts, long edgeAgeNanos,
                         boolean shaftHeld) {
        if (!running) {
            return 0.0;
        }
        double dt = (nowNanos - lastNanos) * 1e-9;
        lastNanos = nowNanos;
        // ramps up at the soft-start slope, and down at it too: a lower target taken at once cuts the duty to nothing,
        // the shaft coasts past the new rate while the measurement (whole periods) lags it, and under the follower's
        // friction and the skin's load it stops on the cam's rising side before the PI has it back (SetRateOverspeedTest)
        referenceHz = targetHz >= referenceHz ? Math.min(targetHz, referenceHz + rampHzPerSecond * dt)
                : Math.max(targetHz, referenceHz - rampHzPerSecond * dt);
        double volts = Math.max(supplyVolts, 1.0);
        double omega = 2.0 * Math.PI * referenceHz;
        double feedForward = (keVoltSecondsPerRad * omega + resistanceOhm * frictionCurrentAmps) / volts;
        double hzPerDuty = volts / (2.0 * Math.PI * keVoltSecondsPerRad);
        double proportional = 0.0;
        // while the set point ramps, the measurement (a median of whole periods) lags it by design;
        // correcting that lag would only make the soft start overshoot, so the ramp is feed-forward,
        // and the PI engages once the shaft has caught up (within a few %, or above the set point),
        // or after a timeout
        boolean ramping = referenceHz < targetHz;
        if (!engaged && measured && !ramping
                && (measuredHz > (1.0 - engageFraction) * referenceHz
                    || nowNanos - rampEndNanos > engageTimeoutNanos)) {
            engaged = true;
            // bumpless: what the breakaway still adds is load the integrator now carries
            integralDuty += breakawayDuty;
            breakawayDuty = 0.0;
        }
        if (ramping) {
            rampEndNanos = nowNanos;
        }
        if (!engaged) {
            updateBreakaway(edgeAgeNanos, shaftHeld, hzPerDuty, dt);
        }
        if (engaged) {
            double error = referenceHz - measuredHz;
            proportional = kpNormalised * error / hzPerDuty;
            // no breakaway term: engaging handed it to the integrator, and it grows only before engagement
            double unclamped = feedForward + proportional + integralDuty;
            boolean pushingHigh = unclamped >= maxDuty && error > 0;
            boolean pushingLow = unclamped <= 0.0 && error < 0;
            // while the set point ramps down the integrator holds the load it carries (the skin's and the follower's
            // torque, much the same at a lower rate): the feed-forward falls with the set point, and the measurement,
            // whole periods, lags a slowing shaft, so integrating that lag (during the ramp and for a few periods after
            // it) would unload the drive and let a loaded shaft fall through the new rate and stall on the cam's
            // rising side (F02 on a sound pen, 150 to 50 Hz with a 36-pin at 1.5 mm on skin)
            if (referenceHz > targetHz) {
                rampedDownNanos = nowNanos;
            }
            boolean holding = rampedDownNanos != Long.MIN_VALUE
                    && nowNanos - rampedDownNanos <= (long) (HOLD_PERIODS_AFTER_RAMP_DOWN * 1e9 / Math.max(referenceHz, 1.0));
            if (!pushingHigh && !pushingLow && !holding) {
                integralDuty += kiNormalisedPerS * error / hzPerDuty * dt;
                integralDuty = Math.max(-maxDuty, Math.min(maxDuty, integralDuty));
            }
        }
        lastDuty = Math.max(0.0, Math.min(maxDuty, feedForward + proportional + integralDuty + breakawayDuty));
        return lastDuty;
    }

    /**
     * Under skin load from standstill the spring and the needles can stall the shaft at the ramp's
     * low duty. While the shaft is far behind the set point this term grows until it breaks away;
     * once it turns it decays, so it cannot wind up into an overshoot: the PI takes the real load.
     */
    private void updateBreakaway(long edgeAgeNanos, boolean shaftHeld, double hzPerDuty, double dt) {
        // no edge for well over a revolution at the set point, and the current of a held shaft: stalled, not
        // just slow (nor turning past a dead sensor)
        long expectedNanos = referenceHz > 0 ? (long) (stallPeriods * 1e9 / referenceHz) : Long.MAX_VALUE;
        boolean stalled = shaftHeld && edgeAgeNanos > Math.max(stallGraceNanos, expectedNanos);
        if (stalled) {
            breakawayDuty = Math.min(maxDuty, breakawayDuty + kiNormalisedPerS * referenceHz / hzPerDuty * dt);
        } else {
            breakawayDuty *= Math.max(0.0, 1.0 - dt / breakawayDecaySeconds);
        }
    }

    /** The set point now (ramps up to the target during soft start). */
    public double referenceHz() {
        return referenceHz;
    }

    public double targetHz() {
        return targetHz;
    }

    public double lastDuty() {
        return lastDuty;
    }
}
