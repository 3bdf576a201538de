package com.needlepen.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Presets: unique names, and a depth and rate the practitioner could also select by hand. */
final class PresetRules implements Rule {

    @Override
    public void check(DeviceProfile p, RuleContext ctx) {
        DepthSpec d = p.depth();
        RateSpec r = p.rate();
        List<Preset> presets = p.presets();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < presets.size(); i++) {
            Preset preset = presets.get(i);
            String at = "presets[" + i + "]";
            CartridgeRules.uniqueName(ctx, at, preset.name(), i, firstIndex, "presets");
            checkDepth(ctx, at + ".depthMm", preset, d);
            if (!(preset.rateHz() >= r.minHz() - RuleContext.EPSILON && preset.rateHz() <= r.maxHz() + RuleContext.EPSILON)) {
                throw ctx.fail(at + ".rateHz", "preset '%s' rate %s Hz is out of range; allowed rate.minHz to rate.maxHz, %s to %s Hz",
                        preset.name(), RuleContext.num(preset.rateHz()), RuleContext.num(r.minHz()), RuleContext.num(r.maxHz()));
            }
            RateRules.onStep(ctx, at + ".rateHz", preset.rateHz(), r.stepHz());
        }
    }

    private static void checkDepth(RuleContext ctx, String path, Preset preset, DepthSpec d) {
        double top = d.selectableMaxMm();
        // Name the limit the way the practitioner meets it: the ceiling, unless it is unlocked.
        String limit = d.unlockAboveCeiling() ? "depth.maxMm of " + RuleContext.num(top) + " mm"
                : RuleContext.num(top) + " mm ceiling";
        if (preset.depthMm() > top + RuleContext.EPSILON) {
            throw ctx.fail(path, "preset '%s' depth %s mm is above the %s; allowed %s to %s mm", preset.name(),
                    RuleContext.num(preset.depthMm()), limit, RuleContext.num(d.minMm()), RuleContext.num(top));
        }
        if (!(preset.depthMm() >= d.minMm() - RuleContext.EPSILON)) {
            throw ctx.fail(path, "preset '%s' depth %s mm is below depth.minMm; allowed %s to %s mm", preset.name(),
                    RuleContext.num(preset.depthMm()), RuleContext.num(d.minMm()), RuleContext.num(top));
        }
        DepthRules.onStep(ctx, path, preset.depthMm(), d.stepMm());
    }
}
