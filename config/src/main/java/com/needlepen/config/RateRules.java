package com.needlepen.config;

import java.util.List;

/**
 * The selectable rate range against the cartridge types: the top of the range is exactly the
 * fastest any cartridge allows, so every selectable rate is usable with some cartridge and no
 * cartridge claims a rate the pen will not offer. The warm handpiece's rate limit lies within the
 * range.
 */
final class RateRules implements Rule {

    @Override
    public void check(DeviceProfile p, RuleContext ctx) {
        RateSpec r = p.rate();
        if (!(r.maxHz() > r.minHz())) {
            throw ctx.fail("rate.maxHz", "%s Hz must be above rate.minHz (%s Hz)",
                    RuleContext.num(r.maxHz()), RuleContext.num(r.minHz()));
        }
        onStep(ctx, "rate.minHz", r.minHz(), r.stepHz());
        onStep(ctx, "rate.maxHz", r.maxHz(), r.stepHz());
        onStep(ctx, "safety.warningMaxRateHz", p.safety().warningMaxRateHz(), r.stepHz());
        List<CartridgeType> types = p.cartridges();
        double fastest = types.stream().mapToDouble(CartridgeType::maxRateHz).max().orElseThrow();
        if (r.maxHz() > fastest + RuleContext.EPSILON) {
            throw ctx.fail("rate.maxHz", "%s Hz is faster than any cartridge allows; allowed at most %s Hz, "
                    + "the highest cartridges[].maxRateHz", RuleContext.num(r.maxHz()), RuleContext.num(fastest));
        }
        for (int i = 0; i < types.size(); i++) {
            CartridgeType t = types.get(i);
            String path = "cartridges[" + i + "].maxRateHz";
            if (t.maxRateHz() > r.maxHz() + RuleContext.EPSILON) {
                throw ctx.fail(path, "%s Hz is above rate.maxHz; allowed at most %s Hz",
                        RuleContext.num(t.maxRateHz()), RuleContext.num(r.maxHz()));
            }
            if (t.maxRateHz() < r.minHz() - RuleContext.EPSILON) {
                throw ctx.fail(path, "%s Hz is below rate.minHz, so cartridge '%s' could never run; allowed %s to %s Hz",
                        RuleContext.num(t.maxRateHz()), t.name(), RuleContext.num(r.minHz()), RuleContext.num(r.maxHz()));
            }
        }
        double warm = p.safety().warningMaxRateHz();
        if (!(warm >= r.minHz() - RuleContext.EPSILON && warm <= r.maxHz() + RuleContext.EPSILON)) {
            throw ctx.fail("safety.warningMaxRateHz", "%s Hz is outside the rate range; allowed rate.minHz to rate.maxHz,"
                    + " %s to %s Hz", RuleContext.num(warm), RuleContext.num(r.minHz()), RuleContext.num(r.maxHz()));
        }
    }

    /** Throws unless {@code value} is on the rate step (see {@link RuleContext#onStep}). */
    static void onStep(RuleContext ctx, String path, double value, double stepHz) {
        ctx.onStep(path, value, stepHz, "rate.stepHz", "Hz");
    }
}
