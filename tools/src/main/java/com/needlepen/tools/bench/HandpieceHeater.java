package com.needlepen.tools.bench;

import com.needlepen.hal.sim.SimFault;

/**
 * Warms the simulated handpiece to just past its warning temperature and no further, with the
 * sim's extra-heat fault switched on and off. The fault's heat goes into the grip, where the
 * thermistor sits and reads it 5 s late; the firmware's estimate of the nose adds that lag (and the
 * hand's offset), so the grip itself is what the switch watches: the warning comes, the cut-off does not.
 */
final class HandpieceHeater {

    /** How far past the warning the handpiece is aimed, °C: enough to cross it, well short of the cut-off. */
    private static final double PAST_WARNING_CELSIUS = 0.4;

    private final BenchPen bench;
    private final double targetCelsius;
    private boolean heating;

    HandpieceHeater(BenchPen bench) {
        this.bench = bench;
        var safety = bench.profile.safety();
        this.targetCelsius = Math.min(safety.warningCelsius() + PAST_WARNING_CELSIUS,
                (safety.warningCelsius() + safety.cutoffCelsius()) / 2);
    }

    /** Heats while {@code wanted} and the handpiece would settle short of the target; otherwise not. */
    void update(boolean wanted) {
        boolean on = false;
        if (wanted) {
            on = bench.sim.gripCelsius() + bench.profile.thermal().handOffsetK() < targetCelsius;
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
