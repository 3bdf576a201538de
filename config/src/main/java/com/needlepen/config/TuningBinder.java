package com.needlepen.config;

/**
 * Reads the optional {@code tuning} section: each key with its bounds and its shipped default, so a
 * profile that leaves a key (or the whole section) out drives as the firmware always did.
 * docs/mechanics.md gives the reason for every bound; {@link TuningRules} checks the values that
 * depend on other keys.
 */
final class TuningBinder {

    private TuningBinder() {
    }

    static TuningSpec tuning(MapReader m) {
        return new TuningSpec(
                m.optionalSection("rateRegulator", TuningBinder::regulator),
                m.optionalSection("spinUp", TuningBinder::spinUp),
                m.optionalSection("overspeed", o -> new TuningSpec.Overspeed(
                        o.number("maxRateFactor", Range.closed(1.02, 1.5, ""), 1.10))),
                m.optionalSection("stillShaft", TuningBinder::stillShaft),
                m.optionalSection("parking", TuningBinder::parking),
                m.optionalSection("camStepping", c -> new TuningSpec.CamStepping(
                        c.number("driveDutyFraction", Range.closed(0.22, 0.5, ""), 0.25))),
                m.optionalSection("zeroCheck", TuningBinder::zeroCheck));
    }

    private static TuningSpec.Regulator regulator(MapReader m) {
        return new TuningSpec.Regulator(
                m.number("softStartHzPerS", Range.closed(400, 5_000, "Hz/s"), 600),
                m.number("kpNormalised", Range.closed(0.1, 1.5, ""), 0.6),
                m.number("kiNormalisedPerS", Range.closed(2, 60, "/s"), 18),
                m.number("engageFraction", Range.closed(0.01, 0.2, ""), 0.05),
                m.number("engageTimeoutMillis", Range.closed(20, 1_000, "ms"), 300),
                m.number("stallPeriods", Range.closed(1.1, 5, "periods"), 1.5),
                m.number("stallGraceMillis", Range.closed(10, 200, "ms"), 50),
                m.number("breakawayDecayMillis", Range.closed(5, 500, "ms"), 50));
    }

    private static TuningSpec.SpinUp spinUp(MapReader m) {
        return new TuningSpec.SpinUp(
                m.number("bandFraction", Range.closed(0.002, 0.05, ""), 0.01),
                m.number("holdMillis", Range.closed(20, 1_000, "ms"), 100));
    }

    private static TuningSpec.StillShaft stillShaft(MapReader m) {
        return new TuningSpec.StillShaft(
                m.number("stillAmps", Range.closed(0.005, 0.1, "A"), 0.02),
                m.number("stillForMillis", Range.closed(10, 100, "ms"), 20));
    }

    private static TuningSpec.Parking parking(MapReader m) {
        return new TuningSpec.Parking(
                m.number("minBrakeMillis", Range.closed(10, 200, "ms"), 30),
                m.number("nudgeDutyFraction", Range.closed(0.02, 0.1, ""), 0.08),
                m.number("nudgeMillis", Range.closed(2, 50, "ms"), 12));
    }

    private static TuningSpec.ZeroCheck zeroCheck(MapReader m) {
        return new TuningSpec.ZeroCheck(
                m.number("probeStartMm", Range.closed(0.02, 0.3, "mm"), 0.1),
                m.number("probePastMm", Range.closed(0.05, 0.6, "mm"), 0.3),
                m.number("probeSpeedFraction", Range.closed(0.1, 1, ""), 0.25));
    }
}
