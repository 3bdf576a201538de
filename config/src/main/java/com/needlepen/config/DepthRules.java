package com.needlepen.config;

/** The selectable depth range: ordered, on the step grid, under the ceiling and the hard stop. */
final class DepthRules implements Rule {

    /**
     * The deepest a practitioner may go without the explicit unlock. 1.5 mm is the common upper
     * end for cosmetic microneedling outside clinical settings; deeper needs a deliberate opt-in.
     */
    static final double SAFE_CEILING_MM = 1.5;

    @Override
    public void check(DeviceProfile p, RuleContext ctx) {
        DepthSpec d = p.depth();
        if (!(d.maxMm() > d.minMm())) {
            throw ctx.fail("depth.maxMm", "%s mm must be deeper than depth.minMm (%s mm)",
                    RuleContext.num(d.maxMm()), RuleContext.num(d.minMm()));
        }
        if (d.ceilingMm() < d.minMm() - RuleContext.EPSILON || d.ceilingMm() > d.maxMm() + RuleContext.EPSILON) {
            throw ctx.fail("depth.ceilingMm", "%s mm is out of range; allowed depth.minMm to depth.maxMm, %s to %s mm",
                    RuleContext.num(d.ceilingMm()), RuleContext.num(d.minMm()), RuleContext.num(d.maxMm()));
        }
        if (!d.unlockAboveCeiling() && d.ceilingMm() > SAFE_CEILING_MM + RuleContext.EPSILON) {
            throw ctx.fail("depth.ceilingMm",
                    "%s mm is above the %s mm safe ceiling; allowed at most %s mm unless depth.unlockAboveCeiling is true",
                    RuleContext.num(d.ceilingMm()), RuleContext.num(SAFE_CEILING_MM), RuleContext.num(SAFE_CEILING_MM));
        }
        double hardStop = p.collar().absoluteMaxDepthMm();
        if (d.maxMm() > hardStop + RuleContext.EPSILON) {
            throw ctx.fail("depth.maxMm", "%s mm is deeper than the collar's hard stop; allowed at most "
                    + "collar.absoluteMaxDepthMm, %s mm", RuleContext.num(d.maxMm()), RuleContext.num(hardStop));
        }
        clearOfHardStop(p, ctx);
        onStep(ctx, "depth.minMm", d.minMm(), d.stepMm());
        onStep(ctx, "depth.maxMm", d.maxMm(), d.stepMm());
        onStep(ctx, "depth.ceilingMm", d.ceilingMm(), d.stepMm());
    }

    /**
     * The deepest selectable depth must stay short of the hard stop on every unit within tolerance:
     * calibration commands it through the nominal steps per mm, and a collar that travels long, with
     * its home switch deep, goes further than commanded. A stepper pushing the stop loses steps,
     * which faults (F16), so such a profile could never be calibrated.
     */
    private static void clearOfHardStop(DeviceProfile p, RuleContext ctx) {
        CollarSpec k = p.collar();
        double maxMm = p.depth().maxMm();
        double worst = k.worstCaseTrueDepthMm(maxMm);
        double stop = k.absoluteMaxDepthMm();
        if (worst > stop - RuleContext.EPSILON) {
            double allowed = k.homeDepthMm() + (stop - k.homeDepthMm() - k.homeSwitchToleranceMm()) / (1.0 + k.scaleTolerance());
            double onGrid = Math.floor((allowed - RuleContext.EPSILON) / p.depth().stepMm()) * p.depth().stepMm();
            throw ctx.fail("depth.maxMm", "%s mm leaves no room before the collar's hard stop: a unit within "
                            + "collar.scaleTolerance (%s) and collar.homeSwitchToleranceMm (%s mm) is at %s mm when "
                            + "%s mm is commanded, not short of collar.absoluteMaxDepthMm (%s mm); allowed at most %s mm",
                    RuleContext.num(maxMm), RuleContext.num(k.scaleTolerance()), RuleContext.num(k.homeSwitchToleranceMm()),
                    RuleContext.num(worst), RuleContext.num(maxMm), RuleContext.num(stop), RuleContext.num(onGrid));
        }
    }

    /** Throws unless {@code value} is on the depth step (see {@link RuleContext#onStep}). */
    static void onStep(RuleContext ctx, String path, double value, double stepMm) {
        ctx.onStep(path, value, stepMm, "depth.stepMm", "mm");
    }
}
