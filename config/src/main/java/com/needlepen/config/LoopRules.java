package com.needlepen.config;

/** The loop's wait: a spin margin as long as the period would spin the whole time. */
final class LoopRules implements Rule {

    @Override
    public void check(DeviceProfile p, RuleContext ctx) {
        LoopSpec loop = p.loop();
        if (loop.waitStrategy() == LoopSpec.Wait.PARK_THEN_SPIN && loop.spinMarginMicros() * 2 > loop.periodMicros()) {
            throw ctx.fail("loop.spinMarginMicros", "%d µs would spin more than half of every %d µs period;"
                    + " allowed at most loop.periodMicros / 2 = %d µs", loop.spinMarginMicros(), loop.periodMicros(),
                    loop.periodMicros() / 2);
        }
    }
}
