package com.needlepen.config;

import java.util.List;

/**
 * Physical ranges for every numeric field, checked before any cross-field rule so those never see
 * a zero resistance or a negative mass. The ranges are generous bounds for a hand-held pen,
 * meant to catch a unit or decimal-point slip (ohm for milliohm, 25 for 2.5), not to pin a design.
 */
final class BoundsRules implements Rule {

    static final Range VOLTS = Range.closed(3, 48, "V");
    static final Range TORQUE_CONSTANT = Range.closed(0.001, 0.1, "N m/A");
    static final Range RESISTANCE = Range.closed(0.1, 100, "ohm");
    static final Range WINDING_CELSIUS = Range.closed(40, 180, "°C");
    static final Range INERTIA = Range.closed(1e-9, 1e-4, "kg m2");
    static final Range FRICTION_TORQUE = Range.closed(0, 0.05, "N m");
    static final Range VISCOUS = Range.closed(0, 1e-3, "N m s/rad");
    static final Range DUTY = Range.aboveUpTo(0, 1, "");
    static final Range CURRENT = Range.closed(0.05, 10, "A");
    static final Range DEADMAN = Range.closed(5, 1000, "ms");
    static final Range STROKE = Range.closed(0.5, 6, "mm");
    static final Range CARRIER_MASS = Range.closed(0.0001, 0.05, "kg");
    static final Range SPRING_PRELOAD = Range.closed(0, 50, "N");
    static final Range SPRING_RATE = Range.closed(0, 20, "N/mm");
    static final Range SPRING_MARGIN = Range.closed(1, 10, "");
    static final Range STEPS_PER_MM = Range.closed(10, 100_000, "steps/mm");
    static final Range COLLAR_TRAVEL = Range.closed(0.5, 10, "mm");
    static final Range HOME_DEPTH = Range.closed(-5, 0, "mm");
    static final Range ABSOLUTE_MAX_DEPTH = Range.closed(0.1, 5, "mm");
    /** Tips at least 0.2 mm inside the nose at the bottom of every stroke, even at the hard stop. */
    static final Range MIN_RECESS = Range.closed(0.2, 3, "mm");
    static final Range COLLAR_SPEED = Range.closed(0.1, 50, "mm/s");
    static final Range COLLAR_ACCEL = Range.closed(1, 1000, "mm/s2");
    /** A unit's collar scale and home switch spread: zero is no real part; 20 % or 1 mm is a slip. */
    static final Range COLLAR_SCALE_TOLERANCE = Range.closed(0.001, 0.2, "");
    static final Range HOME_SWITCH_TOLERANCE = Range.closed(0.001, 1, "mm");
    static final Range DEPTH = Range.closed(0, 5, "mm");
    static final Range DEPTH_STEP = Range.closed(0.01, 0.5, "mm");
    static final Range RATE = Range.closed(1, 300, "Hz");
    static final Range RATE_STEP = Range.aboveUpTo(0, 50, "Hz");
    static final Range INSERTION_FORCE = Range.closed(0.01, 5, "N");
    static final Range WITHDRAWAL_FRACTION = Range.closed(0, 1, "");
    static final Range NEEDLES = Range.closed(1, 100, "needles");
    static final Range CARTRIDGE_DEPTH = Range.aboveUpTo(0, 5, "mm");
    static final Range LOOP_PERIOD = Range.closed(100, 10_000, "µs");
    static final Range SAMPLE_RATE = Range.aboveUpTo(0, 100, "Hz");
    static final Range CALIBRATION_TOLERANCE = Range.closed(0.005, 0.2, "mm");
    /** Fewer than 7 points cannot show a curve between them; more than 200 is a slip. */
    static final Range CALIBRATION_POINTS = Range.closed(7, 200, "points");
    static final Range CALIBRATION_RUN_HOURS = Range.aboveUpTo(0, 10_000, "h");
    static final Range CALIBRATION_AGE_DAYS = Range.aboveUpTo(0, 3_650, "days");
    static final Range CALIBRATION_PLAUSIBLE_OFFSET = Range.closed(0.02, 1.0, "mm");
    static final Range CALIBRATION_PLAUSIBLE_SCALE = Range.closed(0.5, 30, "%");
    /** The applied-part surface limit of IEC 60601-1 is 41 °C: no profile may set a higher cut-off. */
    static final Range CUTOFF_CELSIUS = Range.closed(30, 41, "°C");
    static final Range WARNING_CELSIUS = Range.closed(30, 41, "°C");
    static final Range CONTINUOUS_RUN_MINUTES = Range.aboveUpTo(0, 120, "min");
    static final Range LOOP_OVERRUN_MILLIS = Range.closed(1, 1000, "ms");

