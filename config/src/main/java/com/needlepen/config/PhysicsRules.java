package com.needlepen.config;

import java.util.List;

/**
 * What the drive can physically do under the worst case ({@link MotorLimits}): every cartridge's
 * top rate must be reachable at the deepest depth it may be used at, and the spring must keep the
 * carrier on the cam at the top rate. A profile that promises more fails to load rather than
 * stalling or letting the carrier hammer in use.
 */
final class PhysicsRules implements Rule {

    @Override
    public void check(DeviceProfile p, RuleContext ctx) {
        SupplySpec s = p.supply();
        // The worst case uses minVolts; an unordered range would make it an optimistic case.
        if (!(s.minVolts() <= s.nominalVolts() && s.nominalVolts() <= s.maxVolts())) {
            throw ctx.fail("supply.nominalVolts", "%s V is out of range; allowed supply.minVolts to supply.maxVolts, %s to %s V",
                    RuleContext.num(s.nominalVolts()), RuleContext.num(s.minVolts()), RuleContext.num(s.maxVolts()));
        }
        MotorLimits limits = p.motorLimits();
        List<CartridgeType> types = p.cartridges();
        for (int i = 0; i < types.size(); i++) {
            CartridgeType t = types.get(i);
            double depthMm = Math.min(t.maxDepthMm(), p.depth().selectableMaxMm());
            double reach = limits.maxRateHz(depthMm, t.needles());
            if (reach + RuleContext.EPSILON < t.maxRateHz()) {
                throw ctx.fail("cartridges[" + i + "].maxRateHz",
                        "%s Hz is not reachable: this motor reaches %s Hz %s with %d needles at %s mm "
                                + "(hot winding at %s °C, %s %% duty); allowed at most %s Hz",
                        RuleContext.num(t.maxRateHz()), RuleContext.floor1(reach), limits.worstCaseWords(),
                        t.needles(), RuleContext.num(depthMm), RuleContext.num(p.motor().maxWindingCelsius()),
                        RuleContext.num(p.motor().maxDutyFraction() * 100), RuleContext.floor1(reach));
            }
        }
        double maxHz = p.rate().maxHz();
        double springHz = limits.springLimitedRateHz();
        if (springHz + RuleContext.EPSILON < maxHz) {
            CamSpec cam = p.cam();
            double needed = limits.springForceNeededN(maxHz);
            throw ctx.fail("rate.maxHz",
                    "%s Hz outruns the cam spring: it pushes %s N at the top of the stroke, but keeping the carrier "
                            + "on the cam at %s Hz needs %s N x %s margin = %s N; allowed at most %s Hz "
                            + "(or raise cam.springPreloadN or cam.springRateNPerMm)",
                    RuleContext.num(maxHz), RuleContext.floor1(cam.springForceAtTopN()), RuleContext.num(maxHz),
                    RuleContext.ceil1(needed), RuleContext.num(cam.springMargin()),
                    RuleContext.ceil1(needed * cam.springMargin()), RuleContext.floor1(springHz));
        }
    }
}
