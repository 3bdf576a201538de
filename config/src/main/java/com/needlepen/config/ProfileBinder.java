package com.needlepen.config;

import java.util.List;

/**
 * Turns a profile's YAML tree into the {@link DeviceProfile} records, key by key. This is the one
 * place that knows the YAML key names; it checks presence and types only, and leaves ranges and
 * cross-field rules to {@link ProfileValidator}.
 */
final class ProfileBinder {

    /** Default telemetry sampling: enough for a live plot, cheap on the broker. */
    static final double DEFAULT_SAMPLE_RATE_HZ = 10.0;

    private ProfileBinder() {
    }

    static DeviceProfile bind(YamlNode root, KeyLines lines, String source) {
        MapReader top = MapReader.root(root, lines, "profile", "backend", "supply", "motor", "cam", "collar",
                "depth", "rate", "skin", "cartridges", "presets", "loop", "telemetry", "calibration", "safety");
        return new DeviceProfile(
                top.text("profile"),
                source,
                top.text("backend"),
                supply(top.section("supply", "minVolts", "nominalVolts", "maxVolts")),
                motor(top.section("motor", "torqueConstantNmPerA", "resistanceOhm20C", "maxWindingCelsius",
                        "inertiaKgM2", "frictionTorqueNm", "viscousNmPerRadPerS", "maxDutyFraction",
                        "maxCurrentAmps", "deadmanMillis")),
                cam(top.section("cam", "strokeMm", "carrierMassKg", "springPreloadN", "springRateNPerMm",
                        "springMargin")),
                collar(top.section("collar", "stepsPerMm", "travelMm", "homeSide", "homeDepthMm",
                        "absoluteMaxDepthMm", "minRecessMm", "maxSpeedMmPerS", "accelMmPerS2", "scaleTolerance",
                        "homeSwitchToleranceMm")),
                depth(top.section("depth", "minMm", "maxMm", "stepMm", "ceilingMm", "unlockAboveCeiling")),
                rate(top.section("rate", "minHz", "maxHz", "stepHz")),
                skin(top.section("skin", "insertionForcePerNeedleN", "withdrawalFraction")),
                cartridges(top.sections("cartridges", "name", "needles", "maxRateHz", "maxDepthMm")),
                presets(top.sections("presets", "name", "depthMm", "rateHz")),
                new LoopSpec(top.section("loop", "periodMicros").wholeNumber("periodMicros")),
                telemetry(top.section("telemetry", "sampleRateHz", "brokerUrl", "deviceId", "topicPrefix")),
                calibration(top.section("calibration", "toleranceMm", "minPoints", "maxRunHours", "maxAgeDays",
                        "plausibleOffsetMm", "plausibleScalePercent")),
                safety(top.section("safety", "warningCelsius", "warningMaxRateHz", "cutoffCelsius", "maxContinuousRunMinutes",
                        "loopOverrunBudgetMillis")));
    }

    private static SupplySpec supply(MapReader m) {
        return new SupplySpec(m.number("minVolts"), m.number("nominalVolts"), m.number("maxVolts"));
    }

    private static MotorSpec motor(MapReader m) {
        return new MotorSpec(
                m.number("torqueConstantNmPerA"),
                m.number("resistanceOhm20C"),
                m.number("maxWindingCelsius"),
                m.number("inertiaKgM2"),
                m.number("frictionTorqueNm"),
                m.number("viscousNmPerRadPerS"),
                m.number("maxDutyFraction"),
                m.number("maxCurrentAmps"),
                m.wholeNumber("deadmanMillis"));
    }

    private static CamSpec cam(MapReader m) {
        return new CamSpec(m.number("strokeMm"), m.number("carrierMassKg"), m.number("springPreloadN"),
                m.number("springRateNPerMm"), m.number("springMargin"));
    }

    private static CollarSpec collar(MapReader m) {
        return new CollarSpec(
                m.number("stepsPerMm"),
                m.number("travelMm"),
                m.choice("homeSide", HomeSide.class),
                m.number("homeDepthMm"),
                m.number("absoluteMaxDepthMm"),
                m.number("minRecessMm"),
                m.number("maxSpeedMmPerS"),
                m.number("accelMmPerS2"),
                m.number("scaleTolerance"),
                m.number("homeSwitchToleranceMm"));
    }

    private static DepthSpec depth(MapReader m) {
        // Unlocking deep needling is opt-in: leaving the key out must never enable it.
        return new DepthSpec(m.number("minMm"), m.number("maxMm"), m.number("stepMm"), m.number("ceilingMm"),
                m.flag("unlockAboveCeiling", false));
    }

    private static RateSpec rate(MapReader m) {
        return new RateSpec(m.number("minHz"), m.number("maxHz"), m.number("stepHz"));
    }

    private static SkinSpec skin(MapReader m) {
        return new SkinSpec(m.number("insertionForcePerNeedleN"), m.number("withdrawalFraction"));
    }

    private static List<CartridgeType> cartridges(List<MapReader> items) {
        return items.stream()
                .map(m -> new CartridgeType(m.text("name"), m.wholeNumber("needles"), m.number("maxRateHz"),
                        m.number("maxDepthMm")))
                .toList();
    }

    private static List<Preset> presets(List<MapReader> items) {
        return items.stream()
                .map(m -> new Preset(m.text("name"), m.number("depthMm"), m.number("rateHz")))
                .toList();
    }

    private static SafetySpec safety(MapReader m) {
        return new SafetySpec(m.number("warningCelsius"), m.number("warningMaxRateHz"), m.number("cutoffCelsius"),
                m.number("maxContinuousRunMinutes"), m.number("loopOverrunBudgetMillis"));
    }

    private static CalibrationSpec calibration(MapReader m) {
        return new CalibrationSpec(m.number("toleranceMm"), m.wholeNumber("minPoints"), m.number("maxRunHours"),
                m.number("maxAgeDays"), m.number("plausibleOffsetMm"), m.number("plausibleScalePercent"));
    }

    private static TelemetrySpec telemetry(MapReader m) {
        // brokerUrl may be absent or null: the tool then picks a broker (the simulator runs its own).
        return new TelemetrySpec(m.number("sampleRateHz", DEFAULT_SAMPLE_RATE_HZ), m.textOrNull("brokerUrl"),
                m.text("deviceId"), m.text("topicPrefix"));
    }
}
