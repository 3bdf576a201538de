package com.needlepen.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Cartridge types: at least one, each named once, none deeper than the profile's depth range. */
final class CartridgeRules implements Rule {

    @Override
    public void check(DeviceProfile p, RuleContext ctx) {
        List<CartridgeType> types = p.cartridges();
        if (types.isEmpty()) {
            throw ctx.fail("cartridges", "at least one cartridge type is required; the pen cannot run without one");
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < types.size(); i++) {
            CartridgeType t = types.get(i);
            String at = "cartridges[" + i + "]";
            uniqueName(ctx, at, t.name(), i, firstIndex, "cartridges");
            if (t.maxDepthMm() > p.depth().maxMm() + RuleContext.EPSILON) {
                throw ctx.fail(at + ".maxDepthMm", "%s mm is deeper than depth.maxMm; allowed at most %s mm",
                        RuleContext.num(t.maxDepthMm()), RuleContext.num(p.depth().maxMm()));
            }
        }
    }

    /**
     * Throws if {@code name} is blank or was already used in the same list; shared with presets,
     * which are also looked up by name.
     */
    static void uniqueName(RuleContext ctx, String at, String name, int index, Map<String, Integer> firstIndex,
                           String list) {
        if (name.isBlank()) {
            throw ctx.fail(at + ".name", "must not be empty");
        }
        Integer first = firstIndex.putIfAbsent(name, index);
        if (first != null) {
            String firstAt = list + "[" + first + "]";
            throw ctx.fail(at + ".name", "'%s' is a duplicate name; already used by %s on line %d; names must be unique",
                    name, firstAt, ctx.lineOf(firstAt + ".name"));
        }
    }
}
