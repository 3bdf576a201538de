package com.needlepen.config;

/**
 * Turns a profile's YAML tree into the {@link DeviceProfile} records. This is the one place that
 * knows the YAML keys, and each key is said once, here: its name, its type and its bounds in the
 * call that reads it ({@link MapReader}), so the allowed keys of every section are the ones read
 * below. The ranges are generous bounds for a hand-held pen, meant to catch a unit or decimal-point
 * slip (ohm for milliohm, 25 for 2.5), not to pin a design; a range with a reason beyond that says
 * it. Cross-field rules (one key against another) are {@link ProfileValidator}'s.
 */
final class ProfileBinder {

    /** Default telemetry sampling: enough for a live plot, cheap on the broker. */
    static final double DEFAULT_SAMPLE_RATE_HZ = 10.0;

    private static final Range VOLTS = Range.closed(3, 48, "V");
    private static final Range DEPTH = Range.closed(0, 5, "mm");
    private static final Range RATE = Range.closed(1, 300, "Hz");

    private ProfileBinder() {
    }

    static DeviceProfile bind(YamlNode root, KeyLines lines, String source) {
        return MapReader.root(root, lines, top -> profile(top, source));
    }

    /** The whole profile from its top-level mapping; a binder that reads more keys can build on it. */
    static DeviceProfile profile(MapReader top, String source) {
        return new DeviceProfile(
                top.text("profile"),
                source,
                top.text("backend"),
                top.section("supply", ProfileBinder::supply),
                top.section("motor", ProfileBinder::motor),
                top.section("cam", ProfileBinder::cam),
                top.section("collar", ProfileBinder::collar),
                top.section("depth", ProfileBinder::depth),
                top.section("rate", ProfileBinder::rate),
                top.section("skin", ProfileBinder::skin),
                top.sections("cartridges", ProfileBinder::cartridge),
                top.sections("presets", ProfileBinder::preset),
                top.section("loop", ProfileBinder::loop),
                top.section("telemetry", ProfileBinder::telemetry),
                top.section("calibration", ProfileBinder::calibration),
                top.section("safety", ProfileBinder::safety),
                top.optionalSection("tuning", TuningBinder::tuning),
                top.optionalSection("thermal", ProfileBinder::thermal),
                top.sectionOrNull("hardware", HardwareBinder::hardware));
    }

    private static SupplySpec supply(MapReader m) {
        return new SupplySpec(m.number("minVolts", VOLTS), m.number("nominalVolts", VOLTS), m.number("maxVolts", VOLTS));
    }

    private static MotorSpec motor(MapReader m) {
        return new MotorSpec(
                m.number("torqueConstantNmPerA", Range.closed(0.001, 0.1, "N m/A")),
                m.number("resistanceOhm20C", Range.closed(0.1, 100, "ohm")),
                m.number("maxWindingCelsius", Range.closed(40, 180, "°C")),
                m.number("inertiaKgM2", Range.closed(1e-9, 1e-4, "kg m2")),
                m.number("frictionTorqueNm", Range.closed(0, 0.05, "N m")),
                m.number("viscousNmPerRadPerS", Range.closed(0, 1e-3, "N m s/rad")),
                m.number("maxDutyFraction", Range.aboveUpTo(0, 1, "")),
                m.number("maxCurrentAmps", Range.closed(0.05, 10, "A")),
                m.wholeNumber("deadmanMillis", Range.closed(5, 1000, "ms")));
    }

    private static CamSpec cam(MapReader m) {
        return new CamSpec(
                m.number("strokeMm", Range.closed(0.5, 6, "mm")),
                m.number("carrierMassKg", Range.closed(0.0001, 0.05, "kg")),
                m.number("springPreloadN", Range.closed(0, 50, "N")),
                m.number("springRateNPerMm", Range.closed(0, 20, "N/mm")),
                m.number("springMargin", Range.closed(1, 10, "")));
    }

    private static CollarSpec collar(MapReader m) {
        return new CollarSpec(
                m.number("stepsPerMm", Range.closed(10, 100_000, "steps/mm")),
                m.number("travelMm", Range.closed(0.5, 10, "mm")),
                m.choice("homeSide", HomeSide.class),
                m.number("homeDepthMm", Range.closed(-5, 0, "mm")),
                m.number("absoluteMaxDepthMm", Range.closed(0.1, 5, "mm")),
                // tips at least 0.2 mm inside the nose at the bottom of every stroke, even at the hard stop
                m.number("minRecessMm", Range.closed(0.2, 3, "mm")),
                m.number("maxSpeedMmPerS", Range.closed(0.1, 50, "mm/s")),
                m.number("accelMmPerS2", Range.closed(1, 1000, "mm/s2")),
                // a unit's scale and home switch spread: zero is no real part; 20 % or 1 mm is a slip
                m.number("scaleTolerance", Range.closed(0.001, 0.2, "")),
                m.number("homeSwitchToleranceMm", Range.closed(0.001, 1, "mm")));
    }

    private static DepthSpec depth(MapReader m) {
        return new DepthSpec(
                m.number("minMm", DEPTH),
                m.number("maxMm", DEPTH),
                m.number("stepMm", Range.closed(0.01, 0.5, "mm")),
                m.number("ceilingMm", DEPTH),
                // unlocking deep needling is opt-in: leaving the key out must never enable it
                m.flag("unlockAboveCeiling", false));
    }

