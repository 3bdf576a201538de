package com.needlepen.config;

/**
 * Tuning values whose safe range depends on the rest of the profile: the overspeed line must be
 * crossed by every runaway and must be reached before the carrier leaves the cam; the zero check
 * must search past its own tolerance, or a home switch that never closes would pass it.
 */
final class TuningRules implements Rule {

    @Override
    public void check(DeviceProfile p, RuleContext ctx) {
        overspeedLine(p, ctx);
        zeroCheckSearch(p, ctx);
    }

    private static void overspeedLine(DeviceProfile p, RuleContext ctx) {
        double factor = p.tuning().overspeed().maxRateFactor();
        double maxHz = p.rate().maxHz();
        double lineHz = factor * maxHz;
        MotorLimits limits = p.motorLimits();
        double springHz = limits.springLimitedRateHz();
        double runawayHz = limits.runawayRateHz();
        // two decimals, rounded down, and strictly under the runaway's rate
        String allowed = RuleContext.num(Math.floor((Math.min(springHz, runawayHz) - 1e-9) / maxHz * 100.0) / 100.0);
        String path = "tuning.overspeed.maxRateFactor";
        if (lineHz > springHz) {
            throw ctx.fail(path, "%s puts the overspeed line at %s Hz, above the %s Hz up to which the cam spring keeps "
                            + "the carrier on the cam (with cam.springMargin): a runaway would throw the needles past "
                            + "the set depth before it faults; allowed at most %s",
                    RuleContext.num(factor), RuleContext.floor1(lineHz), RuleContext.floor1(springHz), allowed);
        }
        if (lineHz >= runawayHz) {
            throw ctx.fail(path, "%s puts the overspeed line at %s Hz, but a drive stuck at full duty reaches only %s Hz "
                            + "at %s V with a hot winding and no skin load, so a runaway might never cross it; "
                            + "allowed at most %s",
                    RuleContext.num(factor), RuleContext.floor1(lineHz), RuleContext.floor1(runawayHz),
                    RuleContext.num(p.supply().minVolts()), allowed);
        }
    }

    private static void zeroCheckSearch(DeviceProfile p, RuleContext ctx) {
        double stepsPerMm = p.collar().stepsPerMm();
        double pastMm = p.tuning().zeroCheck().probePastMm();
        double toleranceMm = p.calibration().toleranceMm();
        // In steps, rounded as the firmware rounds them: a switch not found is reported as found the
        // whole search away, which must be judged beyond the tolerance.
        if (Math.round(pastMm * stepsPerMm) <= Math.round(toleranceMm * stepsPerMm)) {
            throw ctx.fail("tuning.zeroCheck.probePastMm", "%s mm does not search past calibration.toleranceMm (%s mm): "
                            + "a home switch that never closed would pass the zero check; allowed more than %s mm",
                    RuleContext.num(pastMm), RuleContext.num(toleranceMm), RuleContext.num(toleranceMm));
        }
    }
}
