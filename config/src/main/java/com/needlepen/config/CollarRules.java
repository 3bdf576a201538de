package com.needlepen.config;

/**
 * The depth collar's geometry against the cam: the hard stop must keep the tips hidden at the
 * bottom of every stroke, homing must retract them, and the travel must reach the hard stop.
 */
final class CollarRules implements Rule {

    @Override
    public void check(DeviceProfile p, RuleContext ctx) {
        CollarSpec k = p.collar();
        CamSpec cam = p.cam();
        // Depth is protrusion at the top of the stroke; at the bottom the tips sit strokeMm further
        // back. If the hard stop allowed more than stroke - recess, tips would show between strokes.
        double hiddenLimit = cam.strokeMm() - k.minRecessMm();
        if (k.absoluteMaxDepthMm() > hiddenLimit + RuleContext.EPSILON) {
            throw ctx.fail("collar.absoluteMaxDepthMm",
                    "%s mm would leave the tips less than collar.minRecessMm (%s mm) hidden at the bottom of the "
                            + "stroke; allowed at most cam.strokeMm - collar.minRecessMm = %s - %s = %s mm",
                    RuleContext.num(k.absoluteMaxDepthMm()), RuleContext.num(k.minRecessMm()),
                    RuleContext.num(cam.strokeMm()), RuleContext.num(k.minRecessMm()), RuleContext.num(hiddenLimit));
        }
        double minDepth = p.depth().minMm();
        if (!(k.homeDepthMm() < minDepth)) {
            throw ctx.fail("collar.homeDepthMm",
                    "%s mm must be shallower than depth.minMm (%s mm) so that homing retracts the tips; allowed below %s mm",
                    RuleContext.num(k.homeDepthMm()), RuleContext.num(minDepth), RuleContext.num(minDepth));
        }
        double reach = k.homeDepthMm() + k.travelMm();
        if (reach < k.absoluteMaxDepthMm() - RuleContext.EPSILON) {
            throw ctx.fail("collar.travelMm",
                    "%s mm does not reach the hard stop: collar.homeDepthMm + travelMm = %s mm, short of "
                            + "collar.absoluteMaxDepthMm (%s mm); allowed at least %s mm",
                    RuleContext.num(k.travelMm()), RuleContext.num(reach), RuleContext.num(k.absoluteMaxDepthMm()),
                    RuleContext.num(k.absoluteMaxDepthMm() - k.homeDepthMm()));
        }
    }
}
