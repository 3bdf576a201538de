package com.needlepen.config;

/**
 * The safety limits against each other: the rate comes down before the needles stop, and the
 * supervisor sees a late loop before the driver's dead-man does.
 */
final class SafetyRules implements Rule {

    @Override
    public void check(DeviceProfile p, RuleContext ctx) {
        SafetySpec safety = p.safety();
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