    @Override
    public void check(DeviceProfile p, RuleContext ctx) {
        SupplySpec s = p.supply();
        ctx.inRange("supply.minVolts", s.minVolts(), VOLTS);
        ctx.inRange("supply.nominalVolts", s.nominalVolts(), VOLTS);
        ctx.inRange("supply.maxVolts", s.maxVolts(), VOLTS);

        MotorSpec m = p.motor();
        ctx.inRange("motor.torqueConstantNmPerA", m.torqueConstantNmPerA(), TORQUE_CONSTANT);
        ctx.inRange("motor.resistanceOhm20C", m.resistanceOhm20C(), RESISTANCE);
        ctx.inRange("motor.maxWindingCelsius", m.maxWindingCelsius(), WINDING_CELSIUS);
        ctx.inRange("motor.inertiaKgM2", m.inertiaKgM2(), INERTIA);
        ctx.inRange("motor.frictionTorqueNm", m.frictionTorqueNm(), FRICTION_TORQUE);
        ctx.inRange("motor.viscousNmPerRadPerS", m.viscousNmPerRadPerS(), VISCOUS);
        ctx.inRange("motor.maxDutyFraction", m.maxDutyFraction(), DUTY);
        ctx.inRange("motor.maxCurrentAmps", m.maxCurrentAmps(), CURRENT);
        ctx.inRange("motor.deadmanMillis", m.deadmanMillis(), DEADMAN);

        CamSpec c = p.cam();
        ctx.inRange("cam.strokeMm", c.strokeMm(), STROKE);
        ctx.inRange("cam.carrierMassKg", c.carrierMassKg(), CARRIER_MASS);
        ctx.inRange("cam.springPreloadN", c.springPreloadN(), SPRING_PRELOAD);
        ctx.inRange("cam.springRateNPerMm", c.springRateNPerMm(), SPRING_RATE);
        ctx.inRange("cam.springMargin", c.springMargin(), SPRING_MARGIN);

        CollarSpec k = p.collar();
        ctx.inRange("collar.stepsPerMm", k.stepsPerMm(), STEPS_PER_MM);
        ctx.inRange("collar.travelMm", k.travelMm(), COLLAR_TRAVEL);
        ctx.inRange("collar.homeDepthMm", k.homeDepthMm(), HOME_DEPTH);
        ctx.inRange("collar.absoluteMaxDepthMm", k.absoluteMaxDepthMm(), ABSOLUTE_MAX_DEPTH);
        ctx.inRange("collar.minRecessMm", k.minRecessMm(), MIN_RECESS);
        ctx.inRange("collar.maxSpeedMmPerS", k.maxSpeedMmPerS(), COLLAR_SPEED);
        ctx.inRange("collar.accelMmPerS2", k.accelMmPerS2(), COLLAR_ACCEL);
        ctx.inRange("collar.scaleTolerance", k.scaleTolerance(), COLLAR_SCALE_TOLERANCE);
        ctx.inRange("collar.homeSwitchToleranceMm", k.homeSwitchToleranceMm(), HOME_SWITCH_TOLERANCE);

        DepthSpec d = p.depth();
        ctx.inRange("depth.minMm", d.minMm(), DEPTH);
        ctx.inRange("depth.maxMm", d.maxMm(), DEPTH);
        ctx.inRange("depth.stepMm", d.stepMm(), DEPTH_STEP);
        ctx.inRange("depth.ceilingMm", d.ceilingMm(), DEPTH);

        ctx.inRange("rate.minHz", p.rate().minHz(), RATE);
        ctx.inRange("rate.maxHz", p.rate().maxHz(), RATE);
        ctx.inRange("rate.stepHz", p.rate().stepHz(), RATE_STEP);

        ctx.inRange("skin.insertionForcePerNeedleN", p.skin().insertionForcePerNeedleN(), INSERTION_FORCE);
        ctx.inRange("skin.withdrawalFraction", p.skin().withdrawalFraction(), WITHDRAWAL_FRACTION);

        List<CartridgeType> types = p.cartridges();
        for (int i = 0; i < types.size(); i++) {
            String at = "cartridges[" + i + "].";
            ctx.inRange(at + "needles", types.get(i).needles(), NEEDLES);
            ctx.inRange(at + "maxRateHz", types.get(i).maxRateHz(), RATE);
            ctx.inRange(at + "maxDepthMm", types.get(i).maxDepthMm(), CARTRIDGE_DEPTH);
        }
        // Preset depths and rates are bounded by depth.* and rate.* in PresetRules.

        ctx.inRange("loop.periodMicros", p.loop().periodMicros(), LOOP_PERIOD);
        ctx.inRange("telemetry.sampleRateHz", p.telemetry().sampleRateHz(), SAMPLE_RATE);

        CalibrationSpec cal = p.calibration();
        ctx.inRange("calibration.toleranceMm", cal.toleranceMm(), CALIBRATION_TOLERANCE);
        ctx.inRange("calibration.minPoints", cal.minPoints(), CALIBRATION_POINTS);
        ctx.inRange("calibration.maxRunHours", cal.maxRunHours(), CALIBRATION_RUN_HOURS);
        ctx.inRange("calibration.maxAgeDays", cal.maxAgeDays(), CALIBRATION_AGE_DAYS);
        ctx.inRange("calibration.plausibleOffsetMm", cal.plausibleOffsetMm(), CALIBRATION_PLAUSIBLE_OFFSET);
        ctx.inRange("calibration.plausibleScalePercent", cal.plausibleScalePercent(), CALIBRATION_PLAUSIBLE_SCALE);

        SafetySpec safety = p.safety();
        ctx.inRange("safety.warningCelsius", safety.warningCelsius(), WARNING_CELSIUS);
        ctx.inRange("safety.cutoffCelsius", safety.cutoffCelsius(), CUTOFF_CELSIUS);
        ctx.inRange("safety.maxContinuousRunMinutes", safety.maxContinuousRunMinutes(), CONTINUOUS_RUN_MINUTES);
        ctx.inRange("safety.loopOverrunBudgetMillis", safety.loopOverrunBudgetMillis(), LOOP_OVERRUN_MILLIS);
        if (safety.warningCelsius() >= safety.cutoffCelsius()) {
            throw ctx.fail("safety.warningCelsius", "%s °C is not below the %s °C cut-off; allowed below safety.cutoffCelsius",
                    RuleContext.num(safety.warningCelsius()), RuleContext.num(safety.cutoffCelsius()));
        }
        if (safety.loopOverrunBudgetMillis() >= p.motor().deadmanMillis()) {
            throw ctx.fail("safety.loopOverrunBudgetMillis", "%s ms is not below the %d ms dead-man; the supervisor must"
                    + " see a late loop before the driver does", RuleContext.num(safety.loopOverrunBudgetMillis()),
                    p.motor().deadmanMillis());
        }
    }
}
