package com.needlepen.config;

/**
 * How the firmware drives this model of pen: the gains, thresholds and speeds that depend on its
 * hardware (motor, spring, current sensor, collar) rather than on the treatment. Every value has a
 * default, the value the firmware shipped with, so a profile without a {@code tuning} section
 * drives exactly as before; and bounds, whose reasons are in docs/mechanics.md.
 *
 * @param rateRegulator soft start and the PI on the stroke rate
 * @param spinUp        when a run's spin-up is over
 * @param overspeed     where the overspeed check draws its line
 * @param stillShaft    when a braked shaft counts as still (parking, calibration's cam stepping)
 * @param parking       braking and nudging the cam to its lowest point
 * @param camStepping   turning the cam a revolution at a time for calibration
 * @param zeroCheck     the collar's zero check before a run
 */
public record TuningSpec(Regulator rateRegulator, SpinUp spinUp, Overspeed overspeed, StillShaft stillShaft,
                         Parking parking, CamStepping camStepping, ZeroCheck zeroCheck) {

    /**
     * The stroke-rate regulator. Gains are normalised by the plant's static gain (Hz per unit duty)
     * so they hold at any supply voltage.
     *
     * @param softStartHzPerS      slope of the rate set point from standstill (feed-forward only)
     * @param kpNormalised         proportional gain, a fraction of the plant's inverse static gain
     * @param kiNormalisedPerS     integral gain per second, normalised the same way; also the growth
     *                             rate of the breakaway boost for a stalled shaft
     * @param engageFraction       the PI engages once the measured rate is this close below the set point...
     * @param engageTimeoutMillis  ...or this long after the ramp ended
     * @param stallPeriods         during soft start, no index edge for this many set-point periods...
     * @param stallGraceMillis     ...and at least this long is a stalled shaft (the breakaway grows)
     * @param breakawayDecayMillis time constant in which the breakaway boost fades once the shaft turns
     */
    public record Regulator(double softStartHzPerS, double kpNormalised, double kiNormalisedPerS,
                            double engageFraction, double engageTimeoutMillis, double stallPeriods,
                            double stallGraceMillis, double breakawayDecayMillis) {

        public long engageTimeoutNanos() {
            return nanos(engageTimeoutMillis);
        }

        public long stallGraceNanos() {
            return nanos(stallGraceMillis);
        }

        public double breakawayDecaySeconds() {
            return breakawayDecayMillis / 1000.0;
        }
    }

    /**
     * @param bandFraction spin-up is over when the measured rate has stayed within this fraction of
     *                     the set rate...
     * @param holdMillis   ...for this long
     */
    public record SpinUp(double bandFraction, double holdMillis) {

        public long holdNanos() {
            return nanos(holdMillis);
        }
    }

    /** @param maxRateFactor a measured rate above this times {@code rate.maxHz} while running is F03 */
    public record Overspeed(double maxRateFactor) {
    }

    /**
     * @param stillAmps      braking current below which the shaft is taken as still...
     * @param stillForMillis ...with no index edge either, for this long on end
     */
    public record StillShaft(double stillAmps, double stillForMillis) {

        public long stillForNanos() {
            return nanos(stillForMillis);
        }
    }

    /**
     * @param minBrakeMillis    the brake lasts at least this long before the index is judged
     * @param nudgeDutyFraction duty of a nudge that carries a cam held near its top over it
     * @param nudgeMillis       length of a nudge
     */
    public record Parking(double minBrakeMillis, double nudgeDutyFraction, double nudgeMillis) {

        public long minBrakeNanos() {
            return nanos(minBrakeMillis);
        }

        public long nudgeNanos() {
            return nanos(nudgeMillis);
        }
    }

    /** @param driveDutyFraction duty of the pulse that turns the cam one revolution */
    public record CamStepping(double driveDutyFraction) {
    }

    /**
     * @param probeStartMm       the fast leg stops this far short of where the count expects the switch...
     * @param probePastMm        ...and the slow probe searches this far past it before giving up
     * @param probeSpeedFraction probe speed as a fraction of {@code collar.maxSpeedMmPerS}
     */
    public record ZeroCheck(double probeStartMm, double probePastMm, double probeSpeedFraction) {
    }

    private static long nanos(double millis) {
        return Math.round(millis * 1e6);
    }
}
