package com.needlepen.tools.calibration;

import com.needlepen.hal.sim.SimHandle;

/**
 * The simulated max-hold depth gauge: the deepest true tip protrusion over the revolutions the
 * firmware drove at the point, plus the gauge's seeded noise (standard deviation 0.003 mm).
 */
public final class SimGauge implements MeasurementSource {

    private final SimHandle sim;

    public SimGauge(SimHandle sim) {
        this.sim = sim;
    }

    @Override
    public void resetGauge() {
        sim.resetPeakProtrusion();
    }

    @Override
    public double measure(int index, int count, double commandedMm) {
        return sim.gaugeReadingMm();
    }
}