    private static RateSpec rate(MapReader m) {
        return new RateSpec(m.number("minHz", RATE), m.number("maxHz", RATE),
                m.number("stepHz", Range.aboveUpTo(0, 50, "Hz")));
    }

    private static SkinSpec skin(MapReader m) {
        return new SkinSpec(m.number("insertionForcePerNeedleN", Range.closed(0.01, 5, "N")),
                m.number("withdrawalFraction", Range.closed(0, 1, "")));
    }

    private static CartridgeType cartridge(MapReader m) {
        return new CartridgeType(m.text("name"), m.wholeNumber("needles", Range.closed(1, 100, "needles")),
                m.number("maxRateHz", RATE), m.number("maxDepthMm", Range.aboveUpTo(0, 5, "mm")));
    }

    private static Preset preset(MapReader m) {
        // bounded by depth.* and rate.* in PresetRules, whose message names the limit the practitioner meets
        return new Preset(m.text("name"), m.number("depthMm", Range.anyFinite("mm")), m.number("rateHz", Range.anyFinite("Hz")));
    }

    private static TelemetrySpec telemetry(MapReader m) {
        // brokerUrl may be absent or null: the tool then picks a broker (the simulator runs its own).
        return new TelemetrySpec(m.number("sampleRateHz", Range.aboveUpTo(0, 100, "Hz"), DEFAULT_SAMPLE_RATE_HZ),
                m.textOrNull("brokerUrl"), m.text("deviceId"), m.text("topicPrefix"));
    }

    private static CalibrationSpec calibration(MapReader m) {
        return new CalibrationSpec(
                m.number("toleranceMm", Range.closed(0.005, 0.2, "mm")),
                // fewer than 7 points cannot show a curve between them; more than 200 is a slip
                m.wholeNumber("minPoints", Range.closed(7, 200, "points")),
                m.number("maxRunHours", Range.aboveUpTo(0, 10_000, "h")),
                m.number("maxAgeDays", Range.aboveUpTo(0, 3_650, "days")),
                m.number("plausibleOffsetMm", Range.closed(0.02, 1.0, "mm")),
                m.number("plausibleScalePercent", Range.closed(0.5, 30, "%")));
    }

    private static SafetySpec safety(MapReader m) {
        // The applied-part surface limit of IEC 60601-1 is 41 °C: no profile may warn or cut off above it.
        Range handpiece = Range.closed(30, 41, "°C");
        return new SafetySpec(
                m.number("warningCelsius", handpiece),
                // against rate.* in RateRules
                m.number("warningMaxRateHz", Range.anyFinite("Hz")),
                m.number("cutoffCelsius", handpiece),
                m.number("maxContinuousRunMinutes", Range.aboveUpTo(0, 120, "min")),
                m.number("loopOverrunBudgetMillis", Range.closed(1, 1000, "ms")),
                // a pause within one client's treatment (numbing, serum) is minutes; a client's turnover is longer
                m.number("sessionIdleCloseMinutes", Range.aboveUpTo(0, 60, "min"), 10));
    }

    private static ThermalSpec thermal(MapReader m) {
        ThermalSpec d = ThermalSpec.BUNDLED;
        return new ThermalSpec(
                // a bead bonded into metal answers in about a second; one in air, or behind plastic, in a minute
                m.number("thermistorLagSeconds", Range.closed(0, 60, "s"), d.thermistorLagSeconds()),
                m.number("noseGradientKPerW", Range.closed(0, 100, "K/W"), d.noseGradientKPerW()),
                m.number("pwmRippleAmpsPerVolt", Range.closed(0, 100, "A/V"), d.pwmRippleAmpsPerVolt()),
                m.number("gradientRiseSeconds", Range.closed(1, 600, "s"), d.gradientRiseSeconds()),
                m.number("gradientFallSeconds", Range.closed(1, 3600, "s"), d.gradientFallSeconds()),
                m.number("handOffsetK", Range.closed(0, 10, "K"), d.handOffsetK()),
                // a coreless winding of a pen motor weighs grams: 0.4 g of copper is 0.15 J/K, 30 g is 12 J/K
                m.number("windingHeatCapacityJPerK", Range.closed(0.1, 20, "J/K"), d.windingHeatCapacityJPerK()),
                // a motor clamped in metal is a few K/W to its housing; a figure past 100 K/W would only ever stop runs
                m.number("windingToNoseKPerW", Range.closed(1, 100, "K/W"), d.windingToNoseKPerW()),
                // 0: a roller follower with no rolling resistance; dry steel on steel is about 0.6
                m.number("followerFrictionMax", Range.closed(0, 1, ""), d.followerFrictionMax()),
                // the eccentric's rim: wider than the eccentricity, inside a pen's 20 mm body
                m.number("followerRadiusMm", Range.closed(0.5, 10, "mm"), d.followerRadiusMm()));
    }

    private static LoopSpec loop(MapReader m) {
        int periodMicros = m.wholeNumber("periodMicros", Range.closed(100, 10_000, "µs"));
        LoopSpec.Wait wait = m.choice("waitStrategy", LoopSpec.Wait.class, LoopSpec.Wait.PARK_THEN_SPIN);
        // a margin of a whole period would spin all the time; 0 is parking alone
        int margin = (int) m.number("spinMarginMicros", Range.closed(0, 2_000, "µs"), 100);
        return new LoopSpec(periodMicros, wait, margin);
    }
}
