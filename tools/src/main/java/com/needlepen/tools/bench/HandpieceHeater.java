package com.needlepen.tools.bench;

import com.needlepen.hal.sim.SimFault;

/**
 * Warms the simulated handpiece to just past its warning temperature and no further, with the
 * sim's extra-heat fault switched on and off. The winding's stored heat still flows into the shell
 * after the heat stops (heat stopped at 35 °C still carries it past 39 °C), so the switch looks at
 * where the two would settle, not at the shell alone: the warning comes, the cut-off does not.
 */
final class HandpieceHeater {

    /** How far past the warning the handpiece is aimed, °C: enough to cross it, well short of the cut-off. */
    private static final double PAST_WARNING_CELSIUS = 0.4;

    private final BenchPen bench;
    private final double windingShare;
    private final double targetCelsius;
    private boolean heating;

    HandpieceHeater(BenchPen bench) {
        this.bench = bench;
        var thermal = bench.pen.parameters().thermal();
        this.windingShare = thermal.windingHeatCapacityJPerK()
                / (thermal.windingHeatCapacityJPerK() + thermal.handpieceHeatCapacityJPerK());
        var safety = bench.profile.safety();
        this.targetCelsius = Math.min(safety.warningCelsius() + PAST_WARNING_CELSIUS,
                (safety.warningCelsius() + safety.cutoffCelsius()) / 2);
    }

    /** Heats while {@code wanted} and the handpiece would settle short of the target; otherwise not. */
    void update(boolean wanted) {
        boolean on = false;
        if (wanted) {
            double shell = bench.sim.handpieceCelsius();
            double settles = shell + (bench.sim.windingCelsius() - shell) * windingShare;
            on = settles < targetCelsius;
        }
        if (on != heating) {
            if (on) {
                bench.sim.inject(SimFault.OVERHEATING);
            } else {
                bench.sim.clear(SimFault.OVERHEATING);
            }
            heating = on;
        }
    }
}
